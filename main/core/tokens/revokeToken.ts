import { AppError, DEFAULT_MESSAGES, isAppError } from '../errors.js';
import type { RevokeOutcome } from '../providers/types.js';
import { copyRecord } from '../vault/draft.js';
import type { TokenRecord } from '../vault/vaultRecords.js';
import { accountRequest } from './accountRequest.js';
import { codeOf } from './codeOf.js';
import { refOf } from './refOf.js';
import { tokenIn } from './tokenIn.js';
import type { TokenRuntime } from './TokenRuntime.js';

/** Codes that mean the server no longer honours the token: as good as a confirmed revoke. */
const GONE_CODES = new Set(['ALREADY_GONE', 'TOKEN_EXPIRED']);

/**
 * One-click revoke: revoking → revoked, or revoke_failed (kept, retryable) if the server call fails.
 * A token is never dropped here; retention removes it later, once it is revoked or expired.
 *
 * Revoked-by-expiry: if the server call fails but the token had already expired when we asked, it is
 * marked revoked anyway (audit outcome = the error code, detail says so). An expired token is dead on
 * the server whatever the call did, and keeping it as a failure would only ask the user to retry
 * something that cannot matter.
 */
export function revokeToken(runtime: TokenRuntime, tokenId: string): Promise<TokenRecord> {
  const running = runtime.revokeInFlight(tokenId);
  if (running) return running;
  const token = runtime.requireToken(tokenId);
  if (token.state === 'revoked') return Promise.resolve(token);
  return runtime.revokeOnce(tokenId, () => runRevoke(runtime, tokenId));
}

async function runRevoke(runtime: TokenRuntime, tokenId: string): Promise<TokenRecord> {
  const token = await runtime.vault.update((data) => {
    const t = tokenIn(data, tokenId);
    t.state = 'revoking';
    return copyRecord(t);
  });
  runtime.changed();

  let outcome: RevokeOutcome | AppError;
  try {
    const account = runtime.requireAccount(token.accountId);
    outcome = await runtime.provider(account.config.kind).revoke({
      ...accountRequest(runtime, account, { leftover: 'temporary session of a revoke' }),
      token: refOf(token),
    });
  } catch (e) {
    // Stryker disable next-line ObjectLiteral: the outcome is never thrown; only its code and message are kept and logged, so its cause is never seen
    outcome = isAppError(e) ? e : new AppError('INTERNAL', DEFAULT_MESSAGES.INTERNAL, { cause: e });
  }

  const now = runtime.now();
  const account = runtime.account(token.accountId);
  const result = await runtime.vault.update((data) => {
    const t = tokenIn(data, tokenId);
    const base = { action: 'revoke' as const, ...runtime.describe(t, account) };
    if (typeof outcome === 'string' || GONE_CODES.has(outcome.code)) {
      markRevoked(t, now);
      const detail = outcome === 'revoked' ? undefined : 'already gone on the server';
      runtime.audit.appendIn(data, { ...base, outcome: 'ok', detail });
    } else if (now > t.expiresAt) {
      markRevoked(t, now);
      runtime.audit.appendIn(data, { ...base, outcome: outcome.code, detail: 'server call failed; token had expired, marked revoked' });
    } else {
      t.state = 'revoke_failed';
      // Counted so the scheduler's retries back off (see dueWork's revokeRetries).
      t.failure = { code: outcome.code, message: outcome.message, at: now, attempts: (t.failure?.attempts ?? 0) + 1 };
      runtime.audit.appendIn(data, { ...base, outcome: outcome.code });
    }
    return copyRecord(t);
  });
  if (result.state === 'revoke_failed') {
    runtime.logger.warn('revoke failed', { tokenId, code: codeOf(outcome) });
  } else {
    runtime.logger.info('token revoked', { tokenId });
  }
  runtime.changed();
  return result;
}

function markRevoked(token: TokenRecord, now: number): void {
  token.state = 'revoked';
  token.revokedAt = now;
  delete token.failure;
}
