import { isLiveToken } from '../../../preload/contract.js';
import { AppError, DEFAULT_MESSAGES, isAppError } from '../errors.js';
import type { RevokeOutcome } from '../providers/types.js';
import { copyRecord } from '../vault/draft.js';
import type { TokenRecord } from '../vault/types.js';
import { leftoverSink } from './cleanupQueue.js';
import { codeOf, refOf, TokenContext } from './TokenContext.js';

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
export function revokeToken(ctx: TokenContext, tokenId: string): Promise<TokenRecord> {
  const running = ctx.revoking.get(tokenId);
  if (running) return running;
  const token = ctx.requireToken(tokenId);
  if (token.state === 'revoked') return Promise.resolve(token);
  const promise = ctx.track(runRevoke(ctx, tokenId)).finally(() => ctx.revoking.delete(tokenId));
  ctx.revoking.set(tokenId, promise);
  return promise;
}

async function runRevoke(ctx: TokenContext, tokenId: string): Promise<TokenRecord> {
  const token = await ctx.deps.vault.update((data) => {
    const t = TokenContext.tokenIn(data, tokenId);
    t.state = 'revoking';
    return copyRecord(t);
  });
  ctx.changed();

  let outcome: RevokeOutcome | AppError;
  try {
    const account = ctx.requireAccount(token.accountId);
    outcome = await ctx.deps.providers(account.config.kind).revoke({
      config: account.config,
      secrets: account.secrets,
      token: refOf(token),
      signal: ctx.abort.signal,
      leftover: leftoverSink(ctx, account.id, 'temporary session of a revoke'),
    });
  } catch (e) {
    outcome = isAppError(e) ? e : new AppError('INTERNAL', DEFAULT_MESSAGES.INTERNAL, { cause: e });
  }

  const now = ctx.now();
  const account = ctx.account(token.accountId);
  const result = await ctx.deps.vault.update((data) => {
    const t = TokenContext.tokenIn(data, tokenId);
    const base = { action: 'revoke' as const, ...ctx.describe(t, account) };
    if (typeof outcome === 'string' || GONE_CODES.has(outcome.code)) {
      markRevoked(t, now);
      const detail = outcome === 'revoked' ? undefined : 'already gone on the server';
      ctx.audit.appendIn(data, { ...base, outcome: 'ok', detail });
    } else if (now > t.expiresAt) {
      markRevoked(t, now);
      ctx.audit.appendIn(data, { ...base, outcome: outcome.code, detail: 'server call failed; token had expired, marked revoked' });
    } else {
      t.state = 'revoke_failed';
      // Counted so the scheduler's retries back off (see dueWork's revokeRetries).
      t.failure = { code: outcome.code, message: outcome.message, at: now, attempts: (t.failure?.attempts ?? 0) + 1 };
      ctx.audit.appendIn(data, { ...base, outcome: outcome.code });
    }
    return copyRecord(t);
  });
  if (result.state === 'revoke_failed') {
    ctx.deps.logger.warn('revoke failed', { tokenId, code: codeOf(outcome) });
  } else {
    ctx.deps.logger.info('token revoked', { tokenId });
  }
  ctx.changed();
  return result;
}

function markRevoked(token: TokenRecord, now: number): void {
  token.state = 'revoked';
  token.revokedAt = now;
  delete token.failure;
}

/** Revokes every live token of an account, one at a time (providers serialize per key anyway). */
export async function revokeAll(ctx: TokenContext, accountId: string): Promise<{ revoked: number; failed: number }> {
  ctx.requireAccount(accountId);
  const now = ctx.now();
  const targets = ctx.deps.vault
    .read()
    .tokens.filter((t) => t.accountId === accountId && isLiveToken(t, now))
    .map((t) => t.id);
  let revoked = 0;
  let failed = 0;
  for (const id of targets) {
    try {
      const result = await revokeToken(ctx, id);
      if (result.state === 'revoked') revoked++;
      else failed++;
    } catch (e) {
      // A locked vault stops the whole batch; anything else is one token's failure.
      if (isAppError(e) && e.code === 'LOCKED') throw e;
      failed++;
    }
  }
  return { revoked, failed };
}
