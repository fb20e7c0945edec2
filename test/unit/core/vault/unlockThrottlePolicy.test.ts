import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { UNLOCK_THROTTLE, UnlockThrottle } from '../../../../main/core/vault/UnlockThrottle.js';
import { FakeClock } from '../../../support/FakeClock.js';

/** The throttle alone, on a fake clock (the vault's use of it: unlockThrottle.test.ts). */
const wrong = (): Promise<never> => Promise.reject(new AppError('BAD_PASSWORD'));
const right = (): Promise<string> => Promise.resolve('opened');

async function outcome(t: UnlockThrottle, run: () => Promise<unknown>): Promise<string> {
  return t.attempt(run).then(
    () => 'ok',
    (e: Error) => (!(e instanceof AppError) ? e.message : e.code === 'TOO_MANY_ATTEMPTS' ? `wait until ${String(e.retryAt)}` : e.code),
  );
}

describe('UnlockThrottle', () => {
  it('the policy: 3 free, then 1 s doubling, at most 5 minutes', () => {
    expect(UNLOCK_THROTTLE).toEqual({ free: 3, baseMs: 1000, maxMs: 300_000 });
  });

  it('blocks until exactly retryAt, then lets one attempt through; the block says what to do', async () => {
    const clock = new FakeClock();
    const t = new UnlockThrottle(clock);
    const t0 = clock.now();
    for (let i = 0; i < 4; i++) expect(await outcome(t, wrong)).toBe('BAD_PASSWORD');
    expect(await outcome(t, right)).toBe(`wait until ${t0 + 1000}`);
    const e = await t.attempt(right).catch((x: AppError) => x);
    expect((e as AppError).message).toBe('Too many wrong master passwords. Wait until the time shown, then try again; check Caps Lock and the keyboard layout.');
    clock.jump(999);
    expect(await outcome(t, right)).toBe(`wait until ${t0 + 1000}`);
    clock.jump(1);
    expect(await outcome(t, wrong)).toBe('BAD_PASSWORD');
    expect(await outcome(t, right)).toBe(`wait until ${t0 + 1000 + 2000}`);
  });

  it('only BAD_PASSWORD counts: other failures are passed on and never start a wait', async () => {
    const clock = new FakeClock();
    const t = new UnlockThrottle(clock, { free: 0, baseMs: 1000, maxMs: 60_000 });
    expect(await outcome(t, () => Promise.reject(new Error('disk gone')))).toBe('disk gone');
    expect(await outcome(t, () => Promise.reject(new AppError('VAULT_DAMAGED')))).toBe('VAULT_DAMAGED');
    expect(await outcome(t, right)).toBe('ok');
    expect(await outcome(t, wrong)).toBe('BAD_PASSWORD');
    expect(await outcome(t, right)).toBe(`wait until ${clock.now() + 1000}`);
  });

  it('a success resets the count and the wait', async () => {
    const clock = new FakeClock();
    const t = new UnlockThrottle(clock, { free: 1, baseMs: 1000, maxMs: 60_000 });
    expect(await outcome(t, wrong)).toBe('BAD_PASSWORD');
    expect(await outcome(t, right)).toBe('ok');
    expect(await outcome(t, wrong)).toBe('BAD_PASSWORD');
    expect(await outcome(t, right)).toBe('ok');
    expect(await outcome(t, wrong)).toBe('BAD_PASSWORD');
    expect(await outcome(t, wrong)).toBe('BAD_PASSWORD');
    expect(await outcome(t, right)).toBe(`wait until ${clock.now() + 1000}`);
  });

  it('at the cap the remaining wait is exactly the maximum and still blocks; a clock set back further does not', async () => {
    const clock = new FakeClock();
    const t = new UnlockThrottle(clock, { free: 0, baseMs: 1000, maxMs: 4000 });
    for (const wait of [1000, 2000, 4000, 4000, 4000]) {
      expect(await outcome(t, wrong)).toBe('BAD_PASSWORD');
      expect(await outcome(t, right)).toBe(`wait until ${clock.now() + wait}`);
      clock.jump(wait);
    }
    expect(await outcome(t, wrong)).toBe('BAD_PASSWORD');
    clock.jump(-1);
    // Set back by 1 ms: 4001 ms left, more than any wait could be, so the clock moved, not the user.
    expect(await outcome(t, right)).toBe('ok');
  });

  it('many failures never overflow the wait', async () => {
    const clock = new FakeClock();
    const t = new UnlockThrottle(clock, { free: 0, baseMs: 1000, maxMs: 4000 });
    for (let i = 0; i < 1100; i++) {
      await outcome(t, wrong);
      clock.jump(4000);
    }
    expect(await outcome(t, wrong)).toBe('BAD_PASSWORD');
    expect(await outcome(t, right)).toBe(`wait until ${clock.now() + 4000}`);
  });
});
