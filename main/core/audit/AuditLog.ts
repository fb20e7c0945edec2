import type { AuditEntryView, AuditPage, AuditQuery } from '../../../preload/contract.js';
import type { Clock } from '../clock.js';
import { isAppError } from '../errors.js';
import type { AuditCounts } from '../vault/AuditCounts.js';
import type { SegmentMeta } from '../vault/storeMeta.js';
import type { VaultAccess } from '../vault/VaultAccess.js';
import type { VaultAuditStore } from '../vault/VaultAuditStore.js';
import { newestFirst, newestInWindow } from './newestInWindow.js';
import type { AuditEntry, VaultData } from '../vault/vaultRecords.js';
import { auditAppender, type AppendAudit } from './auditAppender.js';
import { GENESIS_HASH, hashEntry, type AuditInput, type ChainCheck } from './auditChain.js';
import { nextTurn } from '../nextTurn.js';

export type { AuditInput, ChainCheck } from './auditChain.js';

const MAX_PAGE = 500;
/** Segments whose entries stay decoded after a page needed them (each holds about a thousand entries). */
const SEGMENT_CACHE = 2;
/** Entries hashed per turn of the event loop by the full verification. */
const WALK_SLICE = 100;

/** A vault that keeps older audit entries on disk (the real Vault); a VaultAccess without it keeps them all in memory. */
export type AuditVault = VaultAccess & { auditStore?(): VaultAuditStore };

interface Verified {
  seq: number;
  hash: string;
  verdict: ChainCheck;
  /** The in-memory entry verified last: if the window no longer holds this very object, check again. */
  entry?: AuditEntry;
}

/**
 * The hash-chained audit trail. The newest entries are in the vault's data (a window); older ones
 * are in the vault's closed journals, read on demand. Appending is one journal record; a page reads
 * the window, then skips whole segments by their counts, so the newest page costs the same at any
 * size. Verification is incremental: the whole chain once per unlock, in the background one segment
 * at a time, then only the entries appended since.
 *
 * Stateless apart from its ports and caches, so the vault, accounts and tokens services may each hold
 * one over the same VaultAccess: the seq and the chain are derived inside the serialized update.
 */
export class AuditLog {
  readonly #vault: AuditVault;
  readonly #appendIn: AppendAudit;
  #full: Promise<Verified> | null = null;
  #checked: Verified | null = null;
  readonly #segmentCache = new Map<string, AuditEntry[]>();
  #archiveOf: { all: readonly SegmentMeta[]; archive: Archive } | null = null;

  /** `redact` cleans free-text details (e.g. Redactor.redact) as a last line of defence. */
  constructor(vault: AuditVault, clock: Clock, redact: (text: string) => string = (t) => t) {
    this.#vault = vault;
    this.#appendIn = auditAppender(clock, redact);
    vault.onLockChange((unlocked) => {
      this.#full = null;
      this.#checked = null;
      this.#segmentCache.clear();
      this.#archiveOf = null;
      // Stryker disable next-line ConditionalExpression: equivalent, startVerification returns at once while the vault is locked
      if (unlocked) this.startVerification();
    });
  }

  /** Appends one entry in its own vault update (persisted before it resolves). */
  append(input: AuditInput): Promise<AuditEntry> {
    return this.#vault.update((data) => this.appendIn(data, input));
  }

  /** Appends inside a caller's update, so an entry and the change it records persist together. */
  appendIn(data: VaultData, input: AuditInput): AuditEntry {
    return this.#appendIn(data, input);
  }

  /** The verdict on the whole chain: verified in full once per unlock, then incrementally. */
  async verify(): Promise<ChainCheck> {
    const data = this.#vault.read();
    this.#full ??= this.#verifyFull();
    const full = await this.#full;
    const c = this.#checked;
    const stillThere = c?.entry !== undefined && data.audit[c.seq - (data.audit[0]?.seq ?? 0)] === c.entry;
    let from =
      c &&
      stillThere &&
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, `checked` grows from this unlock's `full` (both reset at each lock), so c.seq >= full.seq, and at equal seq it holds no entry
      c.seq >= full.seq
        ? c
        : full;
    if (from.verdict.ok) from = await this.#catchUp(from, data.audit[0]?.seq);
    if (from.verdict.ok) from = this.#extend(from, data);
    this.#checked = from;
    return from.verdict;
  }

