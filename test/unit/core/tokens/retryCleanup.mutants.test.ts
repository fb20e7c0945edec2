import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { cleanupBackoffMs } from '../../../../main/core/tokens/cleanupQueue.js';
import { retryCleanup } from '../../../../main/core/tokens/retryCleanup.js';
import type { CleanupRecord } from '../../../../main/core/vault/vaultRecords.js';
import { FakeClock } from '../../../support/FakeClock.js';
import type { FakeProvider } from '../../../support/FakeProvider.js';
import { HOUR } from './harness.js';
import { makeRuntime, vaultWith, type RuntimeRig } from './runtimeRig.js';

const start = new FakeClock().now();
const REASON = 'temporary session of a mint';

function record(id: string, extra: Partial<CleanupRecord> = {}): CleanupRecord {
  return {
    id,
    accountId: 'a',
    token: { kind: 'azion-session', value: `leftover-${id}-not-a-real-one`, expiresAt: start + HOUR },
    reason: REASON,
    createdAt: start - HOUR,
    attempts: 1,
    nextAttemptAt: start,
    lastError: { code: 'NETWORK', message: 'Could not reach the server.' },
    ...extra,
  };
}

function rigWith(records: CleanupRecord[]): RuntimeRig {
  return makeRuntime({ data: { ...vaultWith([]), cleanup: records } });
}

function azion(rig: RuntimeRig): FakeProvider {
  return rig.runtime.provider('azion') as FakeProvider;
}

function audit(rig: RuntimeRig): { outcome: string; accountId?: string; accountLabel?: string; detail?: string }[] {
  return rig.vault.read().audit.map((e) => ({ outcome: e.outcome, accountId: e.accountId, accountLabel: e.accountLabel, detail: e.detail }));
}

describe('retryCleanup: the outcomes that end a record', () => {
  it('still asks the server at the very millisecond of expiry (expired means after it)', async () => {
    const rec = record('c1', { token: { kind: 'azion-session', value: 'leftover-c1-not-a-real-one', expiresAt: start } });
    const rig = rigWith([rec]);
    await retryCleanup(rig.runtime, rec);
    expect(azion(rig).calls.revoke).toHaveLength(1);
    expect(rig.vault.read().cleanup).toEqual([]);
    expect(audit(rig)).toEqual([{ outcome: 'ok', accountId: 'a', accountLabel: 'Azion session a', detail: `${REASON}: revoked on retry` }]);
  });

  it('drops a record whose token expired without asking the server, audited TOKEN_EXPIRED', async () => {
    const rec = record('c1', { token: { kind: 'azion-session', value: 'leftover-c1-not-a-real-one', expiresAt: start - 1 } });
    const rig = rigWith([rec]);
    await retryCleanup(rig.runtime, rec);
    expect(azion(rig).calls.revoke).toHaveLength(0);
    expect(rig.vault.read().cleanup).toEqual([]);
    expect(audit(rig)).toEqual([{ outcome: 'TOKEN_EXPIRED', accountId: 'a', accountLabel: 'Azion session a', detail: `${REASON}: expired before a revoke went through` }]);
  });

  it('drops a record whose account was removed, audited NOT_FOUND with no label', async () => {
    const rec = record('c1', { accountId: 'gone' });
    const rig = rigWith([rec]);
    await retryCleanup(rig.runtime, rec);
    expect(azion(rig).calls.revoke).toHaveLength(0);
    expect(rig.vault.read().cleanup).toEqual([]);
    expect(audit(rig)).toEqual([{ outcome: 'NOT_FOUND', accountId: 'gone', accountLabel: undefined, detail: `${REASON}: account removed; left to expire` }]);
  });

  it.each(['ALREADY_GONE', 'TOKEN_EXPIRED'] as const)('counts a %s answer as revoked', async (code) => {
    const rec = record('c1');
    const rig = rigWith([rec]);
    azion(rig).script.revoke.push(new AppError(code));
    await retryCleanup(rig.runtime, rec);
    expect(rig.vault.read().cleanup).toEqual([]);
    expect(audit(rig)).toEqual([{ outcome: 'ok', accountId: 'a', accountLabel: 'Azion session a', detail: `${REASON}: revoked on retry` }]);
  });
});

describe('retryCleanup: a failed retry and the other records', () => {
  it('keeps a record whose retry failed, with the error and the next attempt after the backoff', async () => {
    const rec = record('c1');
    const rig = rigWith([rec]);
    azion(rig).script.revoke.push(new AppError('SERVER_ERROR', 'The server failed (test).'));
    rig.clock.advance(5_000);
    await retryCleanup(rig.runtime, rec);
    expect(rig.vault.read().cleanup).toEqual([
      { ...rec, attempts: 2, lastError: { code: 'SERVER_ERROR', message: 'The server failed (test).' }, nextAttemptAt: start + 5_000 + cleanupBackoffMs(2) },
    ]);
    expect(audit(rig)).toEqual([]);
  });

  it('changes only the record retried, whether it goes or stays', async () => {
    const [one, two, three] = [record('c1'), record('c2'), record('c3')];
    const rig = rigWith([one, two, three]);
    azion(rig).script.revoke.push('revoked', new AppError('NETWORK'));
    await retryCleanup(rig.runtime, two);
    expect(rig.vault.read().cleanup).toEqual([one, three]);
    await retryCleanup(rig.runtime, three);
    expect(rig.vault.read().cleanup).toEqual([one, expect.objectContaining({ id: 'c3', attempts: 2 })]);
  });

  it('does nothing for a record no longer queued', async () => {
    const rig = rigWith([record('c1')]);
    await retryCleanup(rig.runtime, record('c9'));
    expect(rig.vault.read().cleanup).toEqual([record('c1')]);
    expect(audit(rig)).toEqual([]);
  });

  it('queues what the retry itself leaves on the server, for the same reason', async () => {
    const rec = record('c1', { reason: 'temporary session of a revoke' });
    const rig = rigWith([rec]);
    azion(rig).script.revoke.push((req) => {
      req.leftover?.({ kind: 'azion-session', value: 'leftover-of-the-retry-not-real', expiresAt: start + HOUR }, new AppError('NETWORK'));
      return 'revoked';
    });
    await retryCleanup(rig.runtime, rec);
    await rig.runtime.settled();
    expect(rig.vault.read().cleanup).toEqual([expect.objectContaining({ reason: 'temporary session of a revoke', token: expect.objectContaining({ value: 'leftover-of-the-retry-not-real' }) })]);
  });
});
