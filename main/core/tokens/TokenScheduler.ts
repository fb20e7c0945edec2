import type { CleanupRecord, TokenRecord } from '../vault/vaultRecords.js';
import { cleanupBackoffMs, dueCleanup } from './cleanupQueue.js';
import { retryCleanup } from './retryCleanup.js';
import { revokeToken } from './revokeToken.js';
import type { ClipboardGuard } from './ClipboardGuard.js';
import { dueWork, removeAt } from './dueWork.js';
import { recordRenewalFailure } from './recordRenewalFailure.js';
import { nextRenewalAt } from './renewBackoff.js';
import { renew } from './actions/renew.js';
import { codeOf } from './codeOf.js';
import type { TokenRuntime } from './TokenRuntime.js';
import type { TokenSchedule } from './TokenSchedule.js';

/** Longest a timer is trusted: sleep or a changed clock is caught within this even without reevaluate(). */
export const MAX_TIMER_MS = 60 * 60 * 1000;

/**
 * ONE timer for everything time-driven (alerts, renewals, retention, the clipboard clear), armed for
 * the nearest due time. Each firing decides from clock.now() and absolute times alone, never from
 * elapsed time, so sleeps and clock jumps only change what is due. The decision part is synchronous;
 * the work it starts (persisting, minting) re-arms the timer when it completes.
 */
export class TokenScheduler implements TokenSchedule {
  readonly #runtime: TokenRuntime;
  readonly #clipboard: ClipboardGuard;
  #cancel: (() => void) | null = null;
  /** When the armed timer fires (absolute ms), while one is armed. */
  #armedAt: number | null = null;
  #running = false;
  // Stryker disable next-line BooleanLiteral: every pass sets #again to false before it is read
  #again = false;
  #stopped = false;
  readonly #alerted = new Set<string>();
  readonly #renewing = new Set<string>();
  readonly #removing = new Set<string>();
  readonly #cleaning = new Set<string>();
  /** Revoke and cleanup retries made this session: not again before nextAt, whatever the vault says. */
  readonly #held = new Map<string, { attempts: number; nextAt: number }>();
  readonly #renewRetry = new Map<string, { attempts: number; nextAt: number }>();
  /** Removals the vault could not save: not tried again before nextAt (else every tick would retry at once). */
  readonly #removalHeld = new Map<string, { attempts: number; nextAt: number }>();

