import { describe, expect, it } from 'vitest';
import { REVEAL_LIMIT, REVEAL_WINDOW_MS } from '../../../../main/core/tokens/RevealGate.js';
import { azionAccount, HOUR, makeHarness, oceanAccount } from './harness.js';

describe('the person decides, in main', () => {
  it('an Ocean mint signs only after main\'s dialog is approved, showing what is signed and what it proves', async () => {
    const h = makeHarness({ accounts: [oceanAccount('o', 'provider')] });
    const preview = await h.service.previewMint('o', { expiresAt: h.clock.now() + HOUR });
    h.presence.answer = 'cancel';
    await expect(h.service.mint('o', { previewId: preview.previewId })).rejects.toMatchObject({ code: 'NOT_CONFIRMED' });
    expect(h.ocean.calls.mint).toEqual([]);
    const asked = h.presence.prompts[0]!;
    expect(asked.detail).toContain(preview.message);
    expect(asked.detail).toContain('Only your address and the nonce are signed');
    expect(asked.detail).toMatch(/expiry and the server's address are not signed/);
    // A declined preview is spent: the window must ask for a new one (and main asks again).
    h.presence.answer = 'approve';
    await expect(h.service.mint('o', { previewId: preview.previewId })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
  });

  it('one preview is one question and at most one signature, however many calls use it', async () => {
    const h = makeHarness({ accounts: [oceanAccount('o', 'node')] });
    const preview = await h.service.previewMint('o', { expiresAt: h.clock.now() + HOUR });
    const results = await Promise.allSettled([1, 2, 3].map(() => h.service.mint('o', { previewId: preview.previewId })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(h.presence.prompts).toHaveLength(1);
    expect(h.ocean.calls.mint).toHaveLength(1);
  });

  it('does not sign when the vault locked while the dialog was open', async () => {
    const h = makeHarness({ accounts: [oceanAccount('o', 'provider')] });
    const preview = await h.service.previewMint('o', { expiresAt: h.clock.now() + HOUR });
    h.presence.answer = (p) => {
      h.vault.lock();
      return p.choices.indexOf('Sign and mint');
    };
    await expect(h.service.mint('o', { previewId: preview.previewId })).rejects.toMatchObject({ code: 'LOCKED' });
    expect(h.ocean.calls.mint).toEqual([]);
  });

  it('revoke all is confirmed by the person; nothing live means nothing to ask', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal')] });
    expect(await h.service.revokeAll('a')).toEqual({ revoked: 0, failed: 0 });
    expect(h.presence.prompts).toEqual([]);
    await h.service.mint('a', { expiresAt: h.clock.now() + HOUR });
    await h.service.mint('a', { expiresAt: h.clock.now() + 2 * HOUR });
    h.presence.answer = 'cancel';
    await expect(h.service.revokeAll('a')).rejects.toMatchObject({ code: 'NOT_CONFIRMED' });
    expect(h.azion.calls.revoke).toEqual([]);
    expect(h.presence.prompts.at(-1)?.message).toContain('all 2 live tokens');
    h.presence.answer = 'approve';
    expect(await h.service.revokeAll('a')).toEqual({ revoked: 2, failed: 0 });
  });

  it('revoke all of every account (null) is one question for all of them', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal'), azionAccount('b', 'personal')] });
    await h.service.mint('a', { expiresAt: h.clock.now() + HOUR });
    await h.service.mint('b', { expiresAt: h.clock.now() + HOUR });
    await h.service.mint('b', { expiresAt: h.clock.now() + 2 * HOUR });
    h.presence.answer = 'cancel';
    await expect(h.service.revokeAll(null)).rejects.toMatchObject({ code: 'NOT_CONFIRMED' });
    expect(h.azion.calls.revoke).toEqual([]);
    h.presence.answer = 'approve';
    const asked = h.presence.prompts.length;
    expect(await h.service.revokeAll(null)).toEqual({ revoked: 3, failed: 0 });
    expect(h.presence.prompts).toHaveLength(asked + 1);
    expect(h.presence.prompts.at(-1)?.message).toBe('Revoke all 3 live tokens of every account?');
  });

  it('reveal needs input main saw within a second, and at most REVEAL_LIMIT a minute', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal')] });
    const t = await h.service.mint('a', { expiresAt: h.clock.now() + 2 * HOUR });
    await expect(h.service.reveal(t.id)).rejects.toMatchObject({ code: 'INPUT_REQUIRED', retryable: false });
    h.presence.input();
    h.clock.jump(1001);
    await expect(h.service.reveal(t.id)).rejects.toMatchObject({ code: 'INPUT_REQUIRED' });
    for (let i = 0; i < REVEAL_LIMIT; i++) {
      h.presence.input();
      expect(typeof (await h.service.reveal(t.id))).toBe('string');
    }
    h.presence.input();
    await expect(h.service.reveal(t.id)).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS', retryAt: h.clock.now() + REVEAL_WINDOW_MS });
    h.clock.jump(REVEAL_WINDOW_MS);
    h.presence.input();
    expect(typeof (await h.service.reveal(t.id))).toBe('string');
    // Refused reveals leave no audit entry; each reveal that happened has one.
    expect(h.vault.read().audit.filter((e) => e.action === 'reveal')).toHaveLength(REVEAL_LIMIT + 1);
  });
});
