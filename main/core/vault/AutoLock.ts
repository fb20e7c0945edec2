import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { Settings } from '../../../preload/contract.js';

export interface AutoLockTarget {
  isUnlocked(): boolean;
  onLockChange(listener: (unlocked: boolean) => void): () => void;
  lock(): Promise<void>;
}

export interface AutoLockOptions {
  clock: Clock;
  vault: AutoLockTarget;
  /** Read on every decision, so a settings change applies without rewiring (call refresh() after one). */
  settings: () => Pick<Settings, 'autoLockMinutes' | 'lockOnSleep'>;
  logger?: Logger;
}

export type LockReason = 'idle' | 'suspend' | 'screen-lock';

/**
 * Locks the vault after N idle minutes, on suspend and on screen lock. Electron's powerMonitor glue
 * calls suspend()/screenLocked()/resume(); the window's activity calls touch().
 *
 * Idle time is measured on the wall clock from the last activity, and the timer only prompts a
 * re-check: timers do not run during sleep (and may fire late), but the elapsed time still counts.
 */
export class AutoLock {
  readonly #o: AutoLockOptions;
  #lastActivity: number;
  #cancel: (() => void) | null = null;
  readonly #unsubscribe: () => void;

  constructor(options: AutoLockOptions) {
    this.#o = options;
    this.#lastActivity = options.clock.now();
    // Unlocking is activity; locking cancels the timer (reschedule sees the vault locked).
    this.#unsubscribe = options.vault.onLockChange(() => {
      this.#lastActivity = this.#o.clock.now();
      this.#reschedule();
    });
    this.#reschedule();
  }

  /** User activity: the idle countdown starts again. Cheap enough to call on every input event. */
  touch(): void {
    this.#lastActivity = this.#o.clock.now();
    if (!this.#cancel) this.#reschedule();
  }

  suspend(): void {
    if (this.#o.settings().lockOnSleep) this.#lock('suspend');
  }

  /** lockOnSleep also covers screen lock: both mean the user stepped away from an open machine. */
  screenLocked(): void {
    if (this.#o.settings().lockOnSleep) this.#lock('screen-lock');
  }

  /** After resume or screen unlock: idle time that passed while timers were frozen counts now. */
  resume(): void {
    this.#check();
  }

  /** After a settings change. */
  refresh(): void {
    this.#reschedule();
  }

  dispose(): void {
    this.#unsubscribe();
    this.#clear();
  }

  #idleMs(): number {
    return this.#o.settings().autoLockMinutes * 60_000;
  }

  #check(): void {
    this.#cancel = null;
    if (!this.#o.vault.isUnlocked() || this.#idleMs() === 0) return;
    if (this.#o.clock.now() - this.#lastActivity >= this.#idleMs()) this.#lock('idle');
    else this.#reschedule();
  }

  #reschedule(): void {
    this.#clear();
    if (!this.#o.vault.isUnlocked() || this.#idleMs() === 0) return;
    const remaining = Math.max(0, this.#lastActivity + this.#idleMs() - this.#o.clock.now());
    this.#cancel = this.#o.clock.setTimeout(() => this.#check(), remaining);
  }

  #clear(): void {
    this.#cancel?.();
    this.#cancel = null;
  }

  #lock(reason: LockReason): void {
    if (!this.#o.vault.isUnlocked()) return;
    this.#clear();
    this.#o.logger?.info('auto-lock', { reason });
    void this.#o.vault.lock().catch((e: unknown) => this.#o.logger?.error('auto-lock failed', { error: e }));
  }
}
