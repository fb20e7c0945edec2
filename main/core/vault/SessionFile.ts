import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../errors.js';
import { applyOps, type JournalOp } from './journalOps.js';
import { decodeOps } from './decodeOps.js';
import { isMissing } from './fsSync.js';
import { Journal, emptyTail } from './Journal.js';
import { layoutJournal, openJournalSliced, type JournalIds, type JournalLayout } from './journalFormat.js';
import { AuditCounts } from './AuditCounts.js';
import type { SegmentMeta, StoreMeta } from './storeMeta.js';
import type { AuditEntry, VaultData } from './vaultRecords.js';
import { sealVaultFileSliced } from './slicedSeal.js';
import type { OpenedVault } from './vaultCrypto.js';
import { damaged, type KeyMaterial, type VaultFileContents } from './vaultFormat.js';
import { decodeVaultFileSliced } from './vaultFileDecode.js';
import type { VaultFile } from './VaultFile.js';
import type { ResolvedVaultOptions } from './VaultOptions.js';
import { nextTurn } from '../nextTurn.js';
import { unlockStep, unlockStepSliced } from './unlockStep.js';

/** Audit entries kept in the sealed file and in memory beyond the current journal's: the newest pages. */
export const AUDIT_WINDOW = 500;
/** Audit entries per record when a format-1 trail is moved into the journal. */
const MIGRATION_BATCH = 250;
const MIGRATION_SEGMENT = 1000;
/** Journal records opened and replayed per turn of the event loop at unlock. */
const REPLAY_SLICE = 250;
/** Records of a closed journal opened per turn when the audit log reads one in the background. */
export const SEGMENT_SLICE = 64;

/**
 * An unlocked vault: `fileHash` identifies the vault file on disk we know is good (we read or wrote
 * it); `journal` extends it with every update since.
 */
export interface Session extends OpenedVault {
  fileHash: string;
  store: StoreMeta;
  journalName: string;
  /** The current generation's journal, open for appending. */
  journal: Journal;
  /** The audit entries in the current journal, for its segment's counts once it is closed. */
  epochAudit: AuditCounts;
}

/** The vault file and (format 2) its journal, read and checked for structure before any password. */
export interface UnlockRead {
  bytes: Buffer;
  contents: VaultFileContents;
  hash: string;
  journal: { bytes: Buffer; layout: JournalLayout } | null;
}

export type SessionFileOptions = Pick<ResolvedVaultOptions, 'file' | 'clock' | 'logger' | 'randomBytes' | 'auditWindow'>;

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** sha256 of a file of megabytes, a megabyte per turn of the event loop. */
async function sha256Sliced(b: Uint8Array): Promise<string> {
  const h = createHash('sha256');
  // Stryker disable next-line EqualityOperator: one step past the end hashes nothing more
  for (let at = 0; at < b.length; at += 1 << 20) {
    h.update(b.subarray(at, Math.min(b.length, at + (1 << 20))));
    await nextTurn();
  }
  return h.digest('hex');
}

/**
 * The vault file and its journals as a session sees them. What rarely changes is sealed in the vault
 * file, one generation at a time; every other update is one record appended to the generation's
 * journal. write() starts a new generation (compaction): the current journal is closed into a
 * segment, listed in the new file, and never touched again.
 */
export class SessionFile {
  readonly #o: SessionFileOptions;

  constructor(options: SessionFileOptions) {
    this.#o = options;
  }

