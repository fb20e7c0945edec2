import * as nodeFs from 'node:fs/promises';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { AtomicVaultFile } from '../../../../main/core/vault/AtomicVaultFile.js';
import { kdfLabel, type KdfParams } from '../../../../main/core/vault/kdf.js';
import type { KeyWrapper } from '../../../../main/core/vault/KeyWrapper.js';
import { Vault } from '../../../../main/core/vault/Vault.js';
import { decodeVaultFile } from '../../../../main/core/vault/vaultFileDecode.js';
import { encodeVaultFile } from '../../../../main/core/vault/vaultFormat.js';
import { FakeKeyWrapper } from '../../../support/FakeKeyWrapper.js';
import { codeOf, TEST_KDF, TEST_PASSWORD, useVaultHarness } from '../../../support/vaultHarness.js';

/** What the vault tells its log (the diagnostics a user sends us), and the edges of lock and update. */
const h = useVaultHarness();

const logged = (msg: string) => h.logged(msg);
const STRONGER: KdfParams = { ...TEST_KDF, N: TEST_KDF.N * 4 };

describe('what the vault logs', () => {
  it('creating: the KDF it used, by name and cost', async () => {
    await h.vault.create(TEST_PASSWORD);
    expect(logged('vault created')).toMatchObject([{ kdf: kdfLabel(TEST_KDF) }]);
  });

  it('unlocking with the password: the method, and the KDF and the rest as parts of the time it took, to a tenth of a ms', async () => {
    const slow: KdfParams = { name: 'scrypt', N: 2 ** 14, r: 8, p: 1 };
    const v = h.reopen({ kdf: slow });
    await v.create(TEST_PASSWORD);
    await v.lock();
    const again = h.reopen({ kdf: slow });
    const t = performance.now();
    await again.unlock(TEST_PASSWORD);
    const took = performance.now() - t;
    const [line] = logged('vault unlocked');
    expect(line).toMatchObject({ method: 'password' });
    const { kdfMs, restMs } = line as unknown as { kdfMs: number; restMs: number };
    for (const ms of [kdfMs, restMs]) {
      expect(typeof ms).toBe('number');
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(Math.abs(ms * 10 - Math.round(ms * 10))).toBeLessThan(1e-6);
    }
    // The KDF (N = 2^14) takes a measurable part of the unlock; the two parts add up to no more than the whole.
    expect(kdfMs).toBeGreaterThan(0);
    expect(kdfMs + restMs).toBeLessThanOrEqual(took + 0.2);
  });

  it('a wrong password: the failing step is the password', async () => {
    await h.vault.create(TEST_PASSWORD);
    await h.vault.lock();
    expect(await codeOf(h.vault.unlock('not the password at all'))).toBe('BAD_PASSWORD');
    expect(logged('vault unlock failed')).toMatchObject([{ step: 'password', code: 'BAD_PASSWORD' }]);
  });

  it('a KDF weaker than configured is raised at unlock, and logged with the new cost; a current one is left alone', async () => {
    await h.vault.create(TEST_PASSWORD);
    await h.vault.lock();
    await h.vault.unlock(TEST_PASSWORD);
    expect(logged('vault key re-wrapped')).toEqual([]);
    await h.vault.lock();

    const v = h.reopen({ kdf: STRONGER });
    await v.unlock(TEST_PASSWORD);
    expect(logged('vault key re-wrapped')).toMatchObject([{ kdf: kdfLabel(STRONGER) }]);
    expect(decodeVaultFile(await readFile(h.file.path)).kdf.N).toBe(STRONGER.N);
  });

  it('changing the password: how many backups were re-sealed; a wrong current password says so and changes nothing', async () => {
    await h.vault.create(TEST_PASSWORD);
    await h.vault.update((d) => void (d.oceanExpirations['k'] = [1]));
    await h.vault.compact();
    const before = await readFile(h.file.path);
    await expect(h.vault.changePassword('not the current one', 'another long password 2026')).rejects.toMatchObject({
      code: 'BAD_PASSWORD',
      message: 'The current master password is not right. Nothing was changed.',
    });
    expect((await readFile(h.file.path)).equals(before)).toBe(true);
    await h.vault.changePassword(TEST_PASSWORD, 'another long password 2026');
    const backups = (await h.file.backups()).length;
    expect(backups).toBeGreaterThan(0);
    expect(logged('master password changed')).toMatchObject([{ backupsResealed: backups }]);
  });

  it('restoring: the name of the backup restored', async () => {
    await h.vault.create(TEST_PASSWORD);
    await h.vault.update((d) => void (d.oceanExpirations['k'] = [1]));
    await h.vault.compact();
    const [newest] = await h.vault.backups();
    const name = (await h.file.backups())[0]!.name;
    await h.vault.restoreBackup(newest!.id, TEST_PASSWORD);
    expect(logged('vault restored from backup')).toMatchObject([{ backup: name }]);
  });
});

