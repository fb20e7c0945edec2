import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { Clock } from '../../renderer/src/shared/clock.svelte.js';
import { FakeClock } from '../support/FakeClock.js';

describe('Clock (the one ticking source)', () => {
  it('keeps exactly one timer armed however long it runs', () => {
    const time = new FakeClock(1_000_000_500);
    const clock = new Clock(time);
    clock.start();
    clock.start(); // idempotent
    expect(time.pending()).toBe(1);
    time.advance(10_000);
    expect(time.pending()).toBe(1);
    clock.stop();
    expect(time.pending()).toBe(0);
  });

  it('ticks just after each wall-clock second, so every countdown changes together', () => {
    const time = new FakeClock(1_000_000_500);
    const clock = new Clock(time);
    clock.start();
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) {
      time.advance(1000);
      flushSync();
      seen.push(clock.now % 1000);
    }
    expect(seen.every((ms) => ms < 10)).toBe(true);
  });

  it('catches up after a sleep on the next tick instead of drifting', () => {
    const time = new FakeClock(1_000_000_000);
    const clock = new Clock(time);
    clock.start();
    time.jump(3_600_000); // asleep for an hour: no timer fired
    time.advance(1000);
    expect(clock.now).toBeGreaterThanOrEqual(1_000_000_000 + 3_600_000);
  });
});