  journalPath(name: string): string {
    return join(dirname(this.#o.file.path), name);
  }

  /** The contents to unlock, with the hash that later writes compare against, and the journal's layout. */
  async readForUnlock(onBytes?: (bytes: Buffer) => void): Promise<UnlockRead> {
    const bytes = await this.#o.file.read();
    if (bytes !== null) onBytes?.(bytes);
    if (bytes === null) {
      if ((await this.#o.file.backups()).length === 0) throw new AppError('UNINITIALIZED');
      this.#o.logger.warn('vault file missing but backups exist');
      throw new AppError('VAULT_DAMAGED', 'The vault file is missing, but backups exist. Restore the newest backup that opens.');
    }
    const contents = await unlockStepSliced(this.#o.logger, 'structure', () => decodeVaultFileSliced(bytes));
    const journal = contents.journal === undefined ? null : await this.readJournal(contents.journal);
    return { bytes, contents, hash: await sha256Sliced(bytes), journal };
  }

  async readJournal(name: string): Promise<{ bytes: Buffer; layout: JournalLayout }> {
    const bytes = (await readIfExists(this.#o.file, this.journalPath(name))) ?? Buffer.alloc(0);
    return { bytes, layout: unlockStep(this.#o.logger, 'journal structure', () => layoutJournal(bytes)) };
  }

  /**
   * A format-2 vault file opened with its key, with its journal replayed on top: a few hundred
   * records per turn of the event loop (a journal near its compaction bound holds a thousand).
   */
  async begin(opened: OpenedVault, hash: string, journal: UnlockRead['journal']): Promise<Session> {
    const { store, journalName: name } = opened;
    if (!store || name === undefined || !journal) throw new Error('begin() needs a format-2 vault');
    const ids = this.#ids(opened);
    const replayed = await unlockStepSliced(this.#o.logger, 'journal', () => openJournalSliced(journal.bytes, store.journalKey, ids, REPLAY_SLICE, journal.layout));
    if (journal.layout.torn) this.#o.logger.warn('journal ended in a torn record (a crash mid-write); it was never acknowledged and is dropped');
    const data = opened.data;
    const epochAudit = AuditCounts.empty();
    const index = new Map<string, number>();
    data.tokens.forEach((t, i) => index.set(t.id, i));
    for (const [i, plain] of replayed.plaintexts.entries()) {
      const ops = unlockStep(this.#o.logger, 'journal', () => decodeOps(plain));
      applyOps(data, ops, index);
      for (const op of ops) if (op.t === 'audit') epochAudit.add(op.entry);
      plain.fill(0);
      // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: how often replay yields changes how long a turn of main's event loop lasts, not what is replayed (the unlock bench measures that)
      if ((i + 1) % REPLAY_SLICE === 0) await nextTurn();
    }
    const tail = { records: replayed.plaintexts.length, bytes: journal.layout.validBytes, lastHash: replayed.lastHash };
    return {
      ...opened,
      store,
      fileHash: hash,
      journalName: name,
      journal: new Journal(this.journalPath(name), ids, store.journalKey, tail, this.#o.file.fs, this.#o.randomBytes),
      epochAudit,
    };
  }

  /** Appends one update's operations to the journal; resolves once they are on disk. */
  async append(s: Session, ops: JournalOp[]): Promise<void> {
    const plain = Buffer.from(JSON.stringify({ ops })); // UTF-8, Buffer.from's default
    await s.journal.append(plain);
    for (const op of ops) if (op.t === 'audit') s.epochAudit.add(op.entry);
  }

  /**
   * Seals `data` as the next generation with a new, empty journal (the current one becomes a segment).
   * `s` learns the new generation only on success; the caller then keeps windowed(data).
   * `sealedAudit`: entries recorded in this very update (never journaled), archived as one more
   * segment after the closed journal, so the trail stays whole.
   */
  async write(s: Session, material: KeyMaterial, dataKey: Buffer, data: VaultData, sealedAudit: readonly AuditEntry[] = []): Promise<void> {
    const segments = [...s.store.segments];
    if (s.journal.tail.records > 0) segments.push(this.#segmentOf(s));
    if (sealedAudit.length > 0) segments.push(await this.#writeSegment(s, [...sealedAudit]));
    await this.#writeGeneration(s, material, dataKey, data, segments);
  }

  /**
   * A format-1 vault (everything in one file) as format 2: its audit trail becomes the first segment,
   * written and synced before the new vault file names it. The old file stays as vault.json.format1-<time>.
   */
  async migrate(opened: OpenedVault, hash: string, original: Buffer): Promise<Session> {
    await this.#keepCopy(`${basename(this.#o.file.path)}.format1-${this.#o.clock.now()}`, original);
    const segments: SegmentMeta[] = [];
    const audit = opened.data.audit as AuditEntry[];
    // Segments of the same size as compaction makes, so paging and verification cost the same per segment.
    for (let from = 0; from < audit.length; from += MIGRATION_SEGMENT) {
      segments.push(await this.#writeSegment(opened, audit.slice(from, from + MIGRATION_SEGMENT)));
    }
    const s = this.#placeholder(opened, hash);
    await this.#writeGeneration(s, opened.material, opened.dataKey, opened.data, segments);
    s.data = windowed(opened.data, this.#o.auditWindow);
    this.#o.logger.info('vault migrated to format 2', { auditEntries: audit.length, segments: segments.length });
    return s;
  }

  async #writeSegment(opened: OpenedVault, entries: AuditEntry[]): Promise<SegmentMeta> {
    const key = this.#o.randomBytes(32);
    const name = this.#newJournalName(opened.generation);
    const ids = this.#ids(opened);
    const journal = new Journal(this.journalPath(name), ids, key, emptyTail(ids), this.#o.file.fs, this.#o.randomBytes);
    const counts = AuditCounts.empty();
    try {
      for (let i = 0; i < entries.length; i += MIGRATION_BATCH) {
        const ops: JournalOp[] = entries.slice(i, i + MIGRATION_BATCH).map((entry) => ({ t: 'audit', entry }));
        await journal.append(Buffer.from(JSON.stringify({ ops })));
      }
    } finally {
      await journal.close();
    }
    for (const e of entries) counts.add(e);
    const t = journal.tail;
    return { file: name, epoch: ids.epoch, key, records: t.records, bytes: t.bytes, lastHash: t.lastHash.toString('hex'), audit: counts };
  }

  /** A session for a vault file that has no journal yet (create, restore from a format-1 backup). */
  placeholder(opened: OpenedVault, hash: string): Session {
    return this.#placeholder(opened, hash);
  }

  #placeholder(opened: OpenedVault, hash: string): Session {
    const store: StoreMeta = opened.store ?? { journalKey: this.#o.randomBytes(32), segments: [] };
    const ids = this.#ids(opened);
    const name = opened.journalName ?? this.#newJournalName(opened.generation);
    return {
      ...opened,
      store,
      fileHash: hash,
      journalName: name,
      journal: new Journal(this.journalPath(name), ids, store.journalKey, emptyTail(ids), this.#o.file.fs, this.#o.randomBytes),
      epochAudit: AuditCounts.empty(),
    };
  }

  /** The closed journal of `s` as a segment (the audit archive and a backup's history). */
  segmentOf(s: Session): SegmentMeta | null {
    return s.journal.tail.records > 0 ? this.#segmentOf(s) : null;
  }

  #segmentOf(s: Session): SegmentMeta {
    const t = s.journal.tail;
    return {
      file: s.journalName,
      epoch: s.generation,
      key: s.store.journalKey,
      records: t.records,
      bytes: t.bytes,
      lastHash: t.lastHash.toString('hex'),
      audit: s.epochAudit.count > 0 ? s.epochAudit.clone() : null,
    };
  }

  async #writeGeneration(s: Session, material: KeyMaterial, dataKey: Buffer, data: VaultData, segments: SegmentMeta[]): Promise<void> {
    const generation = s.generation + 1;
    const store: StoreMeta = { journalKey: this.#o.randomBytes(32), segments };
    const name = this.#newJournalName(generation);
    const sealedData = windowed(data, this.#o.auditWindow);
    // In slices: with 10,000 tokens this is megabytes to serialize, encrypt and encode.
    const bytes = await sealVaultFileSliced({ material, dataKey, data: sealedData, generation, writtenAt: this.#o.clock.now(), random: this.#o.randomBytes, store, journal: name });
    // A session that read no file (restoring over a damaged one) has fileHash '', which no hash equals.
    await this.#o.file.write(bytes, (current) => sha256(current) === s.fileHash);
    await s.journal.close().catch(() => undefined);
    const ids = { vaultId: material.vaultId, epoch: generation };
    s.generation = generation;
    s.fileHash = sha256(bytes);
    s.store = store;
    s.version = 2;
    s.journalName = name;
    s.journal = new Journal(this.journalPath(name), ids, store.journalKey, emptyTail(ids), this.#o.file.fs, this.#o.randomBytes);
    s.epochAudit = AuditCounts.empty();
  }

  /** The plaintext records of a closed journal, checked against what the vault file says about it. */
  async readSegment(vaultId: string, seg: SegmentMeta): Promise<Buffer[]> {
    const bytes = await readIfExists(this.#o.file, this.journalPath(seg.file));
    if (bytes === null) throw damaged(`segment ${seg.file} is missing`);
    // Bytes past the end the vault file records can only be a torn record left by a crash before the
    // journal was closed: never acknowledged, so not part of the segment.
    if (bytes.length < seg.bytes) throw damaged(`segment ${seg.file} is shorter than the vault file says`);
    const opened = await openJournalSliced(bytes.subarray(0, seg.bytes), seg.key, { vaultId, epoch: seg.epoch }, SEGMENT_SLICE);
    if (opened.plaintexts.length !== seg.records || opened.layout.torn || opened.lastHash.toString('hex') !== seg.lastHash) {
      throw damaged(`segment ${seg.file} does not end where the vault file says`);
    }
    return opened.plaintexts;
  }

  #ids(o: Pick<OpenedVault, 'material' | 'generation'>): JournalIds {
    return { vaultId: o.material.vaultId, epoch: o.generation };
  }

  #newJournalName(generation: number): string {
    return `${basename(this.#o.file.path)}.j-${generation}-${this.#o.randomBytes(3).toString('hex')}`;
  }

  /** A copy of the vault file as it is now, kept under `name` (temp + fsync + rename + directory fsync). */
  async #keepCopy(name: string, bytes: Buffer): Promise<void> {
    const target = this.journalPath(name);
    const fs = this.#o.file.fs;
    const tmp = `${target}.tmp-${this.#o.randomBytes(6).toString('hex')}`;
    const fh = await fs.open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, target);
  }
}

/** The data as sealed and kept in memory: the audit trail's newest window only (the rest is in segments). */
export function windowed(data: VaultData, size = AUDIT_WINDOW): VaultData {
  return data.audit.length <= size ? data : { ...data, audit: data.audit.slice(-size) };
}

async function readIfExists(file: Pick<VaultFile, 'fs'>, path: string): Promise<Buffer | null> {
  try {
    return await file.fs.readFile(path);
  } catch (e) {
    if (isMissing(e)) return null;
    throw e;
  }
}
