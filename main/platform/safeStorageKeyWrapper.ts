import { safeStorage } from 'electron';
import { keyWrapperFromSafeStorage } from '../core/vault/safeStorageKeyWrapperCore.js';
import type { KeyWrapper } from '../core/vault/KeyWrapper.js';

/**
 * The vault's KeyWrapper over Electron's safeStorage; the logic lives in core (tested under Node).
 * Uses the synchronous encryptString/decryptString, deprecated in Electron 45 for an async pair,
 * because they work on every Electron we support; the port is async, so switching stays local.
 */
export function safeStorageKeyWrapper(platform: NodeJS.Platform = process.platform): KeyWrapper {
  return keyWrapperFromSafeStorage(safeStorage, platform);
}
