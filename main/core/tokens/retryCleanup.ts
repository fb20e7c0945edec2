import { isAppError } from '../errors.js';
import type { CleanupRecord } from '../vault/vaultRecords.js';
import { accountRequest } from './accountRequest.js';
import { cleanupBackoffMs, cleanupErrorOf } from './cleanupQueue.js';
import type { TokenRuntime } from './TokenRuntime.js';

/** One retry of one record: removed once the server confirms, the token has expired, or its account is gone. */
export async function retryCleanup(runtime: TokenRuntime, record: CleanupRecord): Promise<void> {
  const now = runtime.now();
  const account = runtime.account(record.accountId);
  let outcome: 'done' | 'expired' | 'orphaned' | { code: string; message: string };
  if (now > record.token.expiresAt) outcome = 'expired';
  // Stryker disable next-line StringLiteral: 'orphaned' is only the last case of the checks below, which any other string reaches too
  else if (!account) outcome = 'orphaned';
  else {
    try {
      await runtime.provider(account.config.kind).revoke({ ...accountRequest(runtime, account, { leftover: record.reason }), token: structuredClone(record.token) });
      outcome = 'done';
    } catch (e) {
      outcome = isAppError(e) && (e.code === 'ALREADY_GONE' || e.code === 'TOKEN_EXPIRED') ? 'done' : cleanupErrorOf(runtime, e);
    }
  }
  const at = runtime.now();
  await runtime.vault.update((data) => {
    // Stryker disable next-line ArrayDeclaration: the fallback is only searched for a record with this id, which a string element never is
    const list = data.cleanup ?? [];
    const r = list.find((x) => x.id === record.id);
    if (!r) return;
    if (typeof outcome === 'string') {
      data.cleanup = list.filter((x) => x !== r);
      const detail =
        outcome === 'done' ? `${r.reason}: revoked on retry` : outcome === 'expired' ? `${r.reason}: expired before a revoke went through` : `${r.reason}: account removed; left to expire`;
      runtime.audit.appendIn(data, { action: 'revoke', outcome: outcome === 'done' ? 'ok' : outcome === 'expired' ? 'TOKEN_EXPIRED' : 'NOT_FOUND', accountId: r.accountId, accountLabel: account?.label, detail });
      return;
    }
    r.attempts += 1;
    r.lastError = { code: outcome.code, message: outcome.message };
    r.nextAttemptAt = at + cleanupBackoffMs(r.attempts);
  });
  runtime.changed();
}
