import { describe, expect, it } from 'vitest';
import { AppError, DEFAULT_MESSAGES } from '../../../../main/core/errors.js';
import type { RevokeOutcome } from '../../../../main/core/providers/types.js';
import { revokeToken } from '../../../../main/core/tokens/revokeToken.js';
import type { TokenRecord } from '../../../../main/core/vault/vaultRecords.js';
import { FakeClock } from '../../../support/FakeClock.js';
import type { FakeProvider } from '../../../support/FakeProvider.js';
import { deferred, makeRuntime, storedToken, vaultWith, type LogLine, type RuntimeRig } from './runtimeRig.js';

const start = new FakeClock().now();

function rigWith(tokens: TokenRecord[]): RuntimeRig {
  return makeRuntime({ data: vaultWith(tokens) });
}

function azion(rig: RuntimeRig): FakeProvider {
  return rig.runtime.provider('azion') as FakeProvider;
}

function logged(rig: RuntimeRig, level: string, msg: string): LogLine[] {
  return rig.lines.map((l) => JSON.parse(l) as LogLine).filter((l) => l.level === level && l.msg === msg);
}

describe('revokeToken', () => {
  it('joins the revoke in flight, even once the vault has locked under it', async () => {
    const rig = rigWith([storedToken('t', 'active', start)]);
    const answer = deferred<RevokeOutcome>();
    azion(rig).script.revoke.push(() => answer.promise);
    const first = revokeToken(rig.runtime, 't');
    await rig.clock.flush();
    await rig.vault.lock();
    expect(revokeToken(rig.runtime, 't')).toBe(first);
    answer.resolve('revoked');
    await expect(first).rejects.toMatchObject({ code: 'LOCKED' });
  });

  it('queues a temporary session the revoke leaves on the server, as "temporary session of a revoke"', async () => {
    const rig = rigWith([storedToken('t', 'active', start)]);
    azion(rig).script.revoke.push((req) => {
      req.leftover?.({ kind: 'azion-session', value: 'leftover-of-a-revoke-not-real', expiresAt: start + 60_000 }, new AppError('NETWORK'));
      return 'revoked';
    });
    await revokeToken(rig.runtime, 't');
    await rig.runtime.settled();
    expect(rig.vault.read().cleanup).toEqual([expect.objectContaining({ accountId: 'a', reason: 'temporary session of a revoke' })]);
  });

  it('keeps a failure that is not an AppError as INTERNAL with the generic message', async () => {
    const rig = rigWith([storedToken('t', 'active', start)]);
    azion(rig).script.revoke.push(new Error('socket hang up'));
    const result = await revokeToken(rig.runtime, 't');
    expect(result).toMatchObject({ state: 'revoke_failed', failure: { code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL } });
  });

  it('audits a confirmed revoke without detail, and one the server no longer knew as "already gone on the server"', async () => {
    const rig = rigWith([storedToken('t1', 'active', start), storedToken('t2', 'active', start), storedToken('t3', 'active', start)]);
    azion(rig).script.revoke.push('revoked', 'already-gone', new AppError('TOKEN_EXPIRED'));
    for (const id of ['t1', 't2', 't3']) expect((await revokeToken(rig.runtime, id)).state).toBe('revoked');
    const entries = rig.vault.read().audit.map((e) => [e.tokenId, e.outcome, e.detail]);
    expect(entries).toEqual([
      ['t1', 'ok', undefined],
      ['t2', 'ok', 'already gone on the server'],
      ['t3', 'ok', 'already gone on the server'],
    ]);
  });

  it('keeps a failed revoke as revoke_failed at the very millisecond of expiry (expired means after it)', async () => {
    const rig = rigWith([storedToken('t', 'active', start - 60_000, { expiresAt: start })]);
    azion(rig).script.revoke.push(new AppError('NETWORK'));
    expect((await revokeToken(rig.runtime, 't')).state).toBe('revoke_failed');
  });

  it('counts the failed attempts on the token: 1, then 2', async () => {
    const rig = rigWith([storedToken('t', 'active', start)]);
    azion(rig).script.revoke.push(new AppError('NETWORK'), new AppError('SERVER_ERROR'));
    expect((await revokeToken(rig.runtime, 't')).failure).toMatchObject({ code: 'NETWORK', attempts: 1 });
    expect((await revokeToken(rig.runtime, 't')).failure).toMatchObject({ code: 'SERVER_ERROR', attempts: 2 });
  });

  it('logs a failed revoke as a warning with its code, and a revoke as info, each with the token id', async () => {
    const rig = rigWith([storedToken('t1', 'active', start), storedToken('t2', 'active', start)]);
    azion(rig).script.revoke.push(new AppError('NETWORK'), 'revoked');
    await revokeToken(rig.runtime, 't1');
    await revokeToken(rig.runtime, 't2');
    expect(logged(rig, 'warn', 'revoke failed')).toEqual([expect.objectContaining({ tokenId: 't1', code: 'NETWORK' })]);
    expect(logged(rig, 'info', 'token revoked')).toEqual([expect.objectContaining({ tokenId: 't2' })]);
  });
});
