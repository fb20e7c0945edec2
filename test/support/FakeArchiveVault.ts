import type { AuditVault } from '../../main/core/audit/AuditLog.js';
import { AppError } from '../../main/core/errors.js';
import { AuditCounts } from '../../main/core/vault/AuditCounts.js';
import type { SegmentMeta } from '../../main/core/vault/storeMeta.js';
import type { VaultAuditStore } from '../../main/core/vault/VaultAuditStore.js';
import { emptyVaultData, type AuditEntry, type VaultData } from '../../main/core/vault/vaultRecords.js';

/**
 * An AuditVault over memory with closed journals, as the real Vault keeps them but without files or
 * crypto: `close()` moves the entries since the last closed journal into a new one and trims the
 * window to `windowSize`, as a compaction does. Like the real one, an update shares every entry it
 * did not change (so the log may recognise an entry it verified), a read of a closed journal decodes
 * fresh objects, and everything throws LOCKED while locked. It records which journals were read, so
 * a test can see what a page or a verdict cost.
 */
export class FakeArchiveVault implements AuditVault {
  /** The closed journals read so far, in order (file names). */
  readonly reads: string[] = [];
  /** Calls of the store's segments(), locked or not. */
  segmentLists = 0;
  /** Journals whose read fails as a damaged file does. */
  readonly damaged = new Set<string>();
  /** When set, a read of a closed journal waits for it (and then checks the lock again). */
  gate: Promise<void> | null = null;
  #data: VaultData | null;
  #stored: VaultData;
  #segments: SegmentMeta[] = [];
  readonly #files = new Map<string, AuditEntry[]>();
  #queue: Promise<unknown> = Promise.resolve();
  readonly #listeners = new Set<(unlocked: boolean) => void>();

  constructor(readonly windowSize = Number.POSITIVE_INFINITY) {
    this.#data = emptyVaultData();
    this.#stored = this.#data;
  }

  read(): Readonly<VaultData> {
    return this.#require();
  }

  update<T>(mutate: (data: VaultData) => T): Promise<T> {
    const run = (): T => {
      const data = this.#require();
      const draft = { ...data, audit: [...data.audit] };
      const result = mutate(draft);
      this.#data = this.#stored = draft;
      return result;
    };
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  isUnlocked(): boolean {
    return this.#data !== null;
  }

  onLockChange(listener: (unlocked: boolean) => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  lock(): void {
    this.#data = null;
    for (const l of [...this.#listeners]) l(false);
  }

  /** The stored data as a fresh copy, as decoding the vault file gives. */
  unlock(): void {
    this.#data = structuredClone(this.#stored);
    for (const l of [...this.#listeners]) l(true);
  }

  /** Closes a journal holding the entries since the last one (none: a journal without audit entries). */
  close(): void {
    const data = this.#require();
    const since = this.#segments.findLast((s) => s.audit)?.audit?.last ?? 0;
    const entries = data.audit.filter((e) => e.seq > since);
    const file = `journal-${this.#segments.length + 1}.tvj`;
    let audit: AuditCounts | null = null;
    if (entries.length > 0) {
      audit = AuditCounts.empty();
      for (const e of entries) audit.add(e);
    }
    this.#files.set(file, structuredClone(entries));
    const meta: SegmentMeta = { file, epoch: this.#segments.length + 1, key: Buffer.alloc(32), records: entries.length, bytes: 0, lastHash: '0'.repeat(64), audit };
    this.#segments = [...this.#segments, meta];
    const window = data.audit.length <= this.windowSize ? data.audit : data.audit.slice(data.audit.length - this.windowSize);
    this.#data = this.#stored = { ...data, audit: window };
  }

  /** The closed journals so far, oldest first. */
  segments(): readonly SegmentMeta[] {
    return this.#segments;
  }

  /** Edits what a closed journal holds on "disk", as something outside the app would. */
  editJournal(file: string, edit: (entries: AuditEntry[]) => void): void {
    edit(this.#files.get(file)!);
  }

  /** Edits the data in memory and as stored (the window, the head), keeping the entries it leaves alone. */
  tamper(edit: (data: VaultData) => void): void {
    const data = { ...this.#require(), audit: [...this.#require().audit] };
    edit(data);
    this.#data = this.#stored = data;
  }

  auditStore(): VaultAuditStore {
    return {
      segments: () => {
        this.segmentLists++;
        this.#require();
        return this.#segments;
      },
      readSegment: async (s) => {
        this.#require();
        this.reads.push(s.file);
        await this.gate;
        this.#require();
        if (this.damaged.has(s.file)) throw new AppError('VAULT_DAMAGED');
        return structuredClone(this.#files.get(s.file)!);
      },
    };
  }

  #require(): VaultData {
    if (!this.#data) throw new AppError('LOCKED');
    return this.#data;
  }
}