  /** Starts the full verification in the background (at unlock), without waiting for it. */
  startVerification(): void {
    if (!this.#vault.isUnlocked()) return;
    this.#full ??= this.#verifyFull();
    this.#full.catch(() => undefined);
  }

  /** Newest first, filtered, with the verdict on the whole chain. */
  async page(query: AuditQuery): Promise<AuditPage> {
    const data = this.#vault.read();
    const offset = Math.max(0, Math.floor(query.offset) || 0);
    const limit = Math.min(MAX_PAGE, Math.max(0, Math.floor(query.limit) || 0));
    const matches = (e: AuditEntry): boolean =>
      (query.action === undefined || e.action === query.action) && (query.accountId === undefined || e.accountId === query.accountId);
    const archive = this.#archive();
    const segments = archive.segments;
    const archivedThrough = segments.at(-1)?.audit.last ?? 0;
    const window = data.audit;

    // Sources newest first: the entries only in memory (since the last compaction), then each segment.
    // Those are bounded by the compaction bound; the segments are skipped by their counts, and a
    // segment still in the window is read from the newest end only as far as the page needs.
    const recent: AuditEntry[] = [];
    for (let i = window.length - 1; i >= 0 && window[i]!.seq > archivedThrough; i--) if (matches(window[i]!)) recent.push(window[i]!);
    const total = recent.length + archive.total(query);

    const out: AuditEntry[] = [];
    let skip = offset;
    const take = (list: readonly AuditEntry[]): void => {
      const part = list.slice(skip, skip + limit - out.length);
      skip = Math.max(0, skip - list.length);
      out.push(...part);
    };
    // Stryker disable next-line ConditionalExpression,EqualityOperator: with limit 0, take() adds nothing and the loop below never runs
    if (limit > 0) take(recent);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: once the page is full, `all` holds for every older segment: nothing more is read or added
    for (let i = segments.length - 1; i >= 0 && out.length < limit; i--) {
      const s = segments[i]!;
      const count = countIn(s, query);
      if (skip >= count) {
        skip -= count;
        continue;
      }
      const want = skip + (limit - out.length);
      const resident = newestInWindow(window, s.audit.first, s.audit.last, matches, want);
      // The window holds the newest part of the newest segments: enough for this page, or read the file.
      take(resident.whole || resident.entries.length >= want ? resident.entries : newestFirst(await this.#segmentEntries(s), matches));
    }
    return { entries: out.map(toAuditView), total, chain: await this.verify() };
  }

  /** The segments with audit entries and their totals per filter, worked out once per set of segments. */
  #archive(): Archive {
    const all = this.#segments();
    // Stryker disable next-line ConditionalExpression: equivalent, a cache: working the archive out again gives the same one
    if (this.#archiveOf?.all === all) return this.#archiveOf.archive;
    const segments = all.filter((s): s is ArchivedSegment => s.audit !== null);
    const totals = new Map<string, number>();
    const archive: Archive = {
      segments,
      total(q) {
        const key = JSON.stringify([q.action, q.accountId]);
        let n = totals.get(key);
        // Stryker disable next-line ConditionalExpression: equivalent, a cache: counting again gives the same total
        if (n === undefined) {
          n = 0;
          for (const s of segments) n += countIn(s, q);
          totals.set(key, n);
        }
        return n;
      },
    };
    // Stryker disable next-line ObjectLiteral: equivalent, a cache: without it the archive is worked out again, the same
    this.#archiveOf = { all, archive };
    return archive;
  }

  #segments(): readonly SegmentMeta[] {
    return this.#vault.auditStore?.().segments() ?? [];
  }

  async #segmentEntries(s: SegmentMeta): Promise<AuditEntry[]> {
    const cached = this.#segmentCache.get(s.file);
    if (cached) return cached;
    const entries = await this.#vault.auditStore!().readSegment(s);
    this.#segmentCache.set(s.file, entries);
    while (this.#segmentCache.size > SEGMENT_CACHE) this.#segmentCache.delete(this.#segmentCache.keys().next().value!);
    return entries;
  }

  /** Every segment from the genesis hash, yielding between segments so the event loop never waits long. */
  async #verifyFull(): Promise<Verified> {
    let at: Verified = { seq: 0, hash: GENESIS_HASH, verdict: { ok: true } };
    for (const s of this.#segments()) {
      if (!s.audit) continue;
      const entries = await this.#readToVerify(s, at);
      if (!Array.isArray(entries)) return entries;
      at = await walkSliced(at, entries);
      if (!at.verdict.ok) return at;
    }
    return at;
  }

  /**
   * When more entries were appended since `from` than the window keeps, the ones it let go of are in
   * journals closed since: walks those, up to the window (if it holds any), for `#extend` to go on from.
   * `from` is then the full verdict (a later one would still be in the window): they start right after it.
   */
  async #catchUp(from: Verified, windowFirst = Number.POSITIVE_INFINITY): Promise<Verified> {
    if (windowFirst <= from.seq + 1) return from;
    let at = from;
    for (const s of this.#segments()) {
      if (!s.audit || s.audit.last <= at.seq || s.audit.first >= windowFirst) continue;
      const entries = await this.#readToVerify(s, at);
      if (!Array.isArray(entries)) return entries;
      at = await walkSliced(at, entries);
      if (!at.verdict.ok) return at;
    }
    return at;
  }

