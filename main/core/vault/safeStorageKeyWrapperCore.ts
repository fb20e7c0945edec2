import type { KeyWrapper } from './KeyWrapper.js';

/** The slice of Electron's safeStorage the key wrapper uses; main/platform passes the real one. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only. */
  getSelectedStorageBackend(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** Linux backends that keep the OS key in a real secret store; basic_text keeps it in the clear. */
const SECURE_LINUX_BACKENDS = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

/**
 * The vault's KeyWrapper over safeStorage (use after app 'ready': before it, Linux reports 'unknown'
 * and encryption is unavailable). The data key travels as base64 text, since safeStorage encrypts strings.
 */
export function keyWrapperFromSafeStorage(storage: SafeStorageLike, platform: string): KeyWrapper {
  const backend = (): string => {
    if (platform === 'darwin') return 'keychain';
    if (platform === 'win32') return 'dpapi';
    if (platform === 'linux') return storage.getSelectedStorageBackend();
    return 'unknown';
  };
  return {
    available: () => storage.isEncryptionAvailable(),
    backend,
    secure: () => platform === 'darwin' || platform === 'win32' || SECURE_LINUX_BACKENDS.has(backend()),
    wrap: async (bytes) => storage.encryptString(Buffer.from(bytes).toString('base64')),
    unwrap: async (blob) => {
      const key = Buffer.from(storage.decryptString(Buffer.from(blob)), 'base64');
      if (key.length === 0) throw new Error('keychain returned nothing');
      return key;
    },
  };
}
