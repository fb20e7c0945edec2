import { describe, expect, it } from 'vitest';
import { azionAccount, HOUR, makeHarness } from './harness.js';

describe('clearHistory', () => {
  it('removes only the account\'s revoked and expired tokens, at once, and says how many', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal'), azionAccount('b', 'personal')] });
    const live = await h.service.mint('a', { expiresAt: h.clock.now() + 10 * HOUR });
    const revoked = await h.service.mint('a', { expiresAt: h.clock.now() + 10 * HOUR });
    const expiring = await h.service.mint('a', { expiresAt: h.clock.now() + HOUR });
    const other = await h.service.mint('b', { expiresAt: h.clock.now() + HOUR });
    await h.service.revoke(revoked.id);
    h.clock.jump(HOUR + 1);

    h.presence.answer = 'cancel';
    await expect(h.service.clearHistory('a')).rejects.toMatchObject({ code: 'NOT_CONFIRMED' });
    expect(h.vault.read().tokens).toHaveLength(4);
    expect(h.presence.prompts.at(-1)?.message).toContain('Remove 2 revoked and expired tokens');
    h.presence.answer = 'approve';
    expect(await h.service.clearHistory('a')).toEqual({ removed: 2 });
    const ids = h.vault.read().tokens.map((t) => t.id);
    expect(ids).toContain(live.id);
    expect(ids).toContain(other.id); // another account's expired token stays
    expect(ids).not.toContain(revoked.id);
    expect(ids).not.toContain(expiring.id);
    // Nothing left to clear: nothing to ask.
    const asked = h.presence.prompts.length;
    expect(await h.service.clearHistory('a')).toEqual({ removed: 0 });
    expect(h.presence.prompts).toHaveLength(asked);
  });

  it('keeps the audit trail whole', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal')] });
    const t = await h.service.mint('a', { expiresAt: h.clock.now() + HOUR });
    await h.service.revoke(t.id);
    const audit = h.vault.read().audit.length;
    expect(await h.service.clearHistory('a')).toEqual({ removed: 1 });
    expect(h.vault.read().audit.length).toBeGreaterThanOrEqual(audit);
  });

  it('refuses an account that does not exist', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session')] });
    await expect(h.service.clearHistory('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
