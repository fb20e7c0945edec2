import { describe, expect, it } from 'vitest';
import { keyWrapperFromSafeStorage, type SafeStorageLike } from '../../../../main/core/vault/safeStorageKeyWrapperCore.js';

/** A stand-in for Electron's safeStorage: reversible, marked, and with a settable Linux backend. */
function fakeSafeStorage(backend: string, available = true): SafeStorageLike & { seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (s) => {
      seen.push(s);
      return Buffer.from('v11' + Buffer.from(s).reverse().toString('latin1'), 'latin1');
    },
    decryptString: (b) => Buffer.from(b.subarray(3)).reverse().toString('latin1'),
  };
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
