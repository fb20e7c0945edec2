import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import type { MintedToken } from '../../../../main/core/providers/types.js';
import { mintToken } from '../../../../main/core/tokens/mintToken.js';
import { emptyVaultData, type AccountRecord, type VaultData } from '../../../../main/core/vault/vaultRecords.js';
import { FakeProvider } from '../../../support/FakeProvider.js';
import { FakeVaultAccess } from '../../../support/FakeVaultAccess.js';
import { azionAccount, HOUR, oceanAccount } from './harness.js';
import { makeRuntime, type LogLine, type RuntimeRig } from './runtimeRig.js';

function rigWith(accounts: AccountRecord[], extra: Partial<VaultData> = {}): RuntimeRig {
  return makeRuntime({ data: { ...emptyVaultData(), accounts, ...extra } });
}

function fake(rig: RuntimeRig, kind: 'azion' | 'ocean'): FakeProvider {
  return rig.runtime.provider(kind) as FakeProvider;
}

function errors(rig: RuntimeRig): LogLine[] {
  return rig.lines.map((l) => JSON.parse(l) as LogLine).filter((l) => l.level === 'error');
}

/** An Ocean account whose server kind is not known yet, as after it is added. */
function autoOcean(id: string): AccountRecord {
  const account = healthyOcean(id, 'provider');
  if (account.config.kind === 'ocean') account.config = { ...account.config, flavour: 'auto' };
  return account;
}

/** Healthy already: a successful mint changes nothing about its health, so only a learnt flavour tells the window. */
function healthyOcean(id: string, flavour: 'provider' | 'node'): AccountRecord {
  return oceanAccount(id, flavour, { health: { at: 0, error: null } });
}

/** What an Ocean Provider mint answers: its flavour and the base URL it was minted at. */
function oceanMinted(rig: RuntimeRig, meta: Record<string, string>): MintedToken {
  const now = rig.clock.now();
  return { kind: 'ocean-provider', value: 'prov.0000000000000000000001.1', createdAt: now, expiresAt: now + HOUR, meta };
}

/** A vault whose writes fail with a plain Error (not an AppError), as an unexpected bug would. */
class BrokenVault extends FakeVaultAccess {
  override update<T>(): Promise<T> {
    return Promise.reject(new Error('unexpected failure in the vault'));
  }
}

describe('mintToken: the provider request', () => {
  it('asks the provider only for the options the plan gives (no undefined expiry, name or approval)', async () => {
    const rig = rigWith([azionAccount('a', 'personal')]);
    await mintToken(rig.runtime, { account: rig.runtime.requireAccount('a') });
    const req = fake(rig, 'azion').calls.mint[0]!;
    expect('expiresAt' in req).toBe(false);
    expect('name' in req).toBe(false);
    expect('approved' in req).toBe(false);
  });

  it('queues a temporary credential the mint leaves on the server for revoking, with the reason "temporary session of a mint"', async () => {
    const rig = rigWith([azionAccount('a', 'personal')]);
    fake(rig, 'azion').script.mint.push((req) => {
      req.leftover!({ kind: 'azion-session', value: 'sess-left-behind-0123456789abcdef', expiresAt: rig.clock.now() + HOUR }, new AppError('NETWORK'));
      const now = rig.clock.now();
      return { kind: 'azion-personal', value: 'azion-personal-value-0123456789abcdef', createdAt: now, expiresAt: now + HOUR, serverId: 'uuid-x' };
    });
    await mintToken(rig.runtime, { account: rig.runtime.requireAccount('a') });
    await rig.runtime.settled();
    expect(rig.vault.read().cleanup?.map((c) => c.reason)).toEqual(['temporary session of a mint']);
  });
});

describe('mintToken: the stored token', () => {
  it('keeps no lifetime when the plan asks for a lifetime of zero', async () => {
    const rig = rigWith([azionAccount('a', 'personal')]);
    await mintToken(rig.runtime, { account: rig.runtime.requireAccount('a'), lifetimeMs: 0 });
    expect('lifetimeMs' in rig.vault.read().tokens[0]!).toBe(false);
  });

  it('keeps no lifetime key at all when the plan gives neither a lifetime nor an expiry', async () => {
    const rig = rigWith([azionAccount('a', 'personal')]);
    await mintToken(rig.runtime, { account: rig.runtime.requireAccount('a') });
    expect('lifetimeMs' in rig.vault.read().tokens[0]!).toBe(false);
  });

  it('stores a renewal whose old token is no longer in the vault, without linking anything', async () => {
    const rig = rigWith([azionAccount('a', 'personal')]);
    const token = await mintToken(rig.runtime, { account: rig.runtime.requireAccount('a'), renewedFrom: 'gone' });
    expect(rig.vault.read().tokens.map((t) => [t.id, t.renewedFrom])).toEqual([[token.id, 'gone']]);
    expect(fake(rig, 'azion').calls.revoke).toEqual([]);
  });

  it('refuses a mint answer without a token value, with BAD_RESPONSE and a message pointing at the base URL', async () => {
    const rig = rigWith([azionAccount('a', 'personal')]);
    const now = rig.clock.now();
    fake(rig, 'azion').script.mint.push({ kind: 'azion-personal', value: '', createdAt: now, expiresAt: now + HOUR });
    await expect(mintToken(rig.runtime, { account: rig.runtime.requireAccount('a') })).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
      message: "The server answered the mint without a usable token or expiry. Try again, and check the account's base URL.",
    });
    expect(rig.vault.read().tokens).toEqual([]);
  });
});

