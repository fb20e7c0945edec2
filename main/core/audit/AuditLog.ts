import type { AuditEntryView, AuditPage, AuditQuery } from '../../../preload/contract.js';
import type { Clock } from '../clock.js';
import type { VaultAccess } from '../vault/VaultAccess.js';
import type { AuditEntry, VaultData } from '../vault/types.js';
import { appendEntry, verifyChain, type AuditInput, type ChainCheck } from './auditChain.js';

export type { AuditInput, ChainCheck } from './auditChain.js';

const MAX_DETAIL = 200;
const MAX_PAGE = 500;

/**
 * The hash-chained audit trail, kept in the (encrypted) vault. Stateless apart from its ports, so the
 * vault, accounts and tokens services may each hold one over the same VaultAccess: the seq and the
 * chain are always derived from the data inside the serialized update.
 */
export class AuditLog {
  readonly #vault: VaultAccess;
  readonly #clock: Clock;
  readonly #redact: (text: string) => string;

  /** `redact` cleans free-text details (e.g. Redactor.redact) as a last line of defence. */
  constructor(vault: VaultAccess, clock: Clock, redact: (text: string) => string = (t) => t) {
    this.#vault = vault;
    this.#clock = clock;
    this.#redact = redact;
  }

  /** Appends one entry in its own vault update (persisted before it resolves). */
  append(input: AuditInput): Promise<AuditEntry> {
    return this.#vault.update((data) => this.appendIn(data, input));
  }

  /** Appends inside a caller's update, so an entry and the change it records persist together. */
  appendIn(data: VaultData, input: AuditInput): AuditEntry {
    const detail = input.detail === undefined ? undefined : this.#redact(input.detail).slice(0, MAX_DETAIL);
    return appendEntry(data, { ...input, detail }, this.#clock.now());
  }

  /** Verifies the whole chain as it is in the vault now. */
  verify(): ChainCheck {
    const data = this.#vault.read();
    return verifyChain(data.audit, data.auditHead);
  }

  /** Newest first, filtered, with the verdict on the whole chain. */
  page(query: AuditQuery): AuditPage {
    const data = this.#vault.read();
    const offset = Math.max(0, Math.floor(query.offset) || 0);
    const limit = Math.min(MAX_PAGE, Math.max(0, Math.floor(query.limit) || 0));
    const matching: AuditEntry[] = [];
    for (let i = data.audit.length - 1; i >= 0; i--) {
      const entry = data.audit[i]!;
      if (query.action !== undefined && entry.action !== query.action) continue;
      if (query.accountId !== undefined && entry.accountId !== query.accountId) continue;
      matching.push(entry);
    }
    return {
      entries: matching.slice(offset, offset + limit).map(toAuditView),
      total: matching.length,
      chain: verifyChain(data.audit, data.auditHead),
    };
  }
}

export function toAuditView(entry: AuditEntry): AuditEntryView {
  const view: AuditEntryView = { seq: entry.seq, at: entry.at, action: entry.action, outcome: entry.outcome };
  if (entry.accountLabel !== undefined) view.accountLabel = entry.accountLabel;
  if (entry.tokenPreview !== undefined) view.tokenPreview = entry.tokenPreview;
  if (entry.detail !== undefined) view.detail = entry.detail;
  return view;
}
