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
