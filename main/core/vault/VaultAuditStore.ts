import { nextTurn } from '../nextTurn.js';
import { decodeOps } from './decodeOps.js';
import { SEGMENT_SLICE, type Session, type SessionFile } from './SessionFile.js';
import type { SegmentMeta } from './storeMeta.js';
import type { AuditEntry } from './vaultRecords.js';

/**
 * The audit trail beyond the window kept in memory (VaultData.audit): the closed journals, oldest
 * first, with counts per action and account, and their entries read from disk on demand. The audit
 * log (main/core/audit) pages and verifies over it. Both throw LOCKED while the vault is locked.
 */
export interface VaultAuditStore {
  segments(): readonly SegmentMeta[];
  /** The segment's audit entries, oldest first; VAULT_DAMAGED if the file is not what the vault file says. */
  readSegment(segment: SegmentMeta): Promise<AuditEntry[]>;
}

/** The store over an unlocked session's closed journals, read a slice at a time, each plaintext zeroed once read. */
export function sessionAuditStore(session: () => Session, file: Pick<SessionFile, 'readSegment'>): VaultAuditStore {
  return {
    segments: () => session().store.segments,
    readSegment: async (seg) => {
      const s = session();
      const entries: AuditEntry[] = [];
      for (const [i, plain] of (await file.readSegment(s.material.vaultId, seg)).entries()) {
        for (const op of decodeOps(plain)) if (op.t === 'audit') entries.push(op.entry);
        plain.fill(0);
        // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: how often it yields changes how long a turn of main's event loop lasts, not what is read
        if ((i + 1) % SEGMENT_SLICE === 0) await nextTurn();
      }
      return entries;
    },
  };
}
