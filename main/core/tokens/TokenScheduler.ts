import { isAppError } from '../errors.js';
import type { TokenRecord } from '../vault/types.js';
import type { ClipboardGuard } from './ClipboardGuard.js';
import { dueWork, removeAt } from './dueWork.js';
import { renewToken } from './renewToken.js';
import { codeOf, type TokenContext } from './TokenContext.js';

/** Longest a timer is trusted: sleep or a changed clock is caught within this even without reevaluate(). */
export const MAX_TIMER_MS = 60 * 60 * 1000;
export const RENEW_MAX_ATTEMPTS = 6;
export const RENEW_BACKOFF_BASE_MS = 30_000;
export const RENEW_BACKOFF_CAP_MS = 10 * 60_000;

/** Bounded exponential backoff: 30 s, 1 min, 2 min … capped at 10 min. */
export function renewBackoffMs(attempt: number): number {
  return Math.min(RENEW_BACKOFF_CAP_MS, RENEW_BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
}

/**
 * ONE timer for everything time-driven (alerts, renewals, retention, the clipboard clear), armed for
 * the nearest due time. Each firing decides from clock.now() and absolute times alone, never from
 * elapsed time, so sleeps and clock jumps only change what is due. The decision part is synchronous;
 * the work it starts (persisting, minting) re-arms the timer when it completes.
 */
export class TokenScheduler {
  readonly #ctx: TokenContext;
  readonly #clipboard: ClipboardGuard;
  #cancel: (() => void) | null = null;
  /** When the armed timer fires (absolute ms), while one is armed. */
  #armedAt: number | null = null;
  #running = false;
  #again = false;
  #stopped = false;
  readonly #alerted = new Set<string>();
  readonly #renewing = new Set<string>();
  readonly #removing = new Set<string>();
  readonly #renewRetry = new Map<string, { attempts: number; nextAt: number; gaveUp: boolean }>();

  constructor(ctx: TokenContext, clipboard: ClipboardGuard) {
    this.#ctx = ctx;
    this.#clipboard = clipboard;
  }

  /** Does what is due now and re-arms. Safe to call any time (re-entrant calls are folded). */
  tick(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = true;
    try {
      do {
        this.#again = false;
        this.#tickOnce();
      } while (this.#again);
    } catch (e) {
      this.#ctx.deps.logger.error('token schedule failed', { code: codeOf(e) });
    } finally {
      this.#running = false;
    }
  }

  start(): void {
    this.#stopped = false;
    this.tick();
  }

  /**
   * After a copy: no token changed, only the clipboard's clear time. Re-arms earlier if that is sooner
   * than the armed timer, without going over every token (a copy must not cost more in a big vault).
   */
  clipboardChanged(): void {
    if (this.#running || this.#stopped || !this.#ctx.deps.vault.isUnlocked()) return this.tick();
    const at = this.#clipboard.dueAt();
    if (at === null || (this.#armedAt !== null && this.#armedAt <= at)) return;
    this.#arm(at);
  }

  #arm(at: number): void {
    this.#cancel?.();
    const now = this.#ctx.deps.clock.now();
    const delay = Math.min(Math.max(0, at - now), MAX_TIMER_MS);
    this.#armedAt = now + delay;
    this.#cancel = this.#ctx.deps.clock.setTimeout(() => {
      this.#armedAt = null;
      this.tick();
    }, delay);
  }

  /** On lock and quit: no timer, and nothing remembered that belongs to the locked session. */
  stop(): void {
    this.#stopped = true;
    this.#cancel?.();
    this.#cancel = null;
    this.#armedAt = null;
    this.#alerted.clear();
    this.#renewing.clear();
    this.#removing.clear();
    this.#renewRetry.clear();
  }

  #tickOnce(): void {
    this.#cancel?.();
    this.#cancel = null;
    this.#armedAt = null;
    const { deps } = this.#ctx;
    if (this.#stopped || !deps.vault.isUnlocked()) return;
    const now = deps.clock.now();
    void this.#clipboard.clearIfDue(now).then(
      (cleared) => cleared && deps.emit({ type: 'clipboard-cleared' }),
      (e: unknown) => deps.logger.warn('the clipboard could not be cleared; the next lock or quit tries again', { code: codeOf(e) }),
    );

    const data = deps.vault.read();
    const work = dueWork(
      data.tokens,
      data.accounts,
      deps.settings(),
      { alerted: this.#alerted, renewing: this.#renewing, removing: this.#removing, renewRetry: this.#renewRetry },
      now,
    );
    if (work.alerts.length > 0) this.#alert(work.alerts, now);
    if (work.removals.length > 0) this.#remove(work.removals);
    for (const token of work.renewals) this.#renew(token);

    const clipboardAt = this.#clipboard.dueAt();
    const next = [work.nextAt, clipboardAt].filter((t): t is number => t !== null);
    if (next.length === 0) return;
    this.#arm(Math.min(...next));
  }

  #alert(tokens: TokenRecord[], now: number): void {
    const ids = new Set(tokens.map((t) => t.id));
    for (const token of tokens) {
      this.#alerted.add(token.id);
      this.#ctx.deps.emit({ type: 'expiry-alert', tokenId: token.id, expiresAt: token.expiresAt });
    }
    const persist = this.#ctx.deps.vault.update((data) => {
      for (const t of data.tokens) if (ids.has(t.id)) t.alertedAt = now;
    });
    this.#ctx.track(persist).catch((e: unknown) => this.#ctx.deps.logger.warn('alert time not saved', { code: codeOf(e) }));
  }

  #remove(ids: string[]): void {
    const doomed = new Set(ids);
    for (const id of ids) this.#removing.add(id);
    const retentionMs = this.#ctx.deps.settings().expiredRetentionHours * 3_600_000;
    const removal = this.#ctx.deps.vault
      .update((data) => {
        // Re-checked inside the update: a token may have changed since the decision.
        const now = this.#ctx.now();
        const before = data.tokens.length;
        data.tokens = data.tokens.filter((t) => !(doomed.has(t.id) && isRemovable(t, now, retentionMs)));
        return before - data.tokens.length;
      })
      .then((removed) => {
        if (removed > 0) this.#ctx.deps.logger.info('expired tokens left the list', { removed });
      })
      .catch((e: unknown) => this.#ctx.deps.logger.warn('expired tokens not removed', { code: codeOf(e) }))
      .finally(() => {
        for (const id of ids) this.#removing.delete(id);
        this.#ctx.changed();
      });
    this.#ctx.track(removal);
  }

  #renew(token: TokenRecord): void {
    this.#renewing.add(token.id);
    const job = renewToken(this.#ctx, token.id)
      .then(() => {
        this.#renewRetry.delete(token.id);
      })
      .catch((e: unknown) => this.#renewFailed(token, e))
      .finally(() => {
        this.#renewing.delete(token.id);
        if (!this.#stopped) this.tick();
      });
    this.#ctx.track(job);
  }

  async #renewFailed(token: TokenRecord, e: unknown): Promise<void> {
    if (this.#stopped) return;
    const attempts = (this.#renewRetry.get(token.id)?.attempts ?? 0) + 1;
    // Never retry on its own what a retry cannot fix (bad credentials could lock the account out).
    const retryable = isAppError(e) ? e.retryable : true;
    const gaveUp = !retryable || attempts >= RENEW_MAX_ATTEMPTS;
    const now = this.#ctx.now();
    const retryAt = isAppError(e) ? (e.retryAt ?? 0) : 0;
    this.#renewRetry.set(token.id, { attempts, nextAt: Math.max(now + renewBackoffMs(attempts), retryAt), gaveUp });
    this.#ctx.deps.logger.warn('auto-renew failed', { tokenId: token.id, code: codeOf(e), attempts, gaveUp });
    if (gaveUp) {
      const account = this.#ctx.account(token.accountId);
      await this.#ctx.record({
        action: 'fail',
        outcome: codeOf(e),
        ...this.#ctx.describe(token, account),
        detail: `auto-renew stopped after ${attempts} attempt${attempts === 1 ? '' : 's'}`,
      });
    }
  }
}

function isRemovable(token: TokenRecord, now: number, retentionMs: number): boolean {
  const at = removeAt(token, retentionMs);
  return at !== null && now >= at;
}
