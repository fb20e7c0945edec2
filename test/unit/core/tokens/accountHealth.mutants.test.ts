import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { noteHealth, saysAboutCredentials, setHealthIn } from '../../../../main/core/tokens/accountHealth.js';
import { emptyVaultData, type AccountRecord } from '../../../../main/core/vault/vaultRecords.js';
import type { ErrorCode } from '../../../../preload/contract.js';
import { azionAccount } from './harness.js';
import { makeRuntime, type RuntimeRig } from './runtimeRig.js';

const OK_EARLIER = { at: 5, error: null };

function rigWith(accounts: AccountRecord[]): RuntimeRig {
  return makeRuntime({ data: { ...emptyVaultData(), accounts } });
}

function healthOf(rig: RuntimeRig, id: string): AccountRecord['health'] {
  return rig.vault.read().accounts.find((a) => a.id === id)?.health;
}

function accountEvents(rig: RuntimeRig): unknown[] {
  return rig.events.filter((e) => e.type === 'accounts-changed');
}

describe('saysAboutCredentials', () => {
  it("is true only for a server's answer, never for a declined dialog, a lock, a bad argument or a non-AppError", () => {
    const server: ErrorCode[] = ['BAD_CREDENTIALS', 'RATE_LIMITED', 'SERVER_ERROR', 'NETWORK', 'TIMEOUT', 'BAD_RESPONSE'];
    for (const code of server) expect(saysAboutCredentials(new AppError(code))).toBe(true);
    for (const code of ['CANCELLED', 'LOCKED', 'BAD_ARGUMENT', 'INTERNAL'] as ErrorCode[]) expect(saysAboutCredentials(new AppError(code))).toBe(false);
    expect(saysAboutCredentials(new Error('socket hang up'))).toBe(false);
    expect(saysAboutCredentials(null)).toBe(false);
  });
});

describe('setHealthIn', () => {
  it('changes nothing for an account that is gone', () => {
    expect(setHealthIn(undefined, 10, null)).toBe(false);
    expect(setHealthIn(undefined, 10, new AppError('BAD_CREDENTIALS'))).toBe(false);
  });
});

describe('noteHealth', () => {
  it('keeps nothing for an error that says nothing about the credentials', async () => {
    const rig = rigWith([azionAccount('a', 'session', { health: OK_EARLIER })]);
    await noteHealth(rig.runtime, 'a', new AppError('CANCELLED'));
    expect(healthOf(rig, 'a')).toEqual(OK_EARLIER);
    expect(rig.vault.persists).toBe(0);
    expect(accountEvents(rig)).toEqual([]);
  });

  it('leaves a healthy account as it was after another success, and tells nobody', async () => {
    const rig = rigWith([azionAccount('a', 'session', { health: OK_EARLIER })]);
    await noteHealth(rig.runtime, 'a', null);
    expect(healthOf(rig, 'a')).toEqual(OK_EARLIER);
    expect(accountEvents(rig)).toEqual([]);
  });

  it('rewrites the time of a healthy account on an explicit check, and tells the window', async () => {
    const rig = rigWith([azionAccount('a', 'session', { health: OK_EARLIER })]);
    await noteHealth(rig.runtime, 'a', null, true);
    const now = rig.clock.now();
    expect(healthOf(rig, 'a')).toEqual({ at: now, error: null });
    expect(accountEvents(rig)).toEqual([
      { type: 'accounts-changed', accounts: [expect.objectContaining({ id: 'a', health: { at: now, error: null } })] },
    ]);
  });

  it("keeps a failure on that account only, and sends every account's view", async () => {
    const rig = rigWith([azionAccount('a', 'session', { health: OK_EARLIER }), azionAccount('b', 'session')]);
    await noteHealth(rig.runtime, 'b', new AppError('BAD_CREDENTIALS'));
    expect(healthOf(rig, 'a')).toEqual(OK_EARLIER);
    expect(healthOf(rig, 'b')).toMatchObject({ at: rig.clock.now(), error: { code: 'BAD_CREDENTIALS', retryable: false } });
    expect(accountEvents(rig)).toEqual([
      { type: 'accounts-changed', accounts: [expect.objectContaining({ id: 'a' }), expect.objectContaining({ id: 'b', health: expect.objectContaining({ at: rig.clock.now() }) })] },
    ]);
  });

  it('does nothing for an account removed meanwhile, even on an explicit check', async () => {
    const rig = rigWith([azionAccount('a', 'session', { health: OK_EARLIER })]);
    await noteHealth(rig.runtime, 'gone', null, true);
    await noteHealth(rig.runtime, 'gone', new AppError('BAD_CREDENTIALS'));
    expect(rig.warnings()).toEqual([]);
    expect(healthOf(rig, 'a')).toEqual(OK_EARLIER);
    expect(accountEvents(rig)).toEqual([]);
  });

  it('logs health it could not save (account and code), tells nobody, and never throws', async () => {
    const rig = rigWith([azionAccount('a', 'session')]);
    rig.vault.failPersist = true;
    await expect(noteHealth(rig.runtime, 'a', new AppError('BAD_CREDENTIALS'))).resolves.toBeUndefined();
    expect(rig.warnings()).toEqual([expect.objectContaining({ msg: 'account health not saved', accountId: 'a', code: 'INTERNAL' })]);
    expect(accountEvents(rig)).toEqual([]);
  });
});
