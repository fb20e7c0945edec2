import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { recordRenewalFailure, type RenewalFailureReport } from '../../../../main/core/tokens/recordRenewalFailure.js';
import type { TokenRecord } from '../../../../main/core/vault/vaultRecords.js';
import { makeRuntime, storedToken, vaultWith, type RuntimeRig } from './runtimeRig.js';

const MINUTE = 60_000;

function stored(rig: RuntimeRig, id: string): TokenRecord | undefined {
  return rig.vault.read().tokens.find((t) => t.id === id);
}

function report(rig: RuntimeRig, token: TokenRecord, error: unknown, attempts: number): RenewalFailureReport {
  const now = rig.clock.now();
  return { token, error, attempts, nextAt: now + MINUTE, now };
}

function alerts(rig: RuntimeRig): unknown[] {
  return rig.events.filter((e) => e.type === 'renewal-failing');
}

describe('recordRenewalFailure', () => {
  it('alerts on a first, retryable failure once the token has reached its expiry instant, not a millisecond before', async () => {
    const rig = makeRuntime();
    const now = rig.clock.now();
    const atExpiry = storedToken('t1', 'active', 1, { expiresAt: now });
    const before = storedToken('t2', 'active', 1, { expiresAt: now + 1 });
    await rig.vault.update((d) => void d.tokens.push(atExpiry, before));

    await recordRenewalFailure(rig.runtime, report(rig, atExpiry, new AppError('SERVER_ERROR'), 1));
    expect(alerts(rig)).toEqual([expect.objectContaining({ tokenId: 't1', expiresAt: now })]);
    expect(stored(rig, 't1')!.renewal!.alertedAt).toBe(now);

    await recordRenewalFailure(rig.runtime, report(rig, before, new AppError('SERVER_ERROR'), 1));
    expect(alerts(rig)).toHaveLength(1);
    expect(stored(rig, 't2')!.renewal!.alertedAt).toBeUndefined();
  });

  it('stores a failure not yet alerted without any alertedAt field', async () => {
    const token = storedToken('t1', 'active', 1);
    const rig = makeRuntime({ data: vaultWith([token]) });
    const now = rig.clock.now();
    await recordRenewalFailure(rig.runtime, report(rig, token, new AppError('SERVER_ERROR', 'the server is down'), 1));
    expect(stored(rig, 't1')!.renewal).toStrictEqual({
      failingSince: now,
      attempts: 1,
      lastError: { code: 'SERVER_ERROR', message: 'the server is down' },
      nextAttemptAt: now + MINUTE,
    });
    expect(alerts(rig)).toEqual([]);
  });

  it('keeps the failure on that token only', async () => {
    const first = storedToken('t1', 'active', 1);
    const second = storedToken('t2', 'active', 2);
    const rig = makeRuntime({ data: vaultWith([first, second]) });
    await recordRenewalFailure(rig.runtime, report(rig, second, new AppError('SERVER_ERROR'), 1));
    expect(stored(rig, 't1')!.renewal).toBeUndefined();
    expect(stored(rig, 't2')!.renewal).toMatchObject({ attempts: 1 });
  });

  it('writes nothing on a token a successor already replaced (no renewal, no audit), but still alerts', async () => {
    const token = storedToken('t1', 'active', 1, { renewedBy: 't2' });
    const rig = makeRuntime({ data: vaultWith([token]) });
    await recordRenewalFailure(rig.runtime, report(rig, token, new AppError('BAD_CREDENTIALS'), 1));
    expect(stored(rig, 't1')!.renewal).toBeUndefined();
    expect(rig.vault.read().audit).toEqual([]);
    expect(alerts(rig)).toHaveLength(1);
  });

  it('writes nothing and logs nothing for a token no longer in the vault', async () => {
    const rig = makeRuntime({ data: vaultWith([storedToken('other', 'active', 1)]) });
    const gone = storedToken('gone', 'active', 1);
    await recordRenewalFailure(rig.runtime, report(rig, gone, new AppError('SERVER_ERROR'), 1));
    expect(rig.warnings()).toEqual([]);
    expect(stored(rig, 'other')!.renewal).toBeUndefined();
    expect(rig.lists()).toHaveLength(1);
  });

  it('says "1 attempt" and "3 attempts" in the audit detail, with the next attempt as an ISO time', async () => {
    const one = storedToken('t1', 'active', 1);
    const three = storedToken('t3', 'active', 3);
    const rig = makeRuntime({ data: vaultWith([one, three]) });
    const next = new Date(rig.clock.now() + MINUTE).toISOString();
    // BAD_CREDENTIALS is not retryable: alerted on the first failure.
    await recordRenewalFailure(rig.runtime, report(rig, one, new AppError('BAD_CREDENTIALS'), 1));
    await recordRenewalFailure(rig.runtime, report(rig, three, new AppError('SERVER_ERROR'), 3));
    expect(rig.vault.read().audit.map((e) => [e.action, e.outcome, e.tokenId, e.detail])).toEqual([
      ['fail', 'BAD_CREDENTIALS', 't1', `auto-renew failing after 1 attempt; next attempt ${next}`],
      ['fail', 'SERVER_ERROR', 't3', `auto-renew failing after 3 attempts; next attempt ${next}`],
    ]);
  });

  it('logs a failure it could not save (token and code, no message) and still alerts and sends the list', async () => {
    const token = storedToken('t1', 'active', 1);
    const rig = makeRuntime({ data: vaultWith([token]) });
    rig.vault.failPersist = true;
    await recordRenewalFailure(rig.runtime, report(rig, token, new AppError('BAD_CREDENTIALS', `refused ${token.value}`), 1));
    expect(rig.warnings()).toEqual([expect.objectContaining({ msg: 'auto-renew failure not saved', tokenId: 't1', code: 'INTERNAL' })]);
    expect(alerts(rig)).toHaveLength(1);
    expect(rig.lists()).toHaveLength(1);
    expect(rig.lines.join('\n')).not.toContain(token.value);
  });

  it("names the account in the alert, or '(removed account)' once it is gone", async () => {
    const kept = storedToken('t1', 'active', 1);
    const orphan = storedToken('t2', 'active', 2, { accountId: 'removed' });
    const rig = makeRuntime({ data: vaultWith([kept, orphan]) });
    await recordRenewalFailure(rig.runtime, report(rig, kept, new AppError('BAD_CREDENTIALS'), 1));
    await recordRenewalFailure(rig.runtime, report(rig, orphan, new AppError('BAD_CREDENTIALS'), 1));
    expect(alerts(rig)).toEqual([
      expect.objectContaining({ tokenId: 't1', accountId: 'a', accountLabel: 'Azion session a' }),
      expect.objectContaining({ tokenId: 't2', accountId: 'removed', accountLabel: '(removed account)' }),
    ]);
  });
});