describe('mintToken: a token the vault cannot store', () => {
  it('revokes it without the lock signal, logs the account and code, and keeps the vault error as the cause', async () => {
    const rig = rigWith([azionAccount('a', 'personal')]);
    rig.vault.failPersist = true;
    const error = (await mintToken(rig.runtime, { account: rig.runtime.requireAccount('a') }).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe('The new token could not be saved in the vault, so it was revoked again. Nothing was kept; try again.');
    expect(error.cause).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/could not be written/) });
    const revoke = fake(rig, 'azion').calls.revoke[0]!;
    expect(revoke.signal).toBeUndefined();
    expect(errors(rig)).toEqual([
      expect.objectContaining({ msg: 'minted token could not be stored; revoking it', accountId: 'a', code: 'INTERNAL' }),
    ]);
  });

  it('keeps the vault error as the cause when revoking the unsaved token failed too', async () => {
    const rig = rigWith([azionAccount('a', 'personal')]);
    rig.vault.failPersist = true;
    fake(rig, 'azion').script.revoke.push(new AppError('NETWORK'));
    const error = (await mintToken(rig.runtime, { account: rig.runtime.requireAccount('a') }).catch((e: unknown) => e)) as AppError;
    expect(error.message).toMatch(/stays valid on the server until/);
    expect(error.cause).toMatchObject({ code: 'INTERNAL' });
  });

  it('reports INTERNAL when the vault fails with something other than an AppError', async () => {
    const account = azionAccount('a', 'personal');
    const data = { ...emptyVaultData(), accounts: [account] };
    const rig = makeRuntime({ data, vault: new BrokenVault(data) });
    const error = (await mintToken(rig.runtime, { account }).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('INTERNAL');
    expect(errors(rig)[0]).toMatchObject({ code: 'INTERNAL' });
  });
});

describe('mintToken: the server kind an Ocean mint confirms', () => {
  const url = 'https://provider.ocean.example';

  it('keeps the confirmed flavour on an account still at "auto" and tells the window', async () => {
    const rig = rigWith([autoOcean('o')]);
    fake(rig, 'ocean').script.mint.push(oceanMinted(rig, { flavour: 'provider', providerUrl: url }));
    await mintToken(rig.runtime, { account: rig.runtime.requireAccount('o') });
    expect(rig.vault.read().accounts[0]!.config).toMatchObject({ flavour: 'provider' });
    expect(rig.others()).toEqual([expect.objectContaining({ type: 'accounts-changed' })]);
  });

  it('learns nothing when the account already knows that flavour (the window is not told)', async () => {
    const rig = rigWith([healthyOcean('o', 'provider')]);
    fake(rig, 'ocean').script.mint.push(oceanMinted(rig, { flavour: 'provider', providerUrl: url }));
    await mintToken(rig.runtime, { account: rig.runtime.requireAccount('o') });
    expect(rig.others()).toEqual([]);
  });

  it('learns nothing when the account now points at another URL than the token was minted at', async () => {
    const rig = rigWith([autoOcean('o')]);
    fake(rig, 'ocean').script.mint.push(oceanMinted(rig, { flavour: 'provider', providerUrl: 'https://elsewhere.ocean.example' }));
    await mintToken(rig.runtime, { account: rig.runtime.requireAccount('o') });
    expect(rig.vault.read().accounts[0]!.config).toMatchObject({ flavour: 'auto' });
    expect(rig.others()).toEqual([]);
  });

  it('learns nothing from a flavour that is neither provider nor node', async () => {
    const rig = rigWith([autoOcean('o')]);
    fake(rig, 'ocean').script.mint.push(oceanMinted(rig, { flavour: 'other', providerUrl: url }));
    await mintToken(rig.runtime, { account: rig.runtime.requireAccount('o') });
    expect(rig.vault.read().accounts[0]!.config).toMatchObject({ flavour: 'auto' });
    expect(rig.others()).toEqual([]);
  });
});