describe('restoring while unlocked', () => {
  it('rotates the current file into the backups (it is known to be good), setting nothing aside', async () => {
    await h.vault.create(TEST_PASSWORD);
    await h.vault.update((d) => void (d.oceanExpirations['k'] = [1]));
    await h.vault.compact();
    const current = await readFile(h.file.path);
    const oldest = (await h.vault.backups()).at(-1)!;
    await h.vault.restoreBackup(oldest.id, TEST_PASSWORD);
    expect((await readdir(h.dir)).filter((f) => f.startsWith('vault.json.aside-'))).toEqual([]);
    expect((await h.file.backups())[0]!.bytes.equals(current)).toBe(true);
  });
});

describe('unlock and lock at the edges', () => {
  it('unlocking a vault that is already unlocked does nothing, whatever password is given', async () => {
    await h.vault.create(TEST_PASSWORD);
    await h.vault.unlock('not the password at all');
    expect(await h.vault.status()).toBe('unlocked');
    expect(logged('vault unlock failed')).toEqual([]);
  });

  it('records the lock through beforeLock once; locking again, or without beforeLock, records and warns nothing', async () => {
    const seen: number[] = [];
    const v = h.reopen({ beforeLock: (d) => void seen.push(d.tokens.length) });
    await v.create(TEST_PASSWORD);
    await v.lock();
    await v.lock();
    expect(seen).toEqual([0]);
    const plain = h.reopen();
    await plain.unlock(TEST_PASSWORD);
    await plain.lock();
    expect(logged('could not record the lock')).toEqual([]);
    expect(await plain.status()).toBe('locked');
  });

  it('a beforeLock that fails still locks, with a warning', async () => {
    const v = h.reopen({
      beforeLock: () => {
        throw new Error('the trail could not take the entry');
      },
    });
    await v.create(TEST_PASSWORD);
    await v.lock();
    expect(await v.status()).toBe('locked');
    expect(logged('could not record the lock')).toMatchObject([{ level: 'warn' }]);
    expect(JSON.stringify(logged('could not record the lock')[0])).toContain('the trail could not take the entry');
  });
});

describe('an update that changes nothing', () => {
  it('writes nothing: the journal stays as it was', async () => {
    await h.vault.create(TEST_PASSWORD);
    await h.vault.update((d) => void (d.oceanExpirations['k'] = [1]));
    const journal = join(h.dir, decodeVaultFile(await readFile(h.file.path)).journal!);
    const size = (await stat(journal)).size;
    await h.vault.update(() => undefined);
    expect((await stat(journal)).size).toBe(size);
  });
});

