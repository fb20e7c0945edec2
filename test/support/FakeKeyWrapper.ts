import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyWrapper } from '../../main/core/vault/KeyWrapper.js';

/**
 * A keychain in memory: wraps with its own random key (AES-256-GCM), like safeStorage wraps with
 * the OS's. Tests flip `isAvailable`, `backendName` and `failUnwrap` to play the OS's parts.
 */
export class FakeKeyWrapper implements KeyWrapper {
  isAvailable = true;
  backendName = 'gnome_libsecret';
  failUnwrap = false;
  /** What the next unwraps report as safeStorage's shouldReEncrypt. */
  rotated = false;
  wraps = 0;
  #key = randomBytes(32);

  available(): boolean {
    return this.isAvailable;
  }

  backend(): string {
    return this.backendName;
  }

  secure(): boolean {
    return this.backendName !== 'basic_text' && this.backendName !== 'unknown';
  }

  /** Another login, another OS key: blobs wrapped before no longer unwrap. */
  rotateOsKey(): void {
    this.#key = randomBytes(32);
  }

  async wrap(bytes: Uint8Array): Promise<Uint8Array> {
    if (!this.isAvailable) throw new Error('keychain unavailable');
    this.wraps++;
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.#key, iv);
    // Stored as base64 text, as the safeStorage adapter does.
    const ct = Buffer.concat([c.update(Buffer.from(bytes).toString('base64')), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), ct]);
  }

  async unwrap(blob: Uint8Array): Promise<Uint8Array> {
    if (!this.isAvailable || this.failUnwrap) throw new Error('keychain unavailable');
    const b = Buffer.from(blob);
    const d = createDecipheriv('aes-256-gcm', this.#key, b.subarray(0, 12));
    d.setAuthTag(b.subarray(12, 28));
    const text = Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8');
    return Buffer.from(text, 'base64');
  }

  staleAfterUnwrap(): boolean {
    return this.rotated;
  }
}
