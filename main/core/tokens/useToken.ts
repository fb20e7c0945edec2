import type { CheckOutcome, CopyFormat, CopyResult } from '../../../preload/contract.js';
import { AppError } from '../errors.js';
import type { TokenRecord } from '../vault/types.js';
import type { ClipboardGuard } from './ClipboardGuard.js';
import { copyText } from './copyText.js';
import { refOf, type TokenContext } from './TokenContext.js';

/** A token that can still be used: not revoked (or being revoked) and not expired. */
function requireUsable(ctx: TokenContext, tokenId: string): TokenRecord {
  const token = ctx.requireToken(tokenId);
  if (token.state === 'revoked' || token.state === 'revoking') {
    throw new AppError('ALREADY_GONE', 'This token was revoked. Mint a new one to get a working token.');
  }
  if (ctx.now() > token.expiresAt) throw new AppError('TOKEN_EXPIRED', 'This token has expired. Mint a new one to get a working token.');
  return token;
}

/**
 * Main writes the clipboard, audited first so no copy goes unrecorded, and clears it later only if it
 * still holds what we wrote (the scheduler owns the timer).
 */
export async function copyToken(ctx: TokenContext, guard: ClipboardGuard, tokenId: string, format?: CopyFormat): Promise<CopyResult> {
  const token = requireUsable(ctx, tokenId);
  const account = ctx.account(token.accountId);
  const chosen = format ?? account?.defaultCopyFormat ?? 'raw';
  const text = copyText(chosen, token, { config: account?.config, meta: token.meta, now: ctx.now() });
  await ctx.audit.append({ action: 'copy', outcome: 'ok', ...ctx.describe(token, account), detail: chosen });
  const seconds = ctx.deps.settings().clipboardClearSeconds;
  const clearsAt = seconds > 0 ? ctx.now() + seconds * 1000 : null;
  await guard.write(text, clearsAt);
  ctx.onClipboardChanged();
  return { format: chosen, clearsAt };
}

/** The value, once, for display behind a user gesture; audited before it leaves. */
export async function revealToken(ctx: TokenContext, tokenId: string): Promise<string> {
  const token = requireUsable(ctx, tokenId);
  await ctx.audit.append({ action: 'reveal', outcome: 'ok', ...ctx.describe(token, ctx.account(token.accountId)) });
  return token.value;
}

/** Asks the server; dead tokens are 'invalid' without a call, providers without a check say 'unknown'. */
export async function checkToken(ctx: TokenContext, tokenId: string): Promise<CheckOutcome> {
  const token = ctx.requireToken(tokenId);
  if (token.state === 'revoked' || ctx.now() > token.expiresAt) return 'invalid';
  const account = ctx.requireAccount(token.accountId);
  const provider = ctx.deps.providers(account.config.kind);
  if (!provider.check) return 'unknown';
  return provider.check({ config: account.config, secrets: account.secrets, token: refOf(token), signal: ctx.abort.signal });
}
