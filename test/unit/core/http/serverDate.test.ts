import { describe, expect, it } from 'vitest';
import { rateLimitResetAt } from '../../../../main/core/http/rateLimitReset.js';
import { parseServerDate } from '../../../../main/core/http/serverDate.js';
import { createClockSleep } from '../../../../main/core/http/sleep.js';
import { FakeClock } from '../../../support/FakeClock.js';

describe('parseServerDate', () => {
  it.each([
    ['2016-11-18T14:10:58.024903Z', Date.UTC(2016, 10, 18, 14, 10, 58, 24)],
    ['2019-04-01 13:53:28.536782+00:00', Date.UTC(2019, 3, 1, 13, 53, 28, 536)],
    ['2019-04-01 15:53:28.536782+02:00', Date.UTC(2019, 3, 1, 13, 53, 28, 536)],
    ['2017-11-02T12:31:28.675446', Date.UTC(2017, 10, 2, 12, 31, 28, 675)],
    ['2030-01-01T00:00:00Z', Date.UTC(2030, 0, 1)],
    ['2030-01-01T00:00:00-0330', Date.UTC(2030, 0, 1, 3, 30)],
  ])('%s', (text, expected) => {
    expect(parseServerDate(text)).toBe(expected);
  });

  it.each(['tomorrow', '', '2030-13-01T00:00:00Z', '2030-02-30 00:00:00', '1700000000'])('rejects %j', (text) => {
    expect(parseServerDate(text)).toBeUndefined();
  });
});

describe('rateLimitResetAt', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  const h = (init: Record<string, string>): Headers => new Headers(init);

  it('prefers Retry-After seconds, then an HTTP date', () => {
    expect(rateLimitResetAt(h({ 'retry-after': '7', 'x-ratelimit-reset': '2026-01-01T13:00:00' }), now)).toBe(now + 7000);
    expect(rateLimitResetAt(h({ 'retry-after': 'Thu, 01 Jan 2026 12:00:30 GMT' }), now)).toBe(now + 30_000);
  });

  it('reads X-Ratelimit-Reset without a zone as UTC, whatever the local zone', () => {
    expect(rateLimitResetAt(h({ 'x-ratelimit-reset': '2026-01-01T12:00:42.675446' }), now)).toBe(now + 42_675);
    expect(rateLimitResetAt(h({ 'x-ratelimit-reset': String(now / 1000 + 9) }), now)).toBe(now + 9000);
  });

  it('is undefined without either header', () => {
    expect(rateLimitResetAt(h({ 'x-ratelimit-remaining': '0' }), now)).toBeUndefined();
  });
});

describe('createClockSleep', () => {
  it('resolves when the clock passes, rejects CANCELLED on abort and clears its timer', async () => {
    const clock = new FakeClock();
    const sleep = createClockSleep(clock);
    let done = false;
    const p = sleep(1000).then(() => (done = true));
    clock.advance(999);
    await Promise.resolve();
    expect(done).toBe(false);
    clock.advance(1);
    await p;
    expect(done).toBe(true);

    const ctrl = new AbortController();
    const q = sleep(1000, ctrl.signal);
    ctrl.abort();
    await expect(q).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(clock.pending()).toBe(0);
  });
});