  /** A segment's entries, or the verdict that the chain breaks where they should start; LOCKED is passed on. */
  async #readToVerify(s: SegmentMeta, at: Verified): Promise<AuditEntry[] | Verified> {
    try {
      return await this.#vault.auditStore!().readSegment(s);
    } catch (e) {
      if (isAppError(e) && e.code === 'LOCKED') throw e;
      return { ...at, verdict: { ok: false, brokenAt: at.seq + 1 } };
    }
  }

  /** Continues a good verdict over the in-memory entries after it, and checks the vault's head. */
  #extend(from: Verified, data: Readonly<VaultData>): Verified {
    // Entries in memory up to the verified point are copies of what was verified on disk; the window
    // is contiguous by seq, so the new ones start at a known index (and if it starts past the verified
    // point, the walk finds the gap).
    const w = data.audit;
    const startAt = w.length === 0 ? 0 : Math.max(0, Math.min(w.length, from.seq + 1 - w[0]!.seq));
    const after = w.slice(startAt);
    const last = after.at(-1) ?? from.entry;
    const at = { ...walk(from, after), ...(last ? { entry: last } : {}) };
    if (!at.verdict.ok) return at;
    const head = data.auditHead;
    // Vaults written before the head existed have none: the chain is all there is to check.
    if (head) {
      if (head.seq > at.seq) return { ...at, verdict: { ok: false, brokenAt: at.seq + 1 } };
      if (head.seq < at.seq) return { ...at, verdict: { ok: false, brokenAt: head.seq + 1 } };
      if (head.hash !== at.hash) return { ...at, verdict: { ok: false, brokenAt: Math.max(1, head.seq) } };
    }
    return at;
  }
}

/** `walk` a segment's thousand hashes (a few milliseconds here, tens on a loaded machine) in slices, yielding between them. */
async function walkSliced(from: Verified, entries: readonly AuditEntry[]): Promise<Verified> {
  let at = from;
  // Stryker disable next-line EqualityOperator: equivalent, one more pass over an empty slice walks nothing
  for (let i = 0; i < entries.length && at.verdict.ok; i += WALK_SLICE) {
    at = walk(at, entries.slice(i, i + WALK_SLICE));
    await nextTurn();
  }
  return at;
}

/** Checks `entries` continue the chain at `from`: seq without gaps, each hash over the previous one. */
function walk(from: Verified, entries: readonly AuditEntry[]): Verified {
  let { seq, hash } = from;
  for (const entry of entries) {
    if (entry.seq !== seq + 1) return { seq, hash, verdict: { ok: false, brokenAt: seq + 1 } };
    const { hash: stored, ...body } = entry;
    if (hashEntry(hash, body) !== stored) return { seq, hash, verdict: { ok: false, brokenAt: entry.seq } };
    seq = entry.seq;
    hash = stored;
  }
  return { seq, hash, verdict: { ok: true } };
}

/** A closed journal with audit entries in it. */
type ArchivedSegment = SegmentMeta & { audit: AuditCounts };

interface Archive {
  segments: readonly ArchivedSegment[];
  /** Entries in all segments that match the query's filters. */
  total(q: AuditQuery): number;
}

function countIn(s: ArchivedSegment, q: AuditQuery): number {
  return s.audit.of(q);
}

export function toAuditView(entry: AuditEntry): AuditEntryView {
  const view: AuditEntryView = { seq: entry.seq, at: entry.at, action: entry.action, outcome: entry.outcome };
  if (entry.accountLabel !== undefined) view.accountLabel = entry.accountLabel;
  if (entry.tokenPreview !== undefined) view.tokenPreview = entry.tokenPreview;
  if (entry.detail !== undefined) view.detail = entry.detail;
  return view;
}
