import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { azionAccount, HOUR, makeHarness, oceanAccount } from './harness.js';

describe('revoke', () => {
  it('keeps the token as revoke_failed when the server call fails, and a retry succeeds', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session')] });
    const view = await h.service.mint('a', {});
    h.azion.script.revoke.push(new AppError('NETWORK'));

    const failed = await h.service.revoke(view.id);
    expect(failed.state).toBe('revoke_failed');
    expect(failed.failure).toMatchObject({ code: 'NETWORK', retryable: true });
    expect(failed.failure!.message).toMatch(/Could not reach the server/);
    const stored = h.vault.read().tokens;
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ state: 'revoke_failed', failure: { code: 'NETWORK', at: h.clock.now() } });
    // Retention never drops a live token, however long the failure stays.
    h.clock.advance(20 * HOUR);
    await h.settle();
    expect(h.vault.read().tokens).toHaveLength(1);

    const retried = await h.service.revoke(view.id);
    expect(retried.state).toBe('revoked');
    expect(retried.failure).toBeUndefined();
    expect(h.vault.read().audit.filter((e) => e.action === 'revoke').map((e) => e.outcome)).toEqual(['NETWORK', 'ok']);
  });

  it('treats already-gone and expired answers from the server as revoked', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session')] });
    const one = await h.service.mint('a', {});
    const two = await h.service.mint('a', {});
    h.azion.script.revoke.push('already-gone', new AppError('TOKEN_EXPIRED'));
    expect((await h.service.revoke(one.id)).state).toBe('revoked');
    expect((await h.service.revoke(two.id)).state).toBe('revoked');
  });

  it('marks an already-expired token revoked when the server call fails (revoked by expiry)', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal')] });
    const view = await h.service.mint('a', { expiresAt: h.clock.now() + HOUR });
    h.clock.jump(HOUR + 1);
    h.azion.script.revoke.push(new AppError('SERVER_ERROR'));
    const result = await h.service.revoke(view.id);
    expect(result.state).toBe('revoked');
    const entry = h.vault.read().audit.at(-1)!;
    expect(entry).toMatchObject({ action: 'revoke', outcome: 'SERVER_ERROR', detail: expect.stringMatching(/had expired/) });
  });

  it('does not change anything and says so when persisting the revoking state fails', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session')] });
    const view = await h.service.mint('a', {});
    h.vault.failPersist = true;
    await expect(h.service.revoke(view.id)).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(h.azion.calls.revoke).toHaveLength(0);
    h.vault.failPersist = false;
    expect((await h.service.list())[0]!.state).toBe('active');
  });

  it('turns a revoke cut short by lock into revoke_failed on the next unlock', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session')] });
    const view = await h.service.mint('a', {});
    let signal: AbortSignal | undefined;
    h.azion.script.revoke.push(
      (req) =>
        new Promise((_resolve, reject) => {
          signal = req.signal;
          req.signal?.addEventListener('abort', () => reject(new AppError('CANCELLED')));
        }),
    );
    const pending = h.service.revoke(view.id).catch((e: unknown) => e);
    await h.clock.flush(20);
    h.vault.lock();
    expect(signal?.aborted).toBe(true);
    expect(await pending).toMatchObject({ code: 'LOCKED' });
    expect(h.events.at(-1)).toEqual({ type: 'tokens-changed', tokens: [] });

    h.vault.unlock();
    await h.settle();
    const [after] = await h.service.list();
    expect(after).toMatchObject({ state: 'revoke_failed', failure: { code: 'CANCELLED' } });
    expect((await h.service.revoke(view.id)).state).toBe('revoked');
  });

  it('revokes all live tokens of one account and counts failures', async () => {
    const h = makeHarness({ accounts: [oceanAccount('o', 'node'), azionAccount('a', 'session')] });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const preview = await h.service.previewMint('o', { expiresAt: h.clock.now() + HOUR });
      ids.push((await h.service.mint('o', { previewId: preview.previewId })).id);
    }
    const other = await h.service.mint('a', {});
    h.ocean.script.revoke.push('revoked', new AppError('TIMEOUT'), 'revoked');
    expect(await h.service.revokeAll('o')).toEqual({ revoked: 2, failed: 1 });
    const states = Object.fromEntries((await h.service.list()).map((t) => [t.id, t.state]));
    expect(ids.map((id) => states[id]).sort()).toEqual(['revoke_failed', 'revoked', 'revoked']);
    expect(states[other.id]).toBe('active');
    // Already revoked tokens are not asked about again.
    h.ocean.calls.revoke.length = 0;
    expect(await h.service.revokeAll('o')).toEqual({ revoked: 1, failed: 0 });
    expect(h.ocean.calls.revoke).toHaveLength(1);
  });

  it('refuses unknown ids, and answers locked while locked', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session')] });
    await expect(h.service.revoke('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    h.vault.lock();
    await expect(h.service.list()).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(h.service.revokeAll('a')).rejects.toMatchObject({ code: 'LOCKED' });
  });
});
