import { describe, expect, it } from 'vitest';
import { rateLimitResetAt } from '../../../../main/core/http/rateLimitReset.js';
import { parseServerDate } from '../../../../main/core/http/serverDate.js';
import { createClockSleep } from '../../../../main/core/http/sleep.js';
import { AppError } from '../../../../main/core/errors.js';
import { FakeClock } from '../../../support/FakeClock.js';

const NOW = Date.UTC(2030, 0, 1);
const at = (h: Record<string, string>): number | undefined => rateLimitResetAt(new Headers(h), NOW);

describe('rateLimitResetAt: the edges', () => {
  it('Retry-After seconds, with fractions rounded up and spaces ignored', () => {
    expect(at({ 'retry-after': ' 5 ' })).toBe(NOW + 5000);
    expect(at({ 'retry-after': '1.25' })).toBe(NOW + 1250);
    expect(at({ 'retry-after': '0.0001' })).toBe(NOW + 1);
  });
  it('a Retry-After that is neither seconds nor a date falls back to X-Ratelimit-Reset', () => {
    expect(at({ 'retry-after': '1.x', 'x-ratelimit-reset': '7' })).toBe(NOW + 7000);
    expect(at({ 'retry-after': 'soon' })).toBeUndefined();
  });
  it('X-Ratelimit-Reset: small numbers wait, large ones are epoch seconds, at exactly 1e9 still a wait', () => {
    expect(at({ 'x-ratelimit-reset': ' 30 ' })).toBe(NOW + 30_000);
    expect(at({ 'x-ratelimit-reset': '2.5' })).toBe(NOW + 2500);
    expect(at({ 'x-ratelimit-reset': '1900000000' })).toBe(1_900_000_000_000);
    expect(at({ 'x-ratelimit-reset': '1000000000' })).toBe(NOW + 1e12);
    expect(at({ 'x-ratelimit-reset': '1.x' })).toBeUndefined();
    expect(at({ 'x-ratelimit-reset': '1.5.5' })).toBeUndefined();
    expect(at({ 'x-ratelimit-reset': ' 2030-01-01T00:01:00 ' })).toBe(NOW + 60_000);
  });
});

describe('parseServerDate: the edges', () => {
  it('the last valid hour, minute and second; one past is refused', () => {
    expect(parseServerDate('2030-01-01T23:59:59Z')).toBe(Date.UTC(2030, 0, 1, 23, 59, 59));
    expect(parseServerDate('2030-01-01T24:00:00Z')).toBeUndefined();
    expect(parseServerDate('2030-01-01T23:60:00Z')).toBeUndefined();
    expect(parseServerDate('2030-01-01T23:59:60Z')).toBeUndefined();
  });
  it('surrounding spaces, a short fraction, a lower-case z, an hours-only zone', () => {
    expect(parseServerDate('  2030-01-01T00:00:00.5Z  ')).toBe(NOW + 500);
    expect(parseServerDate('2030-01-01T00:00:00z')).toBe(NOW);
    expect(parseServerDate('2030-01-01T05:00:00+05')).toBe(NOW);
    expect(parseServerDate('2030-01-01T00:00:00-01')).toBe(NOW + 3_600_000);
  });
});

describe('createClockSleep', () => {
  it('an already aborted signal is CANCELLED at once, with no timer left', async () => {
    const clock = new FakeClock();
    const c = new AbortController();
    c.abort();
    const e = await createClockSleep(clock)(1000, c.signal).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('CANCELLED');
    expect(clock.pending()).toBe(0);
  });
  it('a sleep that ended lets go of the signal: aborting later changes nothing', async () => {
    const clock = new FakeClock();
    const c = new AbortController();
    const done = createClockSleep(clock)(10, c.signal);
    clock.advance(10);
    await done;
    c.abort();
    expect(clock.pending()).toBe(0);
  });
});
