import type { TokensService } from '../../serviceTypes.js';
import { AuditLog } from '../audit/AuditLog.js';
import { AppError } from '../errors.js';
import type { MintRequest } from '../providers/types.js';
import { ClipboardGuard } from './ClipboardGuard.js';
import { mintToken, type MintPlan } from './mintToken.js';
import { revokeAll, revokeToken } from './revokeToken.js';
import { SigningPreviews } from './SigningPreviews.js';
import { codeOf, TokenContext, type TokenServiceDeps } from './TokenContext.js';
import { TokenScheduler } from './TokenScheduler.js';
import { checkToken, copyToken, revealToken } from './useToken.js';

export type { TokenServiceDeps } from './TokenContext.js';

/** main/serviceTypes.ts's TokensService, plus what main drives. */
export interface TokenService extends TokensService {
  /**
   * Re-decides every schedule from the clock and re-emits the list. Main calls it after resume or a
   * clock change, after a settings change, and after an account change (auto-renew toggled, account
   * and its tokens removed).
   */
  reevaluate(): void;
  /** Resolves when no background work (renewals, revokes, retention, alerts) is in flight. */
  settled(): Promise<void>;
  /** Clears the clipboard if it still holds what we copied (lock, quit); true if it did. */
  clearClipboard(): Promise<boolean>;
  /** On quit: clear the clipboard if it still holds our value, stop the timer, stop listening. */
  dispose(): Promise<void>;
}

const APPROVE_FIRST = 'Approve the signing preview first: ask for a preview, check it, then mint with its previewId.';

export function createTokenService(deps: TokenServiceDeps): TokenService {
  const audit = deps.audit ?? new AuditLog(deps.vault, deps.clock, (text) => deps.redactor.redact(text));
  const ctx = new TokenContext(deps, audit);
  const clipboard = new ClipboardGuard(deps.clipboard);
  const scheduler = new TokenScheduler(ctx, clipboard);
  const previews = new SigningPreviews(deps.clock);
  ctx.onChanged = () => scheduler.tick();

  const onLock = (): void => {
    scheduler.stop();
    ctx.abort.abort();
    ctx.abort = new AbortController();
    previews.clear();
    void clipboard.clearIfOurs().then((cleared) => cleared && deps.emit({ type: 'clipboard-cleared' }));
    deps.emit({ type: 'tokens-changed', tokens: [] });
  };

  const onUnlock = (): void => {
    const tokens = deps.vault.read().tokens;
    for (const token of tokens) deps.redactor.add(token.value);
    // A revoke cut short by lock or quit left 'revoking' behind; nobody is waiting for it any more.
    const interrupted = tokens.filter((t) => t.state === 'revoking' && !ctx.revoking.has(t.id)).map((t) => t.id);
    if (interrupted.length > 0) {
      const at = deps.clock.now();
      const repair = deps.vault.update((data) => {
        for (const t of data.tokens) {
          if (!interrupted.includes(t.id) || t.state !== 'revoking') continue;
          t.state = 'revoke_failed';
          t.failure = { code: 'CANCELLED', message: 'Revoking was interrupted before the server answered. Revoke again.', at };
        }
      });
      ctx.track(repair.then(() => ctx.changed())).catch((e: unknown) => deps.logger.warn('interrupted revokes not repaired', { code: codeOf(e) }));
    }
    scheduler.start();
    ctx.changed();
  };

  const unsubscribe = deps.vault.onLockChange((unlocked) => (unlocked ? onUnlock() : onLock()));
  if (deps.vault.isUnlocked()) onUnlock();

  const checkExpiry = (expiresAt: number | undefined): void => {
    if (expiresAt === undefined) return;
    if (!Number.isFinite(expiresAt) || expiresAt <= deps.clock.now()) {
      throw new AppError('BAD_ARGUMENT', 'The expiry must be a time in the future. Pick a later date.');
    }
  };

  return {
    list: async () => ctx.views(),

    async previewMint(accountId, options) {
      const account = ctx.requireAccount(accountId);
      checkExpiry(options.expiresAt);
      const provider = deps.providers(account.config.kind);
      if (!provider.previewMint) throw new AppError('BAD_ARGUMENT', 'This account signs nothing: mint its token directly.');
      const request: MintRequest = { config: account.config, secrets: account.secrets, signal: ctx.abort.signal };
      if (options.expiresAt !== undefined) request.expiresAt = options.expiresAt;
      const preview = await provider.previewMint(request);
      const previewId = ctx.newId();
      previews.put(previewId, accountId, preview);
      return { previewId, ...preview };
    },

    async mint(accountId, options) {
      const account = ctx.requireAccount(accountId);
      checkExpiry(options.expiresAt);
      const plan: MintPlan = { account };
      if (options.expiresAt !== undefined) plan.expiresAt = options.expiresAt;
      if (options.name !== undefined) plan.name = options.name;
      if (account.config.kind === 'ocean') {
        const approved = options.previewId === undefined ? undefined : previews.get(options.previewId, accountId);
        if (!approved) throw new AppError('BAD_ARGUMENT', APPROVE_FIRST, { retryable: false });
        // The user approved this exact message and expiry; mint signs exactly that.
        plan.approved = approved;
        plan.expiresAt = approved.expiresAt;
      }
      const token = await ctx.track(mintToken(ctx, plan));
      if (options.previewId !== undefined) previews.delete(options.previewId);
      ctx.changed();
      return ctx.view(token);
    },

    async revoke(tokenId) {
      return ctx.view(await revokeToken(ctx, tokenId));
    },

    revokeAll: (accountId) => revokeAll(ctx, accountId),

    async checkAccount(accountId) {
      const account = ctx.requireAccount(accountId);
      const provider = deps.providers(account.config.kind);
      if (!provider.checkCredentials) throw new AppError('BAD_ARGUMENT', 'This account has no credentials a server can check: its key signs each token.');
      await provider.checkCredentials({ config: account.config, secrets: account.secrets, signal: ctx.abort.signal });
      return { checkedAt: ctx.now() };
    },

    async clearHistory(accountId) {
      ctx.requireAccount(accountId);
      const now = ctx.now();
      // Only what the window shows as history: revoked, or expired and not being revoked.
      const dead = (t: { accountId: string; state: string; expiresAt: number }): boolean =>
        t.accountId === accountId && (t.state === 'revoked' || (t.state !== 'revoking' && now > t.expiresAt));
      let removed = 0;
      await ctx.track(
        deps.vault.update((data) => {
          const before = data.tokens.length;
          data.tokens = data.tokens.filter((t) => !dead(t));
          removed = before - data.tokens.length;
        }),
      );
      ctx.changed();
      return { removed };
    },
    copy: (tokenId, format) => copyToken(ctx, clipboard, tokenId, format),
    reveal: (tokenId) => revealToken(ctx, tokenId),
    check: (tokenId) => checkToken(ctx, tokenId),
    reevaluate: () => ctx.changed(),
    settled: () => ctx.settled(),

    async clearClipboard() {
      const cleared = await clipboard.clearIfOurs();
      if (cleared) deps.emit({ type: 'clipboard-cleared' });
      return cleared;
    },

    async dispose() {
      unsubscribe();
      scheduler.stop();
      ctx.abort.abort();
      previews.clear();
      if (await clipboard.clearIfOurs()) deps.emit({ type: 'clipboard-cleared' });
    },
  };
}
