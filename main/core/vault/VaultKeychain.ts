import { AppError } from '../errors.js';
import type { KeyWrapper } from './KeyWrapper.js';
import type { Session, SessionFile } from './SessionFile.js';
import { keyCheck } from './vaultCrypto.js';
import { type KeychainRecord, type KeyMaterial, type VaultFileContents } from './vaultFormat.js';
import { decodeVaultFile } from './vaultFileDecode.js';
import type { ResolvedVaultOptions } from './VaultOptions.js';

export type VaultKeychainOptions = Pick<ResolvedVaultOptions, 'file' | 'keyWrapper' | 'acceptInsecureKeychain' | 'logger'>;

/**
 * Unlock with the OS keychain: a second wrapping of the data key, stored in the vault file next to the
 * password's. The vault calls these inside its queue, with the session they act on.
 */
export class VaultKeychain {
  readonly #o: VaultKeychainOptions;
  readonly #file: SessionFile;

  constructor(options: VaultKeychainOptions, file: SessionFile) {
    this.#o = options;
    this.#file = file;
  }

  /** Also wraps the session's data key with the keychain; unwraps it once to prove the keychain gives it back. */
  async enable(s: Session, acceptInsecure?: boolean): Promise<void> {
    const w = this.#usable(acceptInsecure);
    let blob: Buffer;
    try {
      blob = Buffer.from(await w.wrap(s.dataKey));
      if (!Buffer.from(await w.unwrap(blob)).equals(s.dataKey)) throw new Error('round trip mismatch');
    } catch (e) {
      this.#o.logger.warn('keychain wrap failed', { error: e });
      throw new AppError('KEYCHAIN_UNAVAILABLE', 'The OS keychain refused to store the vault key. Keychain unlock stays off.');
    }
    const material: KeyMaterial = { ...s.material, keychain: { backend: w.backend(), blob } };
    await this.#file.write(s, material, s.dataKey, s.data);
    s.material = material;
  }

  async disable(s: Session): Promise<void> {
    if (!s.material.keychain) return;
    const { keychain: _dropped, ...material } = s.material;
    await this.#file.write(s, material, s.dataKey, s.data);
    s.material = material;
  }

  /** Whether the vault holds a keychain-wrapped key: the session knows; while locked, the file says. */
  async enabled(s: Session | null): Promise<boolean> {
    if (s) return s.material.keychain !== undefined;
    try {
      const bytes = await this.#o.file.read();
      // Stryker disable next-line ConditionalExpression: equivalent, decodeVaultFile(null) throws and the catch answers false too
      return bytes !== null && decodeVaultFile(bytes).keychain !== undefined;
    } catch {
      return false;
    }
  }

  /** The data key from the file's keychain copy, checked against the vault's key check. */
  async unwrap(contents: VaultFileContents): Promise<Buffer> {
    if (!contents.keychain) {
      throw new AppError('KEYCHAIN_UNAVAILABLE', 'Unlock with the OS keychain is off for this vault. Unlock with your master password.');
    }
    const w = this.#usable();
    let dataKey: Buffer;
    try {
      dataKey = Buffer.from(await w.unwrap(contents.keychain.blob));
    } catch (e) {
      this.#o.logger.warn('keychain unwrap failed', { error: e });
      dataKey = Buffer.alloc(0);
    }
    // Linux backends use AES-CBC without a MAC: a wrong key can "decrypt". The key check catches it.
    // The length check is needed too: HMAC pads a short key with zeros, so K and K + 0x00 give the same key check.
    if (dataKey.length !== 32 || !keyCheck(dataKey, contents.vaultId).equals(contents.keyCheck)) {
      throw new AppError('KEYCHAIN_UNAVAILABLE', 'The OS keychain could not unlock this vault. Unlock with your master password.');
    }
    return dataKey;
  }

  /**
   * The keychain copy of a new data key (password change, KDF upgrade). Undefined when the keychain
   * refuses: keychain unlock turns off rather than blocking the change.
   */
  async rewrap(dataKey: Buffer): Promise<KeychainRecord | undefined> {
    try {
      const w = this.#o.keyWrapper;
      return { backend: w.backend(), blob: Buffer.from(await w.wrap(dataKey)) };
    } catch (e) {
      this.#o.logger.warn('keychain re-wrap failed; keychain unlock turned off', { error: e });
      return undefined;
    }
  }

  #usable(acceptInsecure?: boolean): KeyWrapper {
    const w = this.#o.keyWrapper;
    if (!w.available()) throw new AppError('KEYCHAIN_UNAVAILABLE');
    if (!w.secure() && !(acceptInsecure ?? this.#o.acceptInsecureKeychain())) throw new AppError('KEYCHAIN_INSECURE');
    return w;
  }
}
