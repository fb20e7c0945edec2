import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import type { MintRequest } from '../../../../main/core/providers/types.js';
import { cleanupBackoffMs } from '../../../../main/core/tokens/cleanupQueue.js';
import { azionAccount, HOUR, makeHarness, MINUTE } from './harness.js';

const DAY = 24 * HOUR;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(async () => {
  // Give a stray rejection the turn it needs to be reported before asserting none was.
  await new Promise((r) => setImmediate(r));
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

describe('cleanup that cannot be forgotten', () => {
  it('retries a failed revoke the person asked for, with backoff, until the server confirms', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal')] });
    const token = await h.service.mint('a', { expiresAt: h.clock.now() + DAY });
    h.azion.script.revoke.push(new AppError('NETWORK'), new AppError('SERVER_ERROR'));
    expect((await h.service.revoke(token.id)).state).toBe('revoke_failed');
    h.clock.advance(cleanupBackoffMs(1) - 1);
    await h.settle();
    expect(h.azion.calls.revoke).toHaveLength(1);
    h.clock.advance(1);
    await h.settle();
    expect(h.azion.calls.revoke).toHaveLength(2);
    h.clock.advance(cleanupBackoffMs(2));
    await h.settle();
    expect(h.azion.calls.revoke).toHaveLength(3);
    expect(h.vault.read().tokens.find((t) => t.id === token.id)!.state).toBe('revoked');
    h.clock.advance(HOUR);
    await h.settle();
    expect(h.azion.calls.revoke).toHaveLength(3);
  });

  it('stops retrying a failed revoke once the token has expired (marked revoked by expiry)', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal')] });
    const token = await h.service.mint('a', { expiresAt: h.clock.now() + 10 * MINUTE });
    for (let i = 0; i < 20; i++) h.azion.script.revoke.push(new AppError('NETWORK'));
    await h.service.revoke(token.id);
    for (let i = 0; i < 30; i++) {
      h.clock.advance(MINUTE);
      await h.settle();
    }
    const calls = h.azion.calls.revoke.length;
    expect(h.vault.read().tokens.find((t) => t.id === token.id)!.state).toBe('revoked');
    h.clock.advance(DAY);
    await h.settle();
    expect(h.azion.calls.revoke).toHaveLength(calls);
  });

  it('queues a temporary credential whose revoke failed, shows it pending, and retries it until confirmed', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal')] });
    const leftoverValue = 'temporary-session-not-a-real-one';
    h.azion.script.mint.push(async (req: MintRequest) => {
      req.leftover?.({ kind: 'azion-session', value: leftoverValue, expiresAt: h.clock.now() + DAY, meta: { base: 'https://api.azionapi.net' } }, new AppError('NETWORK'));
      return { kind: 'azion-personal', value: 'personal-xyz-not-real', serverId: 'u-1', createdAt: h.clock.now(), expiresAt: h.clock.now() + DAY };
    });
    await h.service.mint('a', { expiresAt: h.clock.now() + DAY });
    await h.settle();
    expect(h.vault.read().cleanup).toHaveLength(1);
    expect(h.tokensChanged().at(-1)).toMatchObject({ pendingCleanup: 1 });
    // Never in a log, whatever happens.
    expect(h.logs.join('\n')).not.toContain(leftoverValue);

    h.azion.script.revoke.push(new AppError('SERVER_ERROR'));
    h.clock.advance(cleanupBackoffMs(1));
    await h.settle();
    expect(h.azion.calls.revoke.map((r) => r.token.value)).toEqual([leftoverValue]);
    expect(h.vault.read().cleanup![0]!.attempts).toBe(2);
    h.clock.advance(cleanupBackoffMs(2));
    await h.settle();
    expect(h.azion.calls.revoke).toHaveLength(2);
    expect(h.vault.read().cleanup).toEqual([]);
    expect(h.tokensChanged().at(-1)).not.toHaveProperty('pendingCleanup');
    expect(h.vault.read().audit.at(-1)).toMatchObject({ action: 'revoke', outcome: 'ok', detail: expect.stringMatching(/revoked on retry/) });
  });

  it('drops a queued credential once it has expired, and says so in the audit', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session')] });
    h.azion.script.mint.push(async (req: MintRequest) => {
      req.leftover?.({ kind: 'azion-session', value: 'leftover-not-real', expiresAt: h.clock.now() + HOUR }, new AppError('NETWORK'));
      return { kind: 'azion-session', value: 'session-not-real', createdAt: h.clock.now(), expiresAt: h.clock.now() + DAY };
    });
    await h.service.mint('a', {});
    await h.settle();
    for (let i = 0; i < 50; i++) h.azion.script.revoke.push(new AppError('NETWORK'));
    for (let i = 0; i < 8; i++) {
      h.clock.advance(15 * MINUTE);
      await h.settle();
    }
    expect(h.vault.read().cleanup).toEqual([]);
    expect(h.vault.read().audit.at(-1)!.detail).toMatch(/expired before a revoke went through/);
  });
});

describe('timer- and lock-driven work under faults: no unhandled rejection', () => {
  it('a failing clipboard on lock and on the timed clear', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session')] });
    const token = await h.service.mint('a', {});
    await h.service.copy(token.id, 'raw');
    h.clipboard.readText = () => Promise.reject(new Error('clipboard gone'));
    h.clipboard.writeText = () => Promise.reject(new Error('clipboard gone'));
    h.clock.advance(5 * MINUTE);
    await h.settle();
    h.vault.lock();
    await h.settle();
    h.vault.unlock();
    await h.settle();
  });

  it('failing disk writes while renewals, alerts, retention, revoke retries and cleanup run', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'session', { autoRenew: true })] });
    const first = await h.service.mint('a', {});
    h.azion.script.revoke.push(new AppError('NETWORK'));
    const second = await h.service.mint('a', {});
    await h.service.revoke(second.id);
    h.vault.failPersist = true;
    for (let i = 0; i < 30; i++) {
      h.clock.advance(HOUR);
      await h.settle();
    }
    h.vault.lock();
    h.vault.unlock();
    h.vault.failPersist = false;
    h.clock.advance(HOUR);
    await h.settle();
    // Once the disk is back, the account has a live token again.
    expect((await h.service.list()).some((t) => t.state === 'active' && t.id !== first.id && t.id !== second.id)).toBe(true);
  });

  it('failing servers for every background call', async () => {
    const h = makeHarness({ accounts: [azionAccount('a', 'personal', { autoRenew: true, revokeOnRenew: true })] });
    await h.service.mint('a', { expiresAt: h.clock.now() + 2 * HOUR });
    for (let i = 0; i < 40; i++) {
      h.azion.script.mint.push(new Error('socket hang up'));
      h.azion.script.revoke.push(new Error('socket hang up'));
      h.azion.script.check.push(new Error('socket hang up'));
    }
    for (let i = 0; i < 48; i++) {
      h.clock.advance(30 * MINUTE);
      await h.settle();
    }
    expect((await h.service.list()).some((t) => t.renewal !== undefined || t.state === 'active')).toBe(true);
  });
});
