import type { RevokeAllResult } from '../../../preload/contract.js';
import { isLiveToken, needsSigningApproval } from '../../../preload/contract.js';
import type { TokensService } from '../services.js';
import { AuditLog } from '../audit/AuditLog.js';
import { check } from './actions/check.js';
import { copy } from './actions/copy.js';
import { reveal } from './actions/reveal.js';
import { AppError } from '../errors.js';
import { absentPresence } from '../presence/Presence.js';
import { requireConfirmed } from '../presence/requireConfirmed.js';
import type { MintRequest, SigningPreview } from '../providers/types.js';
import type { AccountRecord } from '../vault/types.js';
import { noteHealth } from './accountHealth.js';
import { ClipboardGuard } from './ClipboardGuard.js';
import { leftoverSink } from './cleanupQueue.js';
import { mintToken, type MintPlan } from './mintToken.js';
import { revokeAll, revokeToken } from './revokeToken.js';
import { RevealGate } from './RevealGate.js';
import { signingStatement } from './signingStatement.js';
import { SigningPreviews } from './SigningPreviews.js';
import { codeOf, TokenContext, type TokensServiceDeps } from './TokenContext.js';
import { TokenScheduler } from './TokenScheduler.js';

export type { TokensServiceDeps } from './TokenContext.js';

/** The TokensService the IPC handlers call (core/services.ts), plus what main drives. */
export interface MainTokensService extends TokensService {
  /**
   * Re-decides every schedule from the clock and re-emits the list. Main calls it after resume or a
   * clock change, after a settings change, and after an account change (auto-renew toggled, account
   * and its tokens removed).
   */
  reevaluate(): void;
  /** Resolves when no background work (renewals, revokes, retention, alerts) is in flight. */
  settled(): Promise<void>;
  /**
   * Revokes an account's live tokens WITHOUT asking: only for a caller that has just asked the person
   * itself (main's remove-account dialog). Never reachable from the window (no channel calls it).
   */
  revokeLiveConfirmed(accountId: string): Promise<RevokeAllResult>;
  /** Clears the clipboard if it still holds what we copied (lock, quit); true if it did. */
  clearClipboard(): Promise<boolean>;
  /** On quit: clear the clipboard if it still holds our value, stop the timer, stop listening. */
  dispose(): Promise<void>;
}

/** Main's approval dialog for an Ocean signature: the truthful preview, nothing from the window. */
function signingPrompt(account: AccountRecord, p: SigningPreview): { title: string; message: string; detail: string } {
  return {
    title: 'Approve signature',
    message: `Sign in to ${p.flavour === 'node' ? 'Ocean Node' : 'Ocean provider'} ${p.providerUrl} as "${account.label}"?`,
    detail: [
      `Signer address: ${p.address}`,
      `Nonce: ${p.nonce}`,
      `Message signed: ${p.message}`,
      `Token expires (requested, not signed): ${new Date(p.expiresAt).toISOString()}`,
      '',
      signingStatement(p),
    ].join('\n'),
  };
}

const APPROVE_FIRST = 'Approve the signing preview first: ask for a preview, check it, then mint with its previewId.';

