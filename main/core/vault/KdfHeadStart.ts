import { derivePasswordKeys, isWeakerThan, type KdfParams, type PasswordKeys } from './kdf.js';
import { deriveFor } from './vaultCrypto.js';
import { peekKdf, sameKdf, type KdfRecord, type KeyMaterial } from './vaultFormat.js';

/** One unlock's KDF, started before the vault file is checked. */
export interface HeadStart {
  /** The file's bytes, as soon as they are read: the KDF starts on their parameters if it has not yet. */
  peek(bytes: Buffer): void;
  /** The keys for the checked file's parameters: the head start's if they are exactly those, else a fresh KDF. */
  keys(material: KeyMaterial): Promise<PasswordKeys>;
  /** The unlock failed before keys(): whatever the head start derives is wiped when it arrives. */
  discard(): void;
  /** When the KDF whose keys are used started (performance.now()), for the unlock's log line. */
  readonly startedAt: number;
}

/**
 * The KDF runs on the thread pool while the main thread reads the file, checks its structure and
 * reads the journal. It starts with the parameters this vault was last unlocked with (public: the
 * file holds them in the clear, so they are kept across lock), else with those peeked from the
 * file's first bytes; either way its result counts only if the checked file has exactly those.
 * Never more than the configured cost before the file is known to be intact: a damaged header must
 * not make us allocate what its parameters ask for.
 */
export class KdfHeadStart {
  readonly #configured: KdfParams;
  #last: KdfRecord | null = null;

  constructor(configured: KdfParams) {
    this.#configured = configured;
  }

  /** The parameters of the file a session ends with (its password may have changed them). */
  remember(kdf: KdfRecord): void {
    this.#last = { ...kdf, salt: Buffer.from(kdf.salt) };
  }

  begin(password: string): HeadStart {
    let early: { kdf: KdfRecord; keys: Promise<PasswordKeys> } | undefined;
    let startedAt = 0;
    const start = (kdf: KdfRecord | null): void => {
      startedAt = performance.now();
      if (kdf && !isWeakerThan(this.#configured, kdf)) early = { kdf, keys: derivePasswordKeys(password, kdf.salt, kdf) };
    };
    const discard = (): void => {
      void early?.keys.then((k) => k.kek.fill(0), () => undefined);
      early = undefined;
    };
    if (this.#last) start(this.#last);
    return {
      peek: (bytes) => {
        if (!early) start(peekKdf(bytes));
      },
      keys: (material) => {
        if (early && !sameKdf(early.kdf, material.kdf)) discard();
        if (early) return early.keys;
        startedAt = performance.now();
        return deriveFor(material, password);
      },
      discard,
      get startedAt() {
        return startedAt;
      },
    };
  }
}
