import { describe, expect, it } from 'vitest';
import { tokenPreview } from '../../../../main/core/tokens/tokenPreview.js';
import { azionAccount, HOUR, makeHarness, oceanAccount } from './harness.js';

describe('copy and reveal', () => {
  it('clears the clipboard after N seconds only if it still holds what we wrote', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session')], settings: { clipboardClearSeconds: 20 } });
    const { id } = await h.service.mint('a', {});
    await h.service.copy(id, 'raw');
    h.clock.advance(19_999);
    expect(h.clipboard.text).not.toBe('');
    h.clock.advance(1);
    await h.clock.flush();
    expect(h.clipboard.text).toBe('');
    expect(h.events.at(-1)).toEqual({ type: 'clipboard-cleared' });

    await h.service.copy(id, 'raw');
    h.clipboard.text = 'something the user copied';
    h.clock.advance(20_000);
    await h.clock.flush();
    expect(h.clipboard.text).toBe('something the user copied');
  });

  it('re-checks after a sleep: the clear happens on reevaluate, not on elapsed time', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session')], settings: { clipboardClearSeconds: 30 } });
    const { id } = await h.service.mint('a', {});
    await h.service.copy(id);
    h.clock.jump(10 * 60_000);
    h.service.reevaluate();
    await h.clock.flush();
    expect(h.clipboard.text).toBe('');
  });

  it('clears on lock and on quit if unchanged, and never when the setting is 0 until then', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session')], settings: { clipboardClearSeconds: 0 } });
    const { id } = await h.service.mint('a', {});
    expect((await h.service.copy(id, 'export')).clearsAt).toBeNull();
    h.clock.advance(24 * HOUR - 1);
    expect(h.clipboard.text).toMatch(/^export AZION_TOKEN=/);
    h.vault.lock();
    await h.clock.flush();
    expect(h.clipboard.text).toBe('');

    h.vault.unlock();
    await h.service.copy(id, 'header');
    h.clipboard.text = 'mine';
    h.vault.lock();
    await h.clock.flush();
    expect(h.clipboard.text).toBe('mine');

    h.vault.unlock();
    await h.service.copy(id, 'header');
    await h.service.dispose();
    expect(h.clipboard.text).toBe('');
  });

  it('a clipboard that fails to clear on lock or on the timer is logged, not an unhandled rejection, and quit retries', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown): void => void unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const h = makeHarness({ accounts: [azionAccount('a', 'session')], settings: { clipboardClearSeconds: 30 } });
      const { id } = await h.service.mint('a', {});
      await h.service.copy(id, 'raw');
      let failing = true;
      const clear = h.clipboard.clear.bind(h.clipboard);
      h.clipboard.clear = () => {
        if (failing) throw new Error('clipboard backend gone');
        clear();
      };

      h.clock.advance(30_000); // the timer's clear fails
      await h.clock.flush();
      h.vault.lock(); // and so does the lock's
      await h.clock.flush();
      await new Promise((resolve) => setImmediate(resolve)); // let an unhandled rejection surface
      expect(unhandled).toEqual([]);
      expect(h.logs.filter((l) => l.includes('could not be cleared'))).toHaveLength(2);
      expect(h.clipboard.text).not.toBe('');
      expect(h.events.filter((e) => e.type === 'clipboard-cleared')).toEqual([]);

      failing = false;
      expect(await h.service.clearClipboard()).toBe(true); // what quit calls: the value is still ours to clear
      expect(h.clipboard.text).toBe('');
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('uses the account\'s default format and audits copy and reveal with a preview only', async () => {
    const h = makeHarness({ accounts: [oceanAccount('o', 'provider')] });
    const preview = await h.service.previewMint('o', { expiresAt: h.clock.now() + HOUR });
    const { id } = await h.service.mint('o', { previewId: preview.previewId });
    const value = h.vault.read().tokens[0]!.value;
    expect((await h.service.copy(id)).format).toBe('header');
    expect(h.clipboard.text).toBe(`AuthToken: ${value}`);
    h.presence.input();
    expect(await h.service.reveal(id)).toBe(value);
    const entries = h.vault.read().audit.slice(-2);
    expect(entries.map((e) => [e.action, e.detail ?? null])).toEqual([['copy', 'header'], ['reveal', null]]);
    expect(entries.every((e) => e.tokenPreview === tokenPreview(value))).toBe(true);
    expect(JSON.stringify(h.vault.read().audit)).not.toContain(value);
  });

  it('refuses to copy or reveal a revoked or expired token', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal')] });
    const one = await h.service.mint('a', { expiresAt: h.clock.now() + HOUR });
    const two = await h.service.mint('a', { expiresAt: h.clock.now() + 2 * HOUR });
    await h.service.revoke(one.id);
    await expect(h.service.copy(one.id)).rejects.toMatchObject({ code: 'ALREADY_GONE' });
    h.presence.input();
    await expect(h.service.reveal(one.id)).rejects.toMatchObject({ code: 'ALREADY_GONE' });
    h.clock.jump(2 * HOUR + 1);
    await expect(h.service.copy(two.id)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(h.clipboard.text).toBe('');
  });

  it('does not copy when the audit entry cannot be written', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session')] });
    const { id } = await h.service.mint('a', {});
    h.vault.failPersist = true;
    await expect(h.service.copy(id)).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(h.clipboard.text).toBe('');
  });

  it('checks a token with the provider, and says invalid for dead ones without asking', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session'), oceanAccount('o', 'node')] });
    const { id } = await h.service.mint('a', {});
    expect(await h.service.check(id)).toBe('valid');
    h.azion.script.check.push('unknown');
    expect(await h.service.check(id)).toBe('unknown');
    await h.service.revoke(id);
    expect(await h.service.check(id)).toBe('invalid');
    expect(h.azion.calls.check).toHaveLength(2);
    const preview = await h.service.previewMint('o', {});
    const ocean = await h.service.mint('o', { previewId: preview.previewId });
    expect(await h.service.check(ocean.id)).toBe('unknown');
  });
});
