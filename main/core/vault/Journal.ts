import type { FileHandle } from 'node:fs/promises';
import type { VaultFs } from './VaultFile.js';
import { IV_BYTES } from './aead.js';
import { syncDir } from './fsSync.js';
import { encodeRecord, genesisHash, recordHash, type JournalIds } from './journalFormat.js';
import type { RandomBytes } from './vaultCrypto.js';

/** Where the next record goes and what it chains to. */
export interface JournalTail {
  records: number;
  bytes: number;
  lastHash: Buffer;
}

export function emptyTail(ids: JournalIds): JournalTail {
  return { records: 0, bytes: 0, lastHash: genesisHash(ids) };
}

/**
 * The journal of one epoch, open for appending. append() resolves only after the record is on disk
 * (fsync; the directory too when the file was just created), which is what "acknowledged" means.
 * A failed append leaves the tail where it was and cuts the file back to it before the next one.
 */
export class Journal {
  #fh: FileHandle | null = null;
  #tail: JournalTail;
  #dirty = false;

  constructor(
    readonly path: string,
    readonly ids: JournalIds,
    private readonly key: Buffer,
    tail: JournalTail,
    private readonly fs: VaultFs,
    private readonly random: RandomBytes,
  ) {
    this.#tail = { ...tail };
  }

  get tail(): Readonly<JournalTail> {
    return this.#tail;
  }

  /** Seals and appends one record; returns its bytes (the audit archive indexes them). */
  async append(plain: Uint8Array): Promise<Buffer> {
    const seq = this.#tail.records + 1;
    const record = encodeRecord(this.key, plain, this.ids, seq, this.#tail.lastHash, this.random(IV_BYTES));
    const fh = await this.#handle();
    if (this.#dirty) {
      await fh.truncate(this.#tail.bytes);
      // Stryker disable next-line BooleanLiteral: equivalent, the next statement sets it again before anything reads it
      this.#dirty = false;
    }
    try {
      // Stryker disable next-line BooleanLiteral: equivalent on its own, the catch below marks a failed write dirty too
      this.#dirty = true;
      await fh.write(record, 0, record.length, this.#tail.bytes);
      await fh.sync();
      this.#dirty = false;
    } catch (e) {
      // The handle may be unusable (disk gone): the next append reopens and truncates first.
      await this.close().catch(() => undefined);
      // Stryker disable next-line BooleanLiteral: equivalent on its own, set before the write that failed
      this.#dirty = true;
      throw e;
    }
    this.#tail = { records: seq, bytes: this.#tail.bytes + record.length, lastHash: recordHash(record) };
    return record;
  }

  async close(): Promise<void> {
    const fh = this.#fh;
    this.#fh = null;
    await fh?.close();
  }

  async #handle(): Promise<FileHandle> {
    if (this.#fh) return this.#fh;
    if (this.#tail.bytes === 0) {
      // A new journal: created empty (a leftover from a failed earlier attempt is cut), then the
      // directory entry made durable before any record counts as acknowledged.
      this.#fh = await this.fs.open(this.path, 'w', 0o600);
      await syncDir(this.fs, this.path);
    } else {
      this.#fh = await this.fs.open(this.path, 'r+');
      this.#dirty = true;
    }
    return this.#fh;
  }
}
