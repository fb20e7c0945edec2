import { readFile, writeFile } from 'node:fs/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import { decodeVaultFile } from '../../../../main/core/vault/vaultFileDecode.js';
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

describe('unlock with the OS keychain: what each refusal says and logs', () => {
  const failure = (p: Promise<unknown>): Promise<string> => p.then(() => 'resolved', (e: Error & { code?: string }) => `${String(e.code)}: ${e.message}`);
  const logged = (msg: string): string[] => h.logLines.filter((l) => (JSON.parse(l) as { msg: string }).msg === msg);

  it('off for this vault: says so and points to the password, even with a keychain at hand', async () => {
    await h.vault.lock();
    expect(await failure(h.vault.unlockWithKeychain())).toBe('KEYCHAIN_UNAVAILABLE: Unlock with the OS keychain is off for this vault. Unlock with your master password.');
  });

  it('a keychain that is not available: the default message, for enabling and for unlocking', async () => {
    keychain.isAvailable = false;
    expect(await failure(h.vault.enableKeychain())).toBe('KEYCHAIN_UNAVAILABLE: The OS keychain is not available on this system. Unlock with your master password instead.');
    keychain.isAvailable = true;
    await h.vault.enableKeychain();
    await h.vault.lock();
    keychain.isAvailable = false;
    const wraps = keychain.wraps;
    expect(await failure(h.vault.unlockWithKeychain())).toBe('KEYCHAIN_UNAVAILABLE: The OS keychain is not available on this system. Unlock with your master password instead.');
    expect(keychain.wraps).toBe(wraps);
  });

  it('a keychain that wraps but cannot give the key back: enabling fails, is logged, and keychain unlock stays off', async () => {
    keychain.unwrap = async () => Buffer.alloc(32, 1);
    expect(await failure(h.vault.enableKeychain())).toBe('KEYCHAIN_UNAVAILABLE: The OS keychain refused to store the vault key. Keychain unlock stays off.');
    expect(logged('keychain wrap failed')).toHaveLength(1);
    expect(logged('keychain wrap failed')[0]).toContain('round trip mismatch');
    expect(await h.vault.keychainEnabled()).toBe(false);
    expect(decodeVaultFile(await readFile(h.file.path)).keychain).toBeUndefined();
  });

  it('a keychain whose wrap throws: the same refusal, logged', async () => {
    keychain.wrap = () => Promise.reject(new Error('denied by the user'));
    expect(await failure(h.vault.enableKeychain())).toBe('KEYCHAIN_UNAVAILABLE: The OS keychain refused to store the vault key. Keychain unlock stays off.');
    expect(logged('keychain wrap failed')).toHaveLength(1);
    expect(logged('keychain wrap failed')[0]).toContain('denied by the user');
  });

  it('a blob it cannot unwrap, or a wrong key: one message, the failed unwrap logged', async () => {
    await h.vault.enableKeychain();
    await h.vault.lock();
    keychain.failUnwrap = true;
    const cannot = 'KEYCHAIN_UNAVAILABLE: The OS keychain could not unlock this vault. Unlock with your master password.';
    expect(await failure(h.vault.unlockWithKeychain())).toBe(cannot);
    expect(logged('keychain unwrap failed')).toHaveLength(1);
    expect(logged('keychain unwrap failed')[0]).toContain('keychain unavailable');
    keychain.failUnwrap = false;
    keychain.unwrap = async () => Buffer.alloc(31, 7);
    expect(await failure(h.vault.unlockWithKeychain())).toBe(cannot);
    keychain.unwrap = async () => Buffer.alloc(32, 7);
    expect(await failure(h.vault.unlockWithKeychain())).toBe(cannot);
    expect(logged('keychain unwrap failed')).toHaveLength(1);
    expect(h.vault.isUnlocked()).toBe(false);
  });

  it('the right key with a zero byte more: refused by its length, since HMAC pads a short key with zeros and the key check alone would pass it', async () => {
    await h.vault.enableKeychain();
    await h.vault.lock();
    const unwrap = keychain.unwrap.bind(keychain);
    keychain.unwrap = async (blob) => Buffer.concat([await unwrap(blob), Buffer.alloc(1)]);
    expect(await failure(h.vault.unlockWithKeychain())).toBe('KEYCHAIN_UNAVAILABLE: The OS keychain could not unlock this vault. Unlock with your master password.');
    expect(h.vault.isUnlocked()).toBe(false);
    keychain.unwrap = unwrap;
    await h.vault.unlockWithKeychain();
    expect(h.vault.isUnlocked()).toBe(true);
  });

  it('turning it off when it is off writes nothing', async () => {
    const before = await readFile(h.file.path);
    await h.vault.disableKeychain();
    expect((await readFile(h.file.path)).equals(before)).toBe(true);
  });

  it('whether it is on: from the session while unlocked, from the file while locked, false for a file it cannot read', async () => {
    await h.vault.enableKeychain();
    expect(await h.vault.keychainEnabled()).toBe(true);
    const bytes = await readFile(h.file.path);
    await writeFile(h.file.path, 'changed behind its back');
    expect(await h.vault.keychainEnabled()).toBe(true);
    await writeFile(h.file.path, bytes);
    await h.vault.disableKeychain();
    expect(await h.vault.keychainEnabled()).toBe(false);
    await h.vault.lock();
    expect(await h.vault.keychainEnabled()).toBe(false);
    await writeFile(h.file.path, 'not a vault file');
    expect(await h.vault.keychainEnabled()).toBe(false);
  });

  it('a keychain that refuses the re-wrap on a password change: the change goes through, keychain unlock turns off, logged', async () => {
    await h.vault.enableKeychain();
    keychain.wrap = () => Promise.reject(new Error('locked keyring'));
    await h.vault.changePassword(TEST_PASSWORD, 'another master password');
    expect(logged('keychain re-wrap failed; keychain unlock turned off')).toHaveLength(1);
    expect(logged('keychain re-wrap failed; keychain unlock turned off')[0]).toContain('locked keyring');
    expect(await h.vault.keychainEnabled()).toBe(false);
    await h.vault.lock();
    await h.vault.unlock('another master password');
  });
});
