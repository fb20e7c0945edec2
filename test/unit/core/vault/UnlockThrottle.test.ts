import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { codeOf, TEST_PASSWORD, useVaultHarness } from '../../../support/vaultHarness.js';

const h = useVaultHarness();

describe('master password attempts back off (UnlockThrottle)', () => {
  it('allows 3 wrong passwords, then waits 1 s, 2 s, 4 s …; the right one resets it', async () => {
    await h.vault.create(TEST_PASSWORD);
    await h.vault.lock();
    for (let i = 0; i < 3; i++) expect(await codeOf(h.vault.unlock('wrong'))).toBe('BAD_PASSWORD');
    expect(await codeOf(h.vault.unlock('wrong'))).toBe('BAD_PASSWORD'); // the 4th is tried, then a wait starts
    const blocked = await h.vault.unlock(TEST_PASSWORD).catch((e: AppError) => e);
    expect(blocked).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', retryAt: h.clock.now() + 1000 });
    expect((blocked as AppError).message).toMatch(/Wait until the time shown/);
    expect(h.vault.isUnlocked()).toBe(false); // even the right password waits: no oracle during the wait

    h.clock.jump(1000);
    expect(await codeOf(h.vault.unlock('wrong'))).toBe('BAD_PASSWORD');
    expect(await h.vault.unlock(TEST_PASSWORD).catch((e: AppError) => e)).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', retryAt: h.clock.now() + 2000 });
    h.clock.jump(2000);
    await h.vault.unlock(TEST_PASSWORD);
    await h.vault.lock();
    // Reset: three free tries again.
    for (let i = 0; i < 3; i++) expect(await codeOf(h.vault.unlock('wrong'))).toBe('BAD_PASSWORD');
    await h.vault.unlock(TEST_PASSWORD);
  });

  it('counts every check of the master password, not only unlock', async () => {
    await h.vault.create(TEST_PASSWORD);
    for (let i = 0; i < 2; i++) expect(await codeOf(h.vault.confirmPassword('wrong'))).toBe('BAD_PASSWORD');
    for (let i = 0; i < 2; i++) expect(await codeOf(h.vault.changePassword('wrong', 'a brand new passphrase 77'))).toBe('BAD_PASSWORD');
    expect(await codeOf(h.vault.confirmPassword(TEST_PASSWORD))).toBe('TOO_MANY_ATTEMPTS');
    h.clock.jump(1000);
    expect(await codeOf(h.vault.confirmPassword(TEST_PASSWORD))).toBe('resolved');
  });

  it('caps the wait at 5 minutes and is not stretched by a clock set far back', async () => {
    await h.vault.create(TEST_PASSWORD);
    await h.vault.lock();
    for (let i = 0; i < 20; i++) {
      await h.vault.unlock('wrong').catch(() => undefined);
      h.clock.jump(5 * 60_000);
    }
    expect(await codeOf(h.vault.unlock('wrong'))).toBe('BAD_PASSWORD');
    const e = await h.vault.unlock(TEST_PASSWORD).catch((x: AppError) => x);
    expect(e).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', retryAt: h.clock.now() + 5 * 60_000 });
    h.clock.jump(-24 * 3_600_000);
    await h.vault.unlock(TEST_PASSWORD);
  });
});
