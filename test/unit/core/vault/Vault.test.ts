import { readFile, stat, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { DEFAULT_KDF } from '../../../../main/core/vault/kdf.js';
import { decodeVaultFile } from '../../../../main/core/vault/vaultFileDecode.js';
import { codeOf, TEST_KDF, TEST_PASSWORD, useVaultHarness } from '../../../support/vaultHarness.js';

const h = useVaultHarness();

describe('Vault', () => {
  it('creates a 0600 vault, locks, and opens it again with the same data', async () => {
    expect(await h.vault.status()).toBe('uninitialized');
    await h.vault.create(TEST_PASSWORD);
    expect(await h.vault.status()).toBe('unlocked');
    await h.vault.update((d) => {
      d.oceanExpirations['k'] = [1, 2, 3];
    });
    expect((await stat(h.file.path)).mode & 0o777).toBe(0o600);
    await h.vault.lock();
    expect(await h.vault.status()).toBe('locked');
    expect(() => h.vault.read()).toThrow(AppError);

    const again = h.reopen();
    expect(await again.status()).toBe('locked');
    await again.unlock(TEST_PASSWORD);
    expect(again.read().oceanExpirations).toEqual({ k: [1, 2, 3] });
  });

  it('refuses a second create and a weak password', async () => {
    expect(await codeOf(h.vault.create('short'))).toBe('WEAK_PASSWORD');
    expect(await h.vault.status()).toBe('uninitialized');
    await h.vault.create(TEST_PASSWORD);
    expect(await codeOf(h.reopen().create(TEST_PASSWORD))).toBe('ALREADY_INITIALIZED');
  });

  it('answers BAD_PASSWORD to a wrong password and leaves the file untouched', async () => {
    await h.vault.create(TEST_PASSWORD);
    await h.vault.lock();
    const before = await readFile(h.file.path);
    expect(await codeOf(h.vault.unlock('not the password at all'))).toBe('BAD_PASSWORD');
    expect(h.vault.isUnlocked()).toBe(false);
    expect((await readFile(h.file.path)).equals(before)).toBe(true);
    await h.vault.unlock(TEST_PASSWORD);
    expect(h.vault.isUnlocked()).toBe(true);
  });

  it('opens a file whose salt changed since this instance last unlocked it (its KDF head start is discarded)', async () => {
    await h.vault.create(TEST_PASSWORD);
    await h.vault.lock();
    const other = h.reopen();
    await other.unlock(TEST_PASSWORD);
    await other.changePassword(TEST_PASSWORD, 'another long password 99');
    await other.lock();
    expect(await codeOf(h.vault.unlock(TEST_PASSWORD))).toBe('BAD_PASSWORD');
    await h.vault.unlock('another long password 99');
    expect(h.vault.isUnlocked()).toBe(true);
  });

  it('reports UNINITIALIZED and LOCKED where they apply', async () => {
    expect(await codeOf(h.vault.unlock(TEST_PASSWORD))).toBe('UNINITIALIZED');
    await h.vault.create(TEST_PASSWORD);
    await h.vault.lock();
    expect(await codeOf(h.vault.update(() => 1))).toBe('LOCKED');
    expect(await codeOf(h.vault.changePassword(TEST_PASSWORD, 'another long password'))).toBe('LOCKED');
  });

  it('lock drops the data and the registered secrets, and tells listeners', async () => {
    const events: unknown[] = [];
    h.vault.onLockChange((u) => events.push(u));
    h.vault.onStatusChange((s) => events.push(s));
    await h.vault.create(TEST_PASSWORD);
    expect(h.redactor.redact(`pw=${TEST_PASSWORD}`)).not.toContain(TEST_PASSWORD);
    await h.vault.lock();
    await h.vault.lock();
    expect(events).toEqual([true, 'unlocked', false, 'locked']);
    expect(h.redactor.redact(`pw=${TEST_PASSWORD}`)).toContain(TEST_PASSWORD);
  });

  it('changes the master password: the data key is re-wrapped atomically under the new one', async () => {
    await h.vault.create(TEST_PASSWORD);
    await h.vault.update((d) => void (d.oceanExpirations['kept'] = [7]));
    const before = decodeVaultFile(await readFile(h.file.path));
    expect(await codeOf(h.vault.changePassword('wrong current password', 'new master password 99'))).toBe('BAD_PASSWORD');
    expect(await codeOf(h.vault.changePassword(TEST_PASSWORD, 'short'))).toBe('WEAK_PASSWORD');
    await h.vault.changePassword(TEST_PASSWORD, 'new master password 99');
    const after = decodeVaultFile(await readFile(h.file.path));
    expect(after.kdf.salt.equals(before.kdf.salt)).toBe(false);
    // The same data key (the journal and its closed segments are sealed under it), wrapped anew.
    expect(after.keyCheck.equals(before.keyCheck)).toBe(true);
    expect(after.wrap.ct.equals(before.wrap.ct)).toBe(false);

    const other = h.reopen();
    expect(await codeOf(other.unlock(TEST_PASSWORD))).toBe('BAD_PASSWORD');
    await other.unlock('new master password 99');
    expect(other.read().oceanExpirations['kept']).toEqual([7]);
  });

  it('raises weaker KDF parameters to the configured cost on unlock', async () => {
    await h.vault.create(TEST_PASSWORD);
    await h.vault.lock();
    const stronger = { ...TEST_KDF, N: TEST_KDF.N * 2 };
    const upgraded = h.reopen({ kdf: stronger });
    await upgraded.unlock(TEST_PASSWORD);
    expect(decodeVaultFile(await readFile(h.file.path)).kdf.N).toBe(stronger.N);
    await upgraded.lock();
    await upgraded.unlock(TEST_PASSWORD);
    expect(upgraded.isUnlocked()).toBe(true);
  });

  it('keeps the master password out of the log, even when something echoes it', async () => {
    await h.vault.create(TEST_PASSWORD);
    h.logger.warn('echo', { detail: `the password was ${TEST_PASSWORD}` });
    await h.vault.lock();
    await codeOf(h.vault.unlock(`${TEST_PASSWORD}x`));
    expect(h.logLines.join('\n')).not.toContain(TEST_PASSWORD);
    expect(h.logLines.some((l) => l.includes('"code":"BAD_PASSWORD"'))).toBe(true);
  });

  it('stores the file written with a fresh IV on every write', async () => {
    await h.vault.create(TEST_PASSWORD);
    await h.vault.compact();
    const a = decodeVaultFile(await readFile(h.file.path));
    await h.vault.compact();
    const b = decodeVaultFile(await readFile(h.file.path));
    expect(a.payload.iv.equals(b.payload.iv)).toBe(false);
    expect(b.generation).toBe(a.generation + 1);
  });

  // Two scrypt runs at N=2^17 (about 0.4 s each idle) took 4.7 s on a loaded 2-core machine.
  it('opens with the real KDF cost (the only test that pays it)', { timeout: 30_000 }, async () => {
    const v = h.reopen({ kdf: DEFAULT_KDF });
    await v.create(TEST_PASSWORD);
    await v.lock();
    await v.unlock(TEST_PASSWORD);
    expect(v.isUnlocked()).toBe(true);
    expect(decodeVaultFile(await readFile(h.file.path)).kdf).toMatchObject({ N: 2 ** 17, r: 8, p: 1 });
  });

  it('reports a garbage file as VAULT_DAMAGED and leaves it untouched', async () => {
    await writeFile(h.file.path, 'not a vault');
    expect(await h.vault.status()).toBe('locked');
    expect(await codeOf(h.vault.unlock(TEST_PASSWORD))).toBe('VAULT_DAMAGED');
    expect(await readFile(h.file.path, 'utf8')).toBe('not a vault');
  });
});
