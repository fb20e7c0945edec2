import { describe, expect, it } from 'vitest';
import { thrownAppError } from '../../../support/thrownAppError.js';
import { REVEAL_INPUT_WITHIN_MS, REVEAL_LIMIT, REVEAL_WINDOW_MS, RevealGate } from '../../../../main/core/tokens/RevealGate.js';
import { FakeClock } from '../../../support/FakeClock.js';
import { TestPresence } from '../../../support/TestPresence.js';

function setup(): { clock: FakeClock; presence: TestPresence; gate: RevealGate; reveal: () => void } {
  const clock = new FakeClock();
  const presence = new TestPresence(clock);
  const gate = new RevealGate(() => presence, clock);
  return {
    clock,
    presence,
    gate,
    reveal: () => {
      presence.input();
      gate.admit();
    },
  };
}


describe('RevealGate', () => {
  it('refuses a reveal without recent input of the person, as not retryable', () => {
    const { clock, presence, gate } = setup();
    presence.input();
    clock.jump(REVEAL_INPUT_WITHIN_MS + 1);
    const e = thrownAppError(() => gate.admit());
    expect(e.code).toBe('INPUT_REQUIRED');
    expect(e.retryable).toBe(false);
    expect(e.message).toMatch(/click or press a key/);
  });

  it('after the limit, says when the oldest reveal in the window leaves it', () => {
    const { clock, reveal } = setup();
    const start = clock.now();
    for (let i = 0; i < REVEAL_LIMIT; i++) {
      reveal();
      clock.jump(10_000);
    }
    const e = thrownAppError(reveal);
    expect(e.code).toBe('TOO_MANY_ATTEMPTS');
    expect(e.retryAt).toBe(start + REVEAL_WINDOW_MS);
    expect(e.message).toMatch(/Too many tokens were revealed/);
    expect(e.message).toMatch(/copy the token instead/);
    // Once the oldest has left the window, one more is admitted.
    clock.jump(start + REVEAL_WINDOW_MS - clock.now());
    expect(() => reveal()).not.toThrow();
  });

  it('a clock set back does not lock reveals out for the length of the jump', () => {
    const { clock, reveal } = setup();
    for (let i = 0; i < REVEAL_LIMIT; i++) reveal();
    clock.jump(-10 * 60_000);
    expect(() => reveal()).not.toThrow();
  });
});
