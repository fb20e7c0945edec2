import { readFile } from 'node:fs/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import { decodeVaultFile } from '../../../../main/core/vault/vaultFormat.js';
import { FakeKeyWrapper } from '../../../support/FakeKeyWrapper.js';
import { codeOf, TEST_PASSWORD, useVaultHarness } from '../../../support/vaultHarness.js';

let keychain: FakeKeyWrapper;
let acceptInsecure: boolean;
const h = useVaultHarness(() => {
  keychain = new FakeKeyWrapper();
  acceptInsecure = false;
  return { keyWrapper: keychain, acceptInsecureKeychain: () => acceptInsecure };
});

beforeEach(async () => {
  await h.vault.create(TEST_PASSWORD);
  await h.vault.update((d) => void (d.oceanExpirations['x'] = [1]));
});

describe('unlock with the OS keychain', () => {
  it('is off by default and refuses to unlock', async () => {
    expect(await h.vault.keychainEnabled()).toBe(false);
    await h.vault.lock();
    expect(await codeOf(h.vault.unlockWithKeychain())).toBe('KEYCHAIN_UNAVAILABLE');
  });

  it('once enabled, opens the vault without the password, also after a restart', async () => {
    await h.vault.enableKeychain();
    const file = decodeVaultFile(await readFile(h.file.path));
    expect(file.keychain?.backend).toBe('gnome_libsecret');
    await h.vault.lock();
    expect(await h.vault.keychainEnabled()).toBe(true);
    const v = h.reopen();
    await v.unlockWithKeychain();
    expect(v.read().oceanExpirations['x']).toEqual([1]);
  });

  it('wraps the key again when the keychain says its OS key rotated (shouldReEncrypt)', async () => {
    await h.vault.enableKeychain();
    const before = decodeVaultFile(await readFile(h.file.path)).keychain!.blob;
    await h.vault.lock();
    keychain.rotated = true;
    const wraps = keychain.wraps;
    await h.vault.unlockWithKeychain();
    expect(keychain.wraps).toBe(wraps + 1);
    const after = decodeVaultFile(await readFile(h.file.path)).keychain!.blob;
    expect(Buffer.from(after).equals(Buffer.from(before))).toBe(false);
    keychain.rotated = false;
    await h.vault.lock();
    await h.vault.unlockWithKeychain();
    expect(keychain.wraps).toBe(wraps + 1);
  });

  it('refuses basic_text unless the user accepted it', async () => {
    keychain.backendName = 'basic_text';
    expect(await codeOf(h.vault.enableKeychain())).toBe('KEYCHAIN_INSECURE');
    expect(await h.vault.keychainEnabled()).toBe(false);
    await h.vault.enableKeychain({ acceptInsecure: true });
    await h.vault.lock();
    expect(await codeOf(h.vault.unlockWithKeychain())).toBe('KEYCHAIN_INSECURE');
    acceptInsecure = true;
    await h.vault.unlockWithKeychain();
    expect(h.vault.isUnlocked()).toBe(true);
  });

  it('reports an unavailable keychain or a key it can no longer unwrap as KEYCHAIN_UNAVAILABLE, never as damage', async () => {
    keychain.isAvailable = false;
    expect(await codeOf(h.vault.enableKeychain())).toBe('KEYCHAIN_UNAVAILABLE');
    keychain.isAvailable = true;
    await h.vault.enableKeychain();
    await h.vault.lock();
    keychain.isAvailable = false;
    expect(await codeOf(h.vault.unlockWithKeychain())).toBe('KEYCHAIN_UNAVAILABLE');
    keychain.isAvailable = true;
    keychain.rotateOsKey();
    expect(await codeOf(h.vault.unlockWithKeychain())).toBe('KEYCHAIN_UNAVAILABLE');
    await h.vault.unlock(TEST_PASSWORD);
    expect(h.vault.isUnlocked()).toBe(true);
  });

  it('a keychain that hands back the wrong key is caught by the key check', async () => {
    await h.vault.enableKeychain();
    await h.vault.lock();
    keychain.unwrap = async () => Buffer.alloc(32, 7);
    expect(await codeOf(h.vault.unlockWithKeychain())).toBe('KEYCHAIN_UNAVAILABLE');
  });

  it('follows a password change (the key re-wrapped) and can be turned off', async () => {
    await h.vault.enableKeychain();
    await h.vault.changePassword(TEST_PASSWORD, 'another master password');
    await h.vault.lock();
    await h.vault.unlockWithKeychain();
    await h.vault.disableKeychain();
    expect(decodeVaultFile(await readFile(h.file.path)).keychain).toBeUndefined();
    await h.vault.lock();
    expect(await codeOf(h.vault.unlockWithKeychain())).toBe('KEYCHAIN_UNAVAILABLE');
  });

  it('needs the vault unlocked to change', async () => {
    await h.vault.lock();
    expect(await codeOf(h.vault.enableKeychain())).toBe('LOCKED');
    expect(await codeOf(h.vault.disableKeychain())).toBe('LOCKED');
  });
});
