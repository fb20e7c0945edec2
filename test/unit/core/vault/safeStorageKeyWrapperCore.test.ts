import { describe, expect, it } from 'vitest';
import { keyWrapperFromSafeStorage, type SafeStorageLike } from '../../../../main/core/vault/safeStorageKeyWrapperCore.js';

/** A stand-in for Electron's safeStorage: reversible, marked, and with a settable Linux backend. */
function fakeSafeStorage(backend: string, available = true): SafeStorageLike & { seen: string[]; rotated: boolean } {
  const seen: string[] = [];
  const fake = {
    seen,
    rotated: false,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptStringAsync: async (s: string) => {
      seen.push(s);
      return Buffer.from('v11' + Buffer.from(s).reverse().toString('latin1'), 'latin1');
    },
    decryptStringAsync: async (b: Buffer) => ({ shouldReEncrypt: fake.rotated, result: Buffer.from(b.subarray(3)).reverse().toString('latin1') }),
  };
  return fake;
}

describe('keyWrapperFromSafeStorage', () => {
  it('wraps the key as base64 text and unwraps it back', async () => {
    const storage = fakeSafeStorage('gnome_libsecret');
    const w = keyWrapperFromSafeStorage(storage, 'linux');
    const key = Buffer.alloc(32, 0xab);
    const blob = await w.wrap(key);
    expect(storage.seen).toEqual([key.toString('base64')]);
    expect(Buffer.from(await w.unwrap(blob)).equals(key)).toBe(true);
  });

  it("passes safeStorage's shouldReEncrypt on, for the vault to wrap again", async () => {
    const storage = fakeSafeStorage('gnome_libsecret');
    const w = keyWrapperFromSafeStorage(storage, 'linux');
    const blob = await w.wrap(Buffer.alloc(32, 1));
    await w.unwrap(blob);
    expect(w.staleAfterUnwrap?.()).toBe(false);
    storage.rotated = true;
    await w.unwrap(blob);
    expect(w.staleAfterUnwrap?.()).toBe(true);
  });

  it('reports the Linux backend and calls basic_text and unknown insecure', () => {
    for (const [backend, secure] of [['gnome_libsecret', true], ['kwallet6', true], ['basic_text', false], ['unknown', false]] as const) {
      const w = keyWrapperFromSafeStorage(fakeSafeStorage(backend), 'linux');
      expect([w.backend(), w.secure()]).toEqual([backend, secure]);
    }
  });

  it('names the macOS and Windows stores, and passes availability through', () => {
    expect(keyWrapperFromSafeStorage(fakeSafeStorage('x'), 'darwin').backend()).toBe('keychain');
    expect(keyWrapperFromSafeStorage(fakeSafeStorage('x'), 'win32').secure()).toBe(true);
    expect(keyWrapperFromSafeStorage(fakeSafeStorage('x', false), 'win32').available()).toBe(false);
    expect(keyWrapperFromSafeStorage(fakeSafeStorage('x'), 'freebsd').secure()).toBe(false);
  });
});

describe('keyWrapperFromSafeStorage: every platform by name, and an empty unwrap', () => {
  it('names the store of each platform, whatever the Linux backend call would say; only a known secure one is secure', () => {
    const cases: [string, string, boolean][] = [
      ['darwin', 'keychain', true],
      ['win32', 'dpapi', true],
      ['linux', 'kwallet5', true],
      ['freebsd', 'unknown', false],
    ];
    for (const [platform, backend, secure] of cases) {
      const w = keyWrapperFromSafeStorage(fakeSafeStorage(platform === 'linux' ? 'kwallet5' : 'gnome_libsecret'), platform);
      expect([platform, w.backend(), w.secure()]).toEqual([platform, backend, secure]);
    }
  });

  it('not stale before any unwrap', () => {
    expect(keyWrapperFromSafeStorage(fakeSafeStorage('gnome_libsecret'), 'linux').staleAfterUnwrap?.()).toBe(false);
  });

  it('a keychain that hands back nothing is an error, not an empty key', async () => {
    const storage = { ...fakeSafeStorage('gnome_libsecret'), decryptStringAsync: async () => ({ shouldReEncrypt: true, result: '' }) };
    const w = keyWrapperFromSafeStorage(storage, 'linux');
    await expect(w.unwrap(Buffer.from('v11x'))).rejects.toThrow('keychain returned nothing');
    expect(w.staleAfterUnwrap?.()).toBe(false);
  });
});
