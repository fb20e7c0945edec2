import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { azionAccount, HOUR, makeHarness, MINUTE, oceanAccount } from './harness.js';

const DAY = 24 * HOUR;

describe('auto-renew: what it records and how long the new token lives', () => {
  it('a new token whose check fails (not just invalid): the old one is kept, and the audit says the check was unknown', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session', { autoRenew: true, revokeOnRenew: true })] });
    await h.service.mint('a', {});
    h.azion.script.check.push(new AppError('NETWORK'));
    h.clock.advance(DAY - 10 * MINUTE);
    await h.settle();
    expect(h.azion.calls.revoke).toHaveLength(0);
    expect(h.vault.read().audit.at(-1)).toMatchObject({ action: 'renew', outcome: 'ok', detail: 'old token kept: new one checked unknown' });
  });

  it("an invalid check is named as such in the audit's detail", async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session', { autoRenew: true, revokeOnRenew: true })] });
    await h.service.mint('a', {});
    h.azion.script.check.push('invalid');
    h.clock.advance(DAY - 10 * MINUTE);
    await h.settle();
    expect(h.vault.read().audit.at(-1)).toMatchObject({ action: 'renew', detail: 'old token kept: new one checked invalid' });
  });

  it('a token stored before lifetimes were kept is renewed for its own span (expiry minus creation)', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal', { autoRenew: true })] });
    const now = h.clock.now();
    await h.vault.update((d) => {
      d.tokens.push({ id: 'old', accountId: 'a', kind: 'azion-personal', value: 'old-value-0123456789abcdef', serverId: 'uuid-old', createdAt: now - HOUR, expiresAt: now + HOUR, state: 'active' });
    });
    h.service.reevaluate();
    h.clock.advance(HOUR);
    await h.settle();
    const fresh = h.vault.read().tokens.find((t) => t.renewedFrom === 'old')!;
    expect(h.azion.calls.mint.at(-1)!.expiresAt).toBe(fresh.expiresAt);
    expect(fresh.expiresAt - fresh.createdAt).toBe(2 * HOUR);
  });

  it('an Ocean renewal whose signing preview fails is recorded with its code, and the old token stays', async () => {
    const h = makeHarness({ accounts: [oceanAccount('o', 'provider', { autoRenew: true })] });
    const preview = await h.service.previewMint('o', { expiresAt: h.clock.now() + 2 * HOUR });
    const first = await h.service.mint('o', { previewId: preview.previewId });
    h.ocean.previewMint = () => Promise.reject(new AppError('NETWORK'));
    h.clock.advance(2 * HOUR - 5 * MINUTE);
    await h.settle();
    expect(h.vault.read().audit.at(-1)).toMatchObject({ action: 'renew', outcome: 'NETWORK', accountId: 'o', tokenId: first.id });
    expect(h.vault.read().tokens.find((t) => t.id === first.id)!.state).toBe('active');
  });

  it('without a check to ask, a successful renewal is taken as working: the old token is revoked', async () => {
    const h = makeHarness({ accounts: [oceanAccount('o', 'provider', { autoRenew: true, revokeOnRenew: true })] });
    const preview = await h.service.previewMint('o', { expiresAt: h.clock.now() + 2 * HOUR });
    const first = await h.service.mint('o', { previewId: preview.previewId });
    h.clock.advance(2 * HOUR - 5 * MINUTE);
    await h.settle();
    expect(h.ocean.calls.mint).toHaveLength(2);
    expect(h.ocean.calls.revoke.map((r) => r.token.value)).toEqual([h.ocean.minted[0]]);
    expect(h.vault.read().tokens.find((t) => t.id === first.id)!.state).toBe('revoked');
  });
});
