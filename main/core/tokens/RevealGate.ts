import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { Presence } from '../presence/Presence.js';

/** How recent the person's own click or key press must be for a reveal. */
export const REVEAL_INPUT_WITHIN_MS = 1000;
/** At most this many reveals in any REVEAL_WINDOW_MS: a person reads a few values, a script loops. */
export const REVEAL_LIMIT = 5;
export const REVEAL_WINDOW_MS = 60_000;

/**
 * Decides in main whether a reveal may happen: only right after real input main itself saw on the
 * window (not an argument from it), and rate-limited so a loop cannot drain every token.
 */
export class RevealGate {
  readonly #presence: () => Presence;
  readonly #clock: Clock;
  #recent: number[] = [];

  constructor(presence: () => Presence, clock: Clock) {
    this.#presence = presence;
    this.#clock = clock;
  }

  /** Throws INPUT_REQUIRED or TOO_MANY_ATTEMPTS; otherwise counts this reveal. */
  admit(): void {
    const now = this.#clock.now();
    // A clock set back must not lock reveals out for the length of the jump.
    this.#recent = this.#recent.filter((at) => at <= now && now - at < REVEAL_WINDOW_MS);
    if (!this.#presence().recentInput(REVEAL_INPUT_WITHIN_MS)) throw new AppError('INPUT_REQUIRED');
    if (this.#recent.length >= REVEAL_LIMIT) {
      const retryAt = (this.#recent[0] ?? now) + REVEAL_WINDOW_MS;
      throw new AppError('TOO_MANY_ATTEMPTS', 'Too many tokens were revealed in the last minute. Wait until the time shown, or copy the token instead.', {
        retryAt,
      });
    }
    this.#recent.push(now);
  }
}
