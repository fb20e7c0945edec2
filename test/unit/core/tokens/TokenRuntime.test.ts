import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../../main/core/audit/AuditLog.js';
import type { TokenRecord } from '../../../../main/core/vault/vaultRecords.js';
import { thrownAppError } from '../../../support/thrownAppError.js';
import { deferred, makeRuntime, storedToken, vaultWith } from './runtimeRig.js';

describe('TokenRuntime lookups', () => {
  it('says an account or a token is gone in words the window shows', () => {
    const { runtime } = makeRuntime({ data: vaultWith([storedToken('t1', 'active', 1)]) });
    expect(runtime.requireAccount('a').id).toBe('a');
    expect(runtime.requireToken('t1').id).toBe('t1');

    const account = thrownAppError(() => runtime.requireAccount('gone'));
    expect(account.code).toBe('NOT_FOUND');
    expect(account.message).toBe('That account no longer exists. Refresh the list and try again.');
    const token = thrownAppError(() => runtime.requireToken('gone'));
    expect(token.code).toBe('NOT_FOUND');
    expect(token.message).toBe('That token is no longer in the vault. Refresh the list.');
  });

  it("labels a token whose account was removed '(removed account)'", () => {
    const orphan = storedToken('t9', 'active', 1, { accountId: 'removed' });
    const { runtime } = makeRuntime({ data: vaultWith([orphan]) });
    expect(runtime.view(orphan).accountLabel).toBe('(removed account)');
    expect(runtime.view(storedToken('t1', 'active', 1)).accountLabel).toBe('Azion session a');
  });
});

describe('TokenRuntime audit', () => {
  it('uses the audit trail it was given', () => {
    const rig = makeRuntime();
    expect(rig.audit).toBeInstanceOf(AuditLog);
    expect(rig.runtime.audit).toBe(rig.audit);
  });

  it('builds its own audit trail over the vault when given none, with details redacted', async () => {
    const token = storedToken('t1', 'active', 1);
    const { runtime, vault } = makeRuntime({ data: vaultWith([token]), withAudit: false });
    await runtime.record({ action: 'revoke', outcome: 'ok', tokenId: 't1', detail: `server said ${token.value}` });
    const entry = vault.read().audit.at(-1)!;
    expect(entry).toMatchObject({ action: 'revoke', outcome: 'ok', tokenId: 't1' });
    expect(entry.detail).toMatch(/^server said /);
    expect(entry.detail).not.toContain(token.value);
  });

  it('logs an audit entry it could not write (action and outcome, no secret) and does not fail the action', async () => {
    const token = storedToken('t1', 'active', 1);
    const rig = makeRuntime({ data: vaultWith([token]) });
    rig.vault.failPersist = true;
    await expect(rig.runtime.record({ action: 'revoke', outcome: 'NETWORK', tokenId: 't1', detail: token.value })).resolves.toBeUndefined();
    expect(rig.warnings()).toEqual([expect.objectContaining({ msg: 'audit entry not written', action: 'revoke', outcome: 'NETWORK', code: 'INTERNAL' })]);
    expect(rig.warnings()[0]).not.toHaveProperty('detail');
    expect(rig.lines.join('\n')).not.toContain(token.value);
    rig.vault.failPersist = false;
    expect(rig.vault.read().audit).toHaveLength(0);
  });
});

describe('TokenRuntime revokes in flight', () => {
  it('lets a second click join the revoke in flight, and forgets it once done', async () => {
    const { runtime } = makeRuntime({ data: vaultWith([storedToken('t1', 'active', 1)]) });
    const answer = deferred<TokenRecord>();
    let runs = 0;
    const run = (): Promise<TokenRecord> => {
      runs++;
      return answer.promise;
    };
    expect(runtime.isRevoking('t1')).toBe(false);
    expect(runtime.revokeInFlight('t1')).toBeUndefined();

    const first = runtime.revokeOnce('t1', run);
    expect(runtime.isRevoking('t1')).toBe(true);
    expect(runtime.isRevoking('t2')).toBe(false);
    expect(runtime.revokeInFlight('t1')).toBe(first);
    const second = runtime.revokeOnce('t1', run);
    expect(second).toBe(first);
    expect(runs).toBe(1);

    const revoked = storedToken('t1', 'revoked', 1);
    answer.resolve(revoked);
    await expect(second).resolves.toBe(revoked);
    expect(runtime.isRevoking('t1')).toBe(false);
    expect(runtime.revokeInFlight('t1')).toBeUndefined();
  });
});