  constructor(runtime: TokenRuntime, clipboard: ClipboardGuard) {
    this.#runtime = runtime;
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
      this.#runtime.logger.error('token schedule failed', { code: codeOf(e) });
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
    if (this.#running || this.#stopped || !this.#runtime.vault.isUnlocked()) return this.tick();
    const at = this.#clipboard.dueAt();
    if (
      at === null ||
      (this.#armedAt !== null &&
        // Stryker disable next-line EqualityOperator: re-arming for the time already armed leaves the same due time
        this.#armedAt <= at)
    )
      return;
    this.#arm(at);
  }

  #arm(at: number): void {
    this.#cancel?.();
    const now = this.#runtime.clock.now();
    const delay = Math.min(Math.max(0, at - now), MAX_TIMER_MS);
    this.#armedAt = now + delay;
    this.#cancel = this.#runtime.clock.setTimeout(() => {
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
    this.#cleaning.clear();
    this.#held.clear();
    this.#renewRetry.clear();
    this.#removalHeld.clear();
  }

  #tickOnce(): void {
    this.#cancel?.();
    this.#cancel = null;
    this.#armedAt = null;
    const runtime = this.#runtime;
    if (this.#stopped || !runtime.vault.isUnlocked()) return;
    const now = runtime.clock.now();
    void this.#clipboard.clearIfDue(now).then(
      (cleared) => cleared && runtime.emit({ type: 'clipboard-cleared' }),
      (e: unknown) => runtime.logger.warn('the clipboard could not be cleared; the next lock or quit tries again', { code: codeOf(e) }),
    );

    const data = runtime.vault.read();
    const work = dueWork(
      data.tokens,
      data.accounts,
      runtime.settings(),
      { alerted: this.#alerted, renewing: this.#renewing, removing: this.#removing, renewRetry: this.#renewRetry },
      now,
    );
    if (work.alerts.length > 0) this.#alert(work.alerts, now);
    const removals = work.removals.filter((id) => (this.#removalHeld.get(id)?.nextAt ?? 0) <= now);
    if (removals.length > 0) this.#remove(removals);
    for (const token of work.renewals) this.#renew(token);
    // The vault's retry times drive these; #held also spaces them when the vault cannot be written.
    const held = (id: string): boolean => (this.#held.get(id)?.nextAt ?? 0) > now;
    for (const id of work.revokeRetries) if (!held(id)) this.#retryRevoke(id);
    const cleanup = dueCleanup(data, this.#cleaning, now);
    for (const record of cleanup.due) if (!held(record.id)) this.#cleanup(record);
    const heldAt = [...this.#held.values(), ...this.#removalHeld.values()].map((h) => h.nextAt).filter((t) => t > now);

    const clipboardAt = this.#clipboard.dueAt();
    const next = [work.nextAt, clipboardAt, cleanup.nextAt, ...heldAt].filter((t): t is number => t !== null);
    if (next.length === 0) return;
    this.#arm(Math.min(...next));
  }

  #retryRevoke(id: string): void {
    if (this.#runtime.isRevoking(id)) return;
    this.#removing.add(id); // keeps dueWork from deciding on it again while the call runs
    const job = revokeToken(this.#runtime, id)
      .then(() => undefined)
      .catch((e: unknown) => this.#runtime.logger.warn('revoke retry failed', { tokenId: id, code: codeOf(e) }))
      .finally(() => {
        this.#removing.delete(id);
        this.#hold(id);
        // Stryker disable next-line ConditionalExpression: tick() after stop() returns at once (#tickOnce checks #stopped; stop() left nothing armed)
        if (!this.#stopped) this.tick();
      });
    this.#runtime.track(job);
  }

  #hold(id: string): void {
    if (this.#stopped || !this.#runtime.vault.isUnlocked()) return;
    const data = this.#runtime.vault.read();
    // Stryker disable next-line ArrayDeclaration: the fallback is only searched for a record with this id, which a string element never is
    const pending = data.tokens.some((t) => t.id === id && t.state === 'revoke_failed') || (data.cleanup ?? []).some((r) => r.id === id);
    if (!pending) {
      this.#held.delete(id);
      return;
    }
    const attempts = (this.#held.get(id)?.attempts ?? 0) + 1;
    this.#held.set(id, { attempts, nextAt: this.#runtime.now() + cleanupBackoffMs(attempts) });
  }

  #cleanup(record: CleanupRecord): void {
    this.#cleaning.add(record.id);
    const job = retryCleanup(this.#runtime, record)
      .catch((e: unknown) => this.#runtime.logger.warn('cleanup retry not saved', { code: codeOf(e) }))
      .finally(() => {
        this.#cleaning.delete(record.id);
        this.#hold(record.id);
        // Stryker disable next-line ConditionalExpression: tick() after stop() returns at once (#tickOnce checks #stopped; stop() left nothing armed)
        if (!this.#stopped) this.tick();
      });
    this.#runtime.track(job);
  }

  #alert(tokens: TokenRecord[], now: number): void {
    const ids = new Set(tokens.map((t) => t.id));
    for (const token of tokens) {
      this.#alerted.add(token.id);
      this.#runtime.emit({ type: 'expiry-alert', tokenId: token.id, expiresAt: token.expiresAt });
    }
    const persist = this.#runtime.vault.update((data) => {
      for (const t of data.tokens) if (ids.has(t.id)) t.alertedAt = now;
    });
    this.#runtime.track(persist).catch((e: unknown) => this.#runtime.logger.warn('alert time not saved', { code: codeOf(e) }));
  }

  #remove(ids: string[]): void {
    const doomed = new Set(ids);
    for (const id of ids) this.#removing.add(id);
    const retentionMs = this.#runtime.settings().expiredRetentionHours * 3_600_000;
    const removal = this.#runtime.vault
      .update((data) => {
        // Re-checked inside the update: a token may have changed since the decision.
        const now = this.#runtime.now();
        const before = data.tokens.length;
        data.tokens = data.tokens.filter((t) => !(doomed.has(t.id) && isRemovable(t, now, retentionMs)));
        return before - data.tokens.length;
      })
      .then((removed) => {
        for (const id of ids) this.#removalHeld.delete(id);
        if (removed > 0) this.#runtime.logger.info('expired tokens left the list', { removed });
      })
      .catch((e: unknown) => {
        this.#runtime.logger.warn('expired tokens not removed', { code: codeOf(e) });
        // Spaced like a cleanup retry: a vault that keeps failing must not be retried on every tick.
        for (const id of ids) {
          const attempts = (this.#removalHeld.get(id)?.attempts ?? 0) + 1;
          this.#removalHeld.set(id, { attempts, nextAt: this.#runtime.now() + cleanupBackoffMs(attempts) });
        }
      })
      .finally(() => {
        for (const id of ids) this.#removing.delete(id);
        this.#runtime.changed();
      });
    this.#runtime.track(removal);
  }

  #renew(token: TokenRecord): void {
    this.#renewing.add(token.id);
    const job = renew(this.#runtime, token.id)
      // Stryker disable next-line BlockStatement: a renewed token gets renewedBy (or is gone), so it is never renewed again and its retry entry is never read
      .then(() => {
        this.#renewRetry.delete(token.id);
      })
      .catch((e: unknown) => this.#renewFailed(token.id, e))
      .catch((e: unknown) => this.#runtime.logger.error('auto-renew failure not handled', { tokenId: token.id, code: codeOf(e) }))
      .finally(() => {
        this.#renewing.delete(token.id);
        // Stryker disable next-line ConditionalExpression: tick() after stop() returns at once (#tickOnce checks #stopped; stop() left nothing armed)
        if (!this.#stopped) this.tick();
      });
    this.#runtime.track(job);
  }

  /** The retry time is decided here, in memory, so a vault that cannot be written still spaces the retries. */
  async #renewFailed(tokenId: string, e: unknown): Promise<void> {
    if (this.#stopped) return;
    const now = this.#runtime.now();
    const stored = this.#runtime.vault.read().tokens.find((t) => t.id === tokenId);
    const attempts = Math.max(this.#renewRetry.get(tokenId)?.attempts ?? 0, stored?.renewal?.attempts ?? 0) + 1;
    const nextAt = nextRenewalAt(now, attempts, e);
    this.#renewRetry.set(tokenId, { attempts, nextAt });
    this.#runtime.logger.warn('auto-renew failed', { tokenId, code: codeOf(e), attempts, nextAt });
    if (!stored) return;
    await recordRenewalFailure(this.#runtime, { token: stored, error: e, attempts, nextAt, now });
  }
}

function isRemovable(token: TokenRecord, now: number, retentionMs: number): boolean {
  const at = removeAt(token, retentionMs);
  return at !== null && now >= at;
}
