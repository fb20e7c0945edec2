import type { Clock } from '../clock.js';
import { AppError, isAppError } from '../errors.js';

export interface ThrottlePolicy {
  /** Wrong passwords allowed before any wait (typos happen). */
  free: number;
  /** The first wait; each further failure doubles it. */
  baseMs: number;
  maxMs: number;
}

// Stryker disable next-line ObjectLiteral,ArithmeticOperator: static in effect (read once, at load), left out like every static mutant; unlockThrottlePolicy.test.ts pins it
export const UNLOCK_THROTTLE: ThrottlePolicy = { free: 3, baseMs: 1000, maxMs: 5 * 60_000 };

/**
 * Backs off master-password attempts after failures: 3 free, then 1 s, 2 s, 4 s … up to 5 minutes.
 * It lives in main with the vault, so reloading the window (or a script retrying from it) does not
 * reset it; a right password does. Every check of the master password goes through it: unlock,
 * change password, restore a backup, confirm a weakening setting.
 */
export class UnlockThrottle {
  readonly #clock: Clock;
  readonly #policy: ThrottlePolicy;
  #failures = 0;
  #blockedUntil = 0;

  constructor(clock: Clock, policy: ThrottlePolicy = UNLOCK_THROTTLE) {
    this.#clock = clock;
    this.#policy = policy;
  }

  /** Runs one password attempt unless it must wait; counts BAD_PASSWORD, resets on success. */
  async attempt<T>(run: () => Promise<T>): Promise<T> {
    const now = this.#clock.now();
    // A clock set back by more than the wait must not block for the length of the jump.
    if (now < this.#blockedUntil && this.#blockedUntil - now <= this.#policy.maxMs) {
      throw new AppError(
        'TOO_MANY_ATTEMPTS',
        'Too many wrong master passwords. Wait until the time shown, then try again; check Caps Lock and the keyboard layout.',
        { retryAt: this.#blockedUntil },
      );
    }
    try {
      const value = await run();
      this.#failures = 0;
      this.#blockedUntil = 0;
      return value;
    } catch (e) {
      if (isAppError(e) && e.code === 'BAD_PASSWORD') this.#fail();
      throw e;
    }
  }

  #fail(): void {
    this.#failures++;
    const over = this.#failures - this.#policy.free;
    if (over <= 0) return;
    const wait = Math.min(this.#policy.baseMs * 2 ** Math.min(over - 1, 30), this.#policy.maxMs);
    this.#blockedUntil = this.#clock.now() + wait;
  }
}