export function createTokensService(deps: TokensServiceDeps): MainTokensService {
  const audit = deps.audit ?? new AuditLog(deps.vault, deps.clock, (text) => deps.redactor.redact(text));
  const ctx = new TokenContext(deps, audit);
  const clipboard = new ClipboardGuard(deps.clipboard);
  const scheduler = new TokenScheduler(ctx, clipboard);
  const previews = new SigningPreviews(deps.clock);
  const presence = (): NonNullable<TokensServiceDeps['presence']> => deps.presence ?? absentPresence;
  const revealGate = new RevealGate(presence, deps.clock);
  ctx.onChanged = () => scheduler.tick();
  ctx.onClipboardChanged = () => scheduler.clipboardChanged();

  // Whether this service has heard of the current unlock: the vault tells its listeners one by one.
  let started = false;
  const onLock = (): void => {
    started = false;
    scheduler.stop();
    ctx.abort.abort();
    ctx.abort = new AbortController();
    previews.clear();
    void clipboard.clearIfOurs().then(
      (cleared) => cleared && deps.emit({ type: 'clipboard-cleared' }),
      (e: unknown) => deps.logger.warn('the clipboard could not be cleared on lock; quitting tries again', { code: codeOf(e) }),
    );
    deps.emit({ type: 'tokens-changed', tokens: [] });
  };

  const onUnlock = (): void => {
    started = true;
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
    ctx.changedSoon();
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
      return { previewId, ...preview, statement: signingStatement(preview) };
    },

    async mint(accountId, options) {
      const account = ctx.requireAccount(accountId);
      checkExpiry(options.expiresAt);
      const plan: MintPlan = { account };
      if (options.expiresAt !== undefined) plan.expiresAt = options.expiresAt;
      if (options.name !== undefined) plan.name = options.name;
      if (needsSigningApproval(account.config)) {
        const approved = options.previewId === undefined ? undefined : previews.get(options.previewId, accountId);
        if (!approved || options.previewId === undefined) throw new AppError('BAD_ARGUMENT', APPROVE_FIRST, { retryable: false });
        // Taken before asking: one preview is one question and at most one signature, however
        // many calls the window makes with it.
        previews.delete(options.previewId);
        // The approval is main's own dialog showing exactly what is signed; the window only asked.
        await requireConfirmed(presence(), signingPrompt(account, approved), 'Sign and mint');
        // The vault may have locked, or the account changed, while the dialog was open.
        plan.account = ctx.requireAccount(accountId);
        // The person approved this exact message and expiry; mint signs exactly that.
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

    async revokeAll(accountId) {
      // One account, or (null) every account: either way one question, in main's dialog.
      const accounts = accountId === null ? deps.vault.read().accounts : [ctx.requireAccount(accountId)];
      const now = ctx.now();
      const liveOf = (id: string): number => deps.vault.read().tokens.filter((t) => t.accountId === id && isLiveToken(t, now)).length;
      const targets = accounts.map((a) => ({ id: a.id, live: liveOf(a.id) })).filter((a) => a.live > 0);
      const live = targets.reduce((n, a) => n + a.live, 0);
      if (live === 0) return { revoked: 0, failed: 0 };
      const tokens = `${live} live token${live === 1 ? '' : 's'}`;
      await requireConfirmed(
        presence(),
        {
          title: 'Revoke all tokens?',
          message: accountId === null ? `Revoke all ${tokens} of every account?` : `Revoke all ${tokens} of "${accounts[0]!.label}"?`,
          detail: 'Every script and service using them stops working at once. This cannot be undone.',
        },
        'Revoke all',
      );
      const total = { revoked: 0, failed: 0 };
      for (const a of targets) {
        const r = await revokeAll(ctx, a.id);
        total.revoked += r.revoked;
        total.failed += r.failed;
      }
      return total;
    },

    revokeLiveConfirmed: (accountId) => revokeAll(ctx, accountId),

    async checkAccount(accountId) {
      const account = ctx.requireAccount(accountId);
      const provider = deps.providers(account.config.kind);
      if (!provider.checkCredentials) throw new AppError('BAD_ARGUMENT', 'This account has no credentials a server can check: its key signs each token.');
      try {
        await provider.checkCredentials({
          config: account.config,
          secrets: account.secrets,
          signal: ctx.abort.signal,
          leftover: leftoverSink(ctx, account.id, 'temporary session of a credentials check'),
        });
      } catch (e) {
        await noteHealth(ctx, accountId, e);
        throw e;
      }
      // An explicit check: its time is the one the card shows.
      await noteHealth(ctx, accountId, null, true);
      return { checkedAt: ctx.now() };
    },

    async clearHistory(accountId) {
      const account = ctx.requireAccount(accountId);
      const now = ctx.now();
      // Only what the window shows as history: revoked, or expired and not being revoked.
      const dead = (t: { accountId: string; state: string; expiresAt: number }): boolean =>
        t.accountId === accountId && (t.state === 'revoked' || (t.state !== 'revoking' && now > t.expiresAt));
      const count = deps.vault.read().tokens.filter(dead).length;
      if (count === 0) return { removed: 0 };
      // A bulk removal: the person says yes in main's dialog, whatever the window sent.
      await requireConfirmed(
        presence(),
        {
          title: 'Clear history?',
          message: `Remove ${count} revoked and expired token${count === 1 ? '' : 's'} of "${account.label}" from the list?`,
          detail: 'None of them can be used any more. The audit log keeps its record of every one.',
        },
        'Clear history',
      );
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
    copy: (tokenId, format) => copy(ctx, clipboard, tokenId, format),
    reveal: (tokenId) => reveal(ctx, revealGate, tokenId),
    check: (tokenId) => check(ctx, tokenId),
    // A listener told of the unlock before this service (the accounts' list) leaves it to onUnlock.
    reevaluate: () => {
      if (started) ctx.changed();
    },
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
