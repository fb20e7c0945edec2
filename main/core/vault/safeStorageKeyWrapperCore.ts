import type { KeyWrapper } from './KeyWrapper.js';

/**
 * The slice of Electron's safeStorage the key wrapper uses; main/platform passes the real one.
 * The async API: the sync pair is deprecated in Electron 45 and cannot report a rotated key.
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only. */
  getSelectedStorageBackend(): string;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
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
  let stale = false;
  return {
    available: () => storage.isEncryptionAvailable(),
    backend,
    secure: () => platform === 'darwin' || platform === 'win32' || SECURE_LINUX_BACKENDS.has(backend()),
    wrap: (bytes) => storage.encryptStringAsync(Buffer.from(bytes).toString('base64')),
    unwrap: async (blob) => {
      const { result, shouldReEncrypt } = await storage.decryptStringAsync(Buffer.from(blob));
      const key = Buffer.from(result, 'base64');
      if (key.length === 0) throw new Error('keychain returned nothing');
      stale = shouldReEncrypt;
      return key;
    },
    staleAfterUnwrap: () => stale,
  };
}
