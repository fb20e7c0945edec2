import { encryptKeystoreJson } from 'ethers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountView } from '../../../../preload/contract.js';
import { VaultAccounts, AZION_DEFAULTS, type AccountAuditEvent } from '../../../../main/core/accounts/VaultAccounts.js';
import { AppError } from '../../../../main/core/errors.js';
import { codeOf, TEST_PASSWORD, useVaultHarness } from '../../../support/vaultHarness.js';
import { TestPresence } from '../../../support/TestPresence.js';

// The public Hardhat/Anvil test account #0 (test/fakes/vectors.json): a PUBLIC TEST KEY, never for real funds.
const PUBLIC_TEST_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const PUBLIC_TEST_ADDRESS = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const AZION_PASSWORD = 'Azion-account-pw-7781';

const h = useVaultHarness();
let accounts: VaultAccounts;
let changes: AccountView[][];
let audit: AccountAuditEvent[];
let presence: TestPresence;

beforeEach(async () => {
  audit = [];
  presence = new TestPresence(h.clock);
  accounts = new VaultAccounts({
    presence,
    vault: h.vault,
    redactor: h.redactor,
    clock: h.clock,
    recordAudit: (_d, e) => audit.push(e),
    // Deterministic "randomness" for generate: the public test key's bytes.
    randomBytes: (n) => Buffer.from(PUBLIC_TEST_KEY.slice(2), 'hex').subarray(0, n),
  });
  changes = [];
  accounts.onChange((a) => changes.push(a));
  await h.vault.create(TEST_PASSWORD);
});

const azion = { kind: 'azion', label: 'Work', email: 'me@example.com', password: AZION_PASSWORD, mode: 'session' } as const;

