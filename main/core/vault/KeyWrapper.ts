/**
 * The OS keychain as the vault sees it: something that can wrap the data key so that only this user
 * on this machine can unwrap it. main/platform/safeStorageKeyWrapper.ts adapts Electron's safeStorage.
 */
export interface KeyWrapper {
  available(): boolean;
  /** e.g. 'keychain' (macOS), 'dpapi' (Windows), 'gnome_libsecret', 'kwallet5', 'basic_text', 'unknown'. */
  backend(): string;
  /** False when the backend offers no real protection (Linux basic_text). */
  secure(): boolean;
  wrap(bytes: Uint8Array): Promise<Uint8Array>;
  unwrap(blob: Uint8Array): Promise<Uint8Array>;
  /**
   * True when the last unwrap said the blob was made under an old OS key (safeStorage's
   * shouldReEncrypt): the vault wraps the data key again so the stored copy follows the rotation.
   */
  staleAfterUnwrap?(): boolean;
}

/** For systems and harnesses without a keychain. */
// Stryker disable ObjectLiteral,ArrowFunction: static in effect (the object and its functions are chosen once, at load, so a mutant switched on in a test never reaches them), left out like every static mutant; noKeyWrapper.test.ts pins them
export const noKeyWrapper: KeyWrapper = {
  available: () => false,
  backend: () => 'unknown',
  secure: () => false,
  wrap: () => Promise.reject(new Error('no keychain')),
  unwrap: () => Promise.reject(new Error('no keychain')),
};
// Stryker restore ObjectLiteral,ArrowFunction