describe('the keychain path', () => {
  async function withKeychain(wrapper: KeyWrapper = new FakeKeyWrapper()): Promise<Vault> {
    const v = h.reopen({ keyWrapper: wrapper });
    await v.create(TEST_PASSWORD);
    await v.enableKeychain();
    await v.lock();
    h.logLines.length = 0;
    return h.reopen({ keyWrapper: wrapper });
  }

  it('unlocking says it was the keychain; unlocking again while unlocked does nothing', async () => {
    const kw = new FakeKeyWrapper();
    const v = await withKeychain(kw);
    await v.unlockWithKeychain();
    expect(logged('vault unlocked')).toMatchObject([{ method: 'keychain' }]);
    kw.failUnwrap = true;
    await v.unlockWithKeychain();
    expect(logged('vault unlocked')).toHaveLength(1);
    await v.lock();
  });

  it('a payload that fails with the keychain key: the failing step is the keychain', async () => {
    const v = await withKeychain();
    const c = decodeVaultFile(await readFile(h.file.path));
    const ct = Buffer.from(c.payload.ct);
    ct[0] = ct[0]! ^ 0x01;
    await writeFile(h.file.path, encodeVaultFile({ ...c, payload: { ...c.payload, ct } }));
    expect(await codeOf(v.unlockWithKeychain())).toBe('VAULT_DAMAGED');
    expect(logged('vault unlock failed')).toMatchObject([{ step: 'keychain', code: 'VAULT_DAMAGED' }]);
  });

  it('a keychain that cannot tell whether its OS key rotated is taken as not rotated', async () => {
    const fake = new FakeKeyWrapper();
    const plain: KeyWrapper = {
      available: () => fake.available(),
      backend: () => fake.backend(),
      secure: () => fake.secure(),
      wrap: (b) => fake.wrap(b),
      unwrap: (b) => fake.unwrap(b),
    };
    const v = await withKeychain(plain);
    const wraps = fake.wraps;
    await v.unlockWithKeychain();
    expect(await v.status()).toBe('unlocked');
    expect(fake.wraps).toBe(wraps);
    await v.lock();
  });

  it('a rotated OS key whose re-wrap fails: still unlocked, with a warning that says why', async () => {
    const kw = new FakeKeyWrapper();
    const v = await withKeychain(kw);
    kw.rotated = true;
    kw.wrap = () => Promise.reject(new Error('locked keyring'));
    await v.unlockWithKeychain();
    expect(await v.status()).toBe('unlocked');
    expect(logged('keychain re-wrap failed')).toMatchObject([
      { level: 'warn', error: { message: 'The OS keychain refused to store the vault key. Keychain unlock stays off.' } },
    ]);
    await v.lock();
  });

  it('a password change without the keychain on leaves it off', async () => {
    const kw = new FakeKeyWrapper();
    const v = h.reopen({ keyWrapper: kw });
    await v.create(TEST_PASSWORD);
    await v.changePassword(TEST_PASSWORD, 'another long password 2026');
    expect(await v.keychainEnabled()).toBe(false);
    expect(kw.wraps).toBe(0);
    await v.lock();
  });
});

describe('raising the KDF cost when the write fails', () => {
  it('unlocks all the same, and says the upgrade failed and why', async () => {
    await h.vault.create(TEST_PASSWORD);
    await h.vault.lock();
    let failRenames = false;
    const fs = {
      ...nodeFs,
      rename: async (...args: Parameters<typeof nodeFs.rename>) => {
        if (failRenames) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        return nodeFs.rename(...args);
      },
    };
    const v = new Vault({ file: new AtomicVaultFile(h.file.path, fs), clock: h.clock, redactor: h.redactor, logger: h.logger, kdf: STRONGER });
    failRenames = true;
    await v.unlock(TEST_PASSWORD);
    expect(await v.status()).toBe('unlocked');
    const [line] = logged('kdf upgrade failed');
    expect(line).toMatchObject({ level: 'warn' });
    expect(JSON.stringify(line)).toContain('no space left on device');
    expect(decodeVaultFile(await readFile(h.file.path)).kdf.N).toBe(TEST_KDF.N);
    failRenames = false;
    await v.lock();
  });
});

describe('the audit window after an account change', () => {
  it('memory keeps the newest entries of the window only, once the change seals a new vault file', async () => {
    const v = h.reopen({ auditWindow: 2 });
    await v.create(TEST_PASSWORD);
    const { AuditLog } = await import('../../../../main/core/audit/AuditLog.js');
    const log = new AuditLog(v, h.clock);
    for (let i = 0; i < 3; i++) await log.append({ action: 'copy', outcome: 'ok', tokenId: `t-${i}` });
    await v.update((d) => void d.accounts.push({ id: 'acc-1', label: 'one', createdAt: 1, config: { kind: 'azion', authBase: 'https://a.example', apiBase: 'https://a.example', checkBase: 'https://a.example', mode: 'session', email: 'a@example.com' }, secrets: { kind: 'azion', password: 'p' }, autoRenew: false, revokeOnRenew: false, defaultCopyFormat: 'raw' }));
    expect(v.read().accounts.map((a) => a.id)).toEqual(['acc-1']);
    expect(v.read().audit.map((e) => e.tokenId)).toEqual(['t-1', 't-2']);
    await v.lock();
  });
});