describe('VaultAccounts', () => {
  it('adds an Azion account with the default bases; the view never carries the password', async () => {
    const view = await accounts.add(azion);
    expect(view.config).toEqual({ kind: 'azion', ...AZION_DEFAULTS, mode: 'session', email: 'me@example.com' });
    expect(view.has).toEqual({ password: true, personalToken: false, privateKey: false });
    expect(JSON.stringify(view)).not.toContain(AZION_PASSWORD);
    expect(h.vault.read().accounts[0]?.secrets).toEqual({ kind: 'azion', password: AZION_PASSWORD });
    expect(h.redactor.redact(`x ${AZION_PASSWORD} y`)).not.toContain(AZION_PASSWORD);
    expect(audit).toEqual([{ action: 'account', accountId: view.id, accountLabel: 'Work', detail: 'added' }]);

    await h.vault.lock();
    await h.vault.unlock(TEST_PASSWORD);
    expect(await accounts.list()).toEqual([view]);
    // create (unlocked, empty), add, lock, unlock
    expect(changes.map((c) => c.length)).toEqual([0, 1, 0, 1]);
  });

  it('needs a password for session mode, and a password or personal token for personal mode', async () => {
    expect(await codeOf(accounts.add({ ...azion, password: undefined }))).toBe('BAD_ARGUMENT');
    expect(await codeOf(accounts.add({ ...azion, mode: 'personal', password: undefined }))).toBe('BAD_ARGUMENT');
    const sso = await accounts.add({ ...azion, mode: 'personal', password: undefined, personalToken: 'azionpersonaltoken0001' });
    expect(sso.has).toEqual({ password: false, personalToken: true, privateKey: false });
  });

  it('validates base URLs: https, or http to localhost; no credentials; no trailing slash', async () => {
    expect(await codeOf(accounts.add({ ...azion, authBase: 'http://api.example.com' }))).toBe('BAD_ARGUMENT');
    expect(await codeOf(accounts.add({ ...azion, authBase: 'https://u:p@api.example.com' }))).toBe('BAD_ARGUMENT');
    expect(await codeOf(accounts.add({ ...azion, label: '   ' }))).toBe('BAD_ARGUMENT');
    expect(await codeOf(accounts.add({ ...azion, email: 'nope' }))).toBe('BAD_ARGUMENT');
    const v = await accounts.add({ ...azion, authBase: 'http://127.0.0.1:8080/', apiBase: 'https://api.azion.com/v4/' });
    expect(v.config).toMatchObject({ authBase: 'http://127.0.0.1:8080', apiBase: 'https://api.azion.com/v4' });
  });

  it('adds an Ocean account from a pasted hex key (public test key), with or without 0x', async () => {
    const v = await accounts.add({ kind: 'ocean', label: 'Ocean', providerUrl: 'https://provider.example.com', key: { type: 'hex', privateKey: PUBLIC_TEST_KEY.slice(2).toUpperCase() } });
    expect(v.config).toEqual({ kind: 'ocean', providerUrl: 'https://provider.example.com', address: PUBLIC_TEST_ADDRESS, flavour: 'auto' });
    expect(v.has.privateKey).toBe(true);
    expect(JSON.stringify(v).toLowerCase()).not.toContain(PUBLIC_TEST_KEY.slice(2));
    expect(h.vault.read().accounts[0]?.secrets).toEqual({ kind: 'ocean', privateKey: PUBLIC_TEST_KEY });
    for (const bad of ['0x1234', 'zz'.repeat(32), '00'.repeat(32), 'ff'.repeat(32)]) {
      expect(await codeOf(accounts.add({ kind: 'ocean', label: 'x', providerUrl: 'https://p.example', key: { type: 'hex', privateKey: bad } }))).toBe('BAD_KEY');
    }
  });

  it('imports an encrypted keystore, refusing a wrong password and an absurd cost', async () => {
    const json = await encryptKeystoreJson({ address: PUBLIC_TEST_ADDRESS, privateKey: PUBLIC_TEST_KEY }, 'keystore pw', { scrypt: { N: 2 ** 10 } });
    const add = (j: string, password: string) => accounts.add({ kind: 'ocean', label: 'K', providerUrl: 'https://p.example', key: { type: 'keystore', json: j, password } });
    const err = await add(json, 'wrong').catch((e: unknown) => e as AppError);
    expect(err).toMatchObject({ code: 'BAD_KEY', message: expect.stringMatching(/password/) });
    const costly = json.replace('"n":1024', `"n":${2 ** 20}`);
    expect(await codeOf(add(costly, 'keystore pw'))).toBe('KEYSTORE_TOO_COSTLY');
    expect(await codeOf(add('{"not":"a keystore"}', 'keystore pw'))).toBe('BAD_KEY');
    expect((await add(json, 'keystore pw')).config).toMatchObject({ address: PUBLIC_TEST_ADDRESS });
  });

  it('generates a key from the injected randomness and shows its address', async () => {
    const v = await accounts.add({ kind: 'ocean', label: 'New', providerUrl: 'https://p.example', key: { type: 'generate' } });
    expect(v.config).toMatchObject({ address: PUBLIC_TEST_ADDRESS });
  });

  it('updates fields and replaces secrets; refuses fields of the other kind', async () => {
    const a = await accounts.add(azion);
    const o = await accounts.add({ kind: 'ocean', label: 'O', providerUrl: 'https://p.example', key: { type: 'hex', privateKey: PUBLIC_TEST_KEY } });
    await h.vault.update((d) => {
      const c = d.accounts[1]!.config;
      if (c.kind === 'ocean') c.flavour = 'node';
    });
    const a2 = await accounts.update(a.id, { label: 'Renamed', personalToken: 'pasted-personal-token-1', autoRenew: true, defaultCopyFormat: 'header' });
    expect(a2).toMatchObject({ label: 'Renamed', autoRenew: true, defaultCopyFormat: 'header', has: { password: true, personalToken: true } });
    expect(await codeOf(accounts.update(a.id, { providerUrl: 'https://x.example' }))).toBe('BAD_ARGUMENT');
    expect(await codeOf(accounts.update(o.id, { password: 'x' }))).toBe('BAD_ARGUMENT');
    expect(await codeOf(accounts.update('missing', { label: 'x' }))).toBe('NOT_FOUND');
    const o2 = await accounts.update(o.id, { providerUrl: 'https://other.example/', key: { type: 'hex', privateKey: PUBLIC_TEST_KEY } });
    expect(o2.config).toMatchObject({ providerUrl: 'https://other.example', flavour: 'auto' });
    expect(await accounts.list()).toEqual([a2, o2]);
  });

  it('binds secrets to their origin: a new host needs every stored secret again and the person\'s yes', async () => {
    const a = await accounts.add({ ...azion, mode: 'personal', personalToken: 'pasted-personal-token-1' });
    const o = await accounts.add({ kind: 'ocean', label: 'O', providerUrl: 'https://p.example', key: { type: 'hex', privateKey: PUBLIC_TEST_KEY } });
    const refused = await accounts.update(a.id, { authBase: 'https://attacker.example' }).catch((e: AppError) => e);
    expect(refused).toMatchObject({ code: 'SECRET_REQUIRED' });
    expect((refused as AppError).message).toContain('password and personal token');
    expect(await codeOf(accounts.update(a.id, { checkBase: 'https://attacker.example', password: 'new-pw-1' }))).toBe('SECRET_REQUIRED');
    expect(await codeOf(accounts.update(o.id, { providerUrl: 'https://p.example:8443' }))).toBe('SECRET_REQUIRED');
    expect(await codeOf(accounts.update(o.id, { providerUrl: 'http://localhost:8030' }))).toBe('SECRET_REQUIRED');
    expect(presence.prompts).toEqual([]); // refused before anyone is asked

    // Another key is not a re-entry of this one: refused, nothing replaced.
    const other = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'; // Hardhat #1, a PUBLIC TEST KEY
    expect(await codeOf(accounts.update(o.id, { providerUrl: 'https://q.example', key: { type: 'hex', privateKey: other } }))).toBe('BAD_KEY');

    presence.answer = 'cancel';
    expect(await codeOf(accounts.update(o.id, { providerUrl: 'https://q.example', key: { type: 'hex', privateKey: PUBLIC_TEST_KEY } }))).toBe('NOT_CONFIRMED');
    expect(presence.prompts.at(-1)?.detail).toContain('p.example → q.example');
    expect((await accounts.list()).find((x) => x.id === o.id)?.config).toMatchObject({ providerUrl: 'https://p.example' });

    presence.answer = 'approve';
    const moved = await accounts.update(a.id, { authBase: 'https://eu.azion.example', password: 'new-pw-1', personalToken: 'pasted-personal-token-2' });
    expect(moved.config).toMatchObject({ authBase: 'https://eu.azion.example' });
    expect(presence.titles().at(-1)).toBe('Send a secret to a new server?');

    // A path on the same origin is not a move: no secret, no question.
    const asked = presence.prompts.length;
    const pathOnly = await accounts.update(o.id, { providerUrl: 'https://p.example/ocean' });
    expect(pathOnly.config).toMatchObject({ providerUrl: 'https://p.example/ocean' });
    expect(presence.prompts.length).toBe(asked);
  });

  it('removing an account needs the person to confirm it in main\'s dialog', async () => {
    const a = await accounts.add(azion);
    presence.answer = 'cancel';
    expect(await codeOf(accounts.remove(a.id))).toBe('NOT_CONFIRMED');
    expect((await accounts.list()).map((x) => x.id)).toEqual([a.id]);
    const absent = new VaultAccounts({ vault: h.vault, redactor: h.redactor, clock: h.clock });
    expect(await codeOf(absent.remove(a.id))).toBe('NOT_CONFIRMED');
  });

  it('removes an account with its tokens', async () => {
    const a = await accounts.add(azion);
    const b = await accounts.add({ ...azion, label: 'Other' });
    await h.vault.update((d) => {
      for (const [id, accountId] of [['t1', a.id], ['t2', b.id]] as const) {
        d.tokens.push({ id, accountId, kind: 'azion-session', value: `value-${id}-xyz`, createdAt: 0, expiresAt: 1, state: 'active' });
      }
    });
    await accounts.remove(a.id);
    expect((await accounts.list()).map((x) => x.id)).toEqual([b.id]);
    expect(h.vault.read().tokens.map((t) => t.id)).toEqual(['t2']);
    expect(await codeOf(accounts.remove(a.id))).toBe('NOT_FOUND');
    expect(audit.map((e) => e.detail)).toEqual(['added', 'added', 'removed']);
  });

  it('with live tokens, main\'s one question offers to revoke them first; a failed revoke keeps the account', async () => {
    const a = await accounts.add(azion);
    const future = h.clock.now() + 3_600_000;
    await h.vault.update((d) => {
      for (const id of ['t1', 't2']) d.tokens.push({ id, accountId: a.id, kind: 'azion-session', value: `value-${id}-xyz`, createdAt: 0, expiresAt: future, state: 'active' });
    });
    const revoked: string[] = [];
    let fail = 1;
    accounts.revokeLiveWith(async (id) => {
      revoked.push(id);
      return { revoked: 2 - fail, failed: fail };
    });
    presence.answer = (p) => p.choices.indexOf('Revoke 2 and remove');
    expect(await codeOf(accounts.remove(a.id))).toBe('SERVER_ERROR');
    expect(presence.prompts.at(-1)?.choices).toEqual(['Cancel', 'Remove, keep tokens valid', 'Revoke 2 and remove']);
    expect(presence.prompts.at(-1)?.detail).toContain('2 live tokens can be revoked first');
    expect(revoked).toEqual([a.id]);
    expect((await accounts.list()).map((x) => x.id)).toEqual([a.id]);
    fail = 0;
    await accounts.remove(a.id);
    expect(revoked).toEqual([a.id, a.id]);
    expect(await accounts.list()).toEqual([]);
  });

  it('"Remove, keep tokens valid" revokes nothing', async () => {
    const a = await accounts.add(azion);
    await h.vault.update((d) => {
      d.tokens.push({ id: 't1', accountId: a.id, kind: 'azion-session', value: 'value-t1-xyz', createdAt: 0, expiresAt: h.clock.now() + 3_600_000, state: 'active' });
    });
    const revoked: string[] = [];
    accounts.revokeLiveWith(async (id) => {
      revoked.push(id);
      return { revoked: 1, failed: 0 };
    });
    presence.answer = (p) => p.choices.indexOf('Remove, keep tokens valid');
    await accounts.remove(a.id);
    expect(revoked).toEqual([]);
    expect(await accounts.list()).toEqual([]);
  });

  it('answers LOCKED while the vault is locked', async () => {
    await h.vault.lock();
    expect(await codeOf(accounts.list())).toBe('LOCKED');
    expect(await codeOf(accounts.add(azion))).toBe('LOCKED');
  });
});