describe('TokenRuntime settled()', () => {
  it('waits for every tracked task, including one started while it waits', async () => {
    const { runtime, clock } = makeRuntime();
    const first = deferred<void>();
    const second = deferred<void>();
    void runtime.track(first.promise.then(() => void runtime.track(second.promise)));
    let settled = false;
    void runtime.settled().then(() => {
      settled = true;
    });

    await clock.flush(20);
    expect(settled).toBe(false);
    first.resolve();
    await clock.flush(20);
    expect(settled).toBe(false);
    second.resolve();
    await clock.flush(20);
    expect(settled).toBe(true);
  });

  it('waits for a task that fails, without failing itself', async () => {
    const { runtime, clock } = makeRuntime();
    const task = deferred<void>();
    runtime.track(task.promise).catch(() => undefined);
    let settled = false;
    void runtime.settled().then(() => {
      settled = true;
    });
    await clock.flush(20);
    expect(settled).toBe(false);
    task.reject(new Error('boom'));
    await clock.flush(20);
    expect(settled).toBe(true);
  });
});

describe('TokenRuntime list at unlock', () => {
  it('sends the full list once, a turn after unlock', async () => {
    const rig = makeRuntime({ data: vaultWith([storedToken('t1', 'active', 1)]) });
    rig.runtime.start();
    expect(rig.lists()).toEqual([]);
    await rig.runtime.settled();
    expect(rig.lists().map((l) => l.map((t) => t.id))).toEqual([['t1']]);
  });

  it('coalesces unlocks in the same turn into one list, and a later unlock still sends one', async () => {
    const rig = makeRuntime({ data: vaultWith([storedToken('t1', 'active', 1)]) });
    rig.runtime.start();
    await rig.vault.lock();
    rig.vault.unlock();
    await rig.runtime.settled();
    // The lock's empty list, then one full list for both unlocks.
    expect(rig.lists().map((l) => l.map((t) => t.id))).toEqual([[], ['t1']]);

    await rig.vault.lock();
    rig.vault.unlock();
    await rig.runtime.settled();
    expect(rig.lists().map((l) => l.map((t) => t.id))).toEqual([[], ['t1'], [], ['t1']]);
  });

  it('leaves the list to the unlock when an earlier listener asks to re-evaluate', async () => {
    const rig = makeRuntime({ data: vaultWith([storedToken('t1', 'active', 1)]), locked: true });
    // Told of lock changes before the runtime, as main's listeners are.
    rig.vault.onLockChange((unlocked) => {
      if (unlocked) rig.runtime.reevaluate();
    });
    // Built but not yet started: nothing to re-evaluate, even with the vault open.
    rig.runtime.start();
    rig.vault.unlock();
    expect(rig.lists()).toEqual([]);
    await rig.runtime.settled();
    expect(rig.lists()).toHaveLength(1);

    // Locking forgets the unlock: the next unlock is again left to the runtime.
    await rig.vault.lock();
    rig.vault.unlock();
    expect(rig.lists()).toHaveLength(2);
    await rig.runtime.settled();
    expect(rig.lists().map((l) => l.map((t) => t.id))).toEqual([['t1'], [], ['t1']]);

    // Once it has heard of the unlock, re-evaluating sends the list at once.
    rig.runtime.reevaluate();
    expect(rig.lists()).toHaveLength(4);
  });

  it('does nothing on re-evaluate before it is started', () => {
    const rig = makeRuntime({ data: vaultWith([storedToken('t1', 'active', 1)]) });
    rig.runtime.reevaluate();
    expect(rig.events).toEqual([]);
  });
});

describe('TokenRuntime dispose', () => {
  it('stops following the vault', async () => {
    const rig = makeRuntime({ data: vaultWith([storedToken('t1', 'active', 1)]) });
    rig.runtime.start();
    await rig.runtime.settled();
    await rig.runtime.dispose();
    const before = rig.events.length;
    await rig.vault.lock();
    rig.vault.unlock();
    await rig.runtime.settled();
    expect(rig.events).toHaveLength(before);
  });

  it('can be disposed twice, or without ever starting', async () => {
    const started = makeRuntime();
    started.runtime.start();
    await started.runtime.settled();
    await started.runtime.dispose();
    await expect(started.runtime.dispose()).resolves.toBeUndefined();
    await expect(makeRuntime().runtime.dispose()).resolves.toBeUndefined();
  });
});
