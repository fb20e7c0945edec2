import { DEFAULT_MESSAGES, isAppError } from '../errors.js';
import type { LeftoverSink } from '../providers/types.js';
import type { CleanupRecord, VaultData } from '../vault/vaultRecords.js';
import { codeOf } from './codeOf.js';
import type { TokenRuntime } from './TokenRuntime.js';

/** Cleanup retries: 30 s doubling, capped at 30 min (a temporary session lives 24 h at most). */
export const CLEANUP_BACKOFF_BASE_MS = 30_000;
export const CLEANUP_BACKOFF_CAP_MS = 30 * 60_000;

export function cleanupBackoffMs(attempts: number): number {
  return Math.min(CLEANUP_BACKOFF_CAP_MS, CLEANUP_BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

/**
 * The sink every provider call gets: a credential whose revoke failed is queued in the vault (stored
 * and encrypted the way tokens are) and retried by the scheduler; if even that write fails it is
 * logged, with no value, so it is never silent.
 */
export function leftoverSink(runtime: TokenRuntime, accountId: string, reason: string): LeftoverSink {
  return (token, error) => {
    const now = runtime.now();
    // Unconditional: the redactor itself skips an empty (or too short) value.
    runtime.redactor.add(token.value);
    const record: CleanupRecord = {
      id: runtime.newId(),
      accountId,
      token: structuredClone(token),
      reason,
      createdAt: now,
      attempts: 1,
      nextAttemptAt: now + cleanupBackoffMs(1),
      lastError: cleanupErrorOf(runtime, error),
    };
    const queued = runtime.vault
      .update((data) => {
        (data.cleanup ??= []).push(record);
      })
      .then(() => runtime.changed())
      .catch((e: unknown) =>
        runtime.logger.error('a credential left on the server could not be queued for revoking', { accountId, kind: token.kind, code: codeOf(e), expiresAt: token.expiresAt }),
      );
    runtime.track(queued);
  };
}

/** Records due now, and the nearest future due time. Records past their token's expiry are due (to be dropped). */
export function dueCleanup(data: Pick<VaultData, 'cleanup'>, inFlight: ReadonlySet<string>, now: number): { due: CleanupRecord[]; nextAt: number | null } {
  const due: CleanupRecord[] = [];
  let nextAt: number | null = null;
  for (const r of data.cleanup ?? []) {
    if (inFlight.has(r.id)) continue;
    const at = Math.min(r.nextAttemptAt, r.token.expiresAt + 1);
    if (at <= now) due.push(r);
    else nextAt = Math.min(nextAt ?? at, at);
  }
  return { due, nextAt };
}

/** A failed call's code and redacted message, as a cleanup record keeps them. */
export function cleanupErrorOf(runtime: TokenRuntime, e: unknown): { code: string; message: string } {
  return { code: codeOf(e), message: runtime.redactor.redact(isAppError(e) ? e.message : DEFAULT_MESSAGES.INTERNAL) };
}
