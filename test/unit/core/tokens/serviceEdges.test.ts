import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { isRetryableRenewal, renewBackoffMs } from '../../../../main/core/tokens/renewBackoff.js';
import { azionAccount, HOUR, makeHarness, oceanAccount } from './harness.js';

/** The tokens service at its edges: what each refusal says, and the instants where a token changes standing. */
describe('the tokens service at its edges', () => {
  it('a mint expiring now is refused, saying to pick a later date; a millisecond later is taken', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal')] });
    await expect(h.service.mint('a', { expiresAt: h.clock.now() })).rejects.toMatchObject({
      code: 'BAD_ARGUMENT',
      message: 'The expiry must be a time in the future. Pick a later date.',
    });
    await expect(h.service.mint('a', { expiresAt: h.clock.now() + 1 })).resolves.toMatchObject({ accountId: 'a' });
  });

  it('a token no longer in the vault: NOT_FOUND, saying to refresh the list', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session')] });
    await expect(h.service.copy('nope')).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'That token is no longer in the vault. Refresh the list.' });
  });

  it('a preview for an account that signs nothing says to mint directly', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session')] });
    await expect(h.service.previewMint('a', {})).rejects.toMatchObject({ code: 'BAD_ARGUMENT', message: 'This account signs nothing: mint its token directly.' });
  });

  it('a credentials check of a key account says there is nothing a server can check', async () => {
    const h = makeHarness({ accounts: [oceanAccount('o', 'provider')] });
    await expect(h.service.checkAccount('o')).rejects.toMatchObject({
      code: 'BAD_ARGUMENT',
      message: 'This account has no credentials a server can check: its key signs each token.',
    });
  });

  it('check: asks the server up to the expiry instant; after it, or once revoked, is invalid without asking', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal')] });
    const t = await h.service.mint('a', { expiresAt: h.clock.now() + HOUR });
    h.clock.jump(HOUR);
    expect(await h.service.check(t.id)).toBe('valid');
    expect(h.azion.calls.check).toHaveLength(1);
    h.clock.jump(1);
    expect(await h.service.check(t.id)).toBe('invalid');
    expect(h.azion.calls.check).toHaveLength(1);
  });

  it('reveal records an ok outcome', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session')] });
    const t = await h.service.mint('a', {});
    h.presence.input();
    await h.service.reveal(t.id);
    expect(h.vault.read().audit.at(-1)).toMatchObject({ action: 'reveal', outcome: 'ok', tokenId: t.id });
  });

  it("copy: the account's own API base in a curl line; a token whose account is gone copies raw", async () => {
    const base = azionAccount('a', 'session');
    const custom = { ...base, config: { ...base.config, apiBase: 'https://api.custom.example' } } as typeof base;
    const h = makeHarness({ accounts: [custom] });
    const t = await h.service.mint('a', {});
    await h.service.copy(t.id, 'curl');
    expect(h.clipboard.text).toContain("'https://api.custom.example/iam/personal_tokens'");
    await h.vault.update((d) => void (d.accounts = []));
    await h.service.copy(t.id);
    expect(h.clipboard.text).toBe(h.azion.minted[0]);
  });

  it('the service answers the calls it passes through: revokeLiveConfirmed and settled', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session')], withCheck: true });
    await h.service.mint('a', {});
    await expect(h.service.revokeLiveConfirmed('a')).resolves.toEqual({ revoked: 1, failed: 0 });
    const settled = h.service.settled();
    expect(settled).toBeInstanceOf(Promise);
    await settled;
  });
});

describe('renewal backoff', () => {
  it('30 s after the first failure, doubling, capped at 10 min', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map(renewBackoffMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 600_000, 600_000]);
    expect(renewBackoffMs(0)).toBe(30_000);
  });

  it('anything that is not an AppError might be fixed by a retry; an AppError says for itself', () => {
    expect(isRetryableRenewal(new Error('socket hang up'))).toBe(true);
    expect(isRetryableRenewal(new AppError('BAD_CREDENTIALS'))).toBe(false);
    expect(isRetryableRenewal(new AppError('NETWORK'))).toBe(true);
  });
});
