import { safeStorage } from 'electron';
import { keyWrapperFromSafeStorage } from '../core/vault/safeStorageKeyWrapperCore.js';
import type { KeyWrapper } from '../core/vault/KeyWrapper.js';

/**
 * The vault's KeyWrapper over Electron's safeStorage; the logic lives in core (tested under Node).
 * Uses the async encryptStringAsync/decryptStringAsync and honours shouldReEncrypt (the vault
 * wraps its key again after a keychain unlock that reports a rotated OS key).
 */
export function safeStorageKeyWrapper(platform: NodeJS.Platform = process.platform): KeyWrapper {
  return keyWrapperFromSafeStorage(safeStorage, platform);
}
