import type { Clock } from '../clock.js';
import type { AuditEntry, VaultData } from '../vault/vaultRecords.js';
import { appendEntry, type AuditInput } from './auditChain.js';

const MAX_DETAIL = 200;

/** Appends one entry inside a caller's vault update, so the entry and the change it records persist together. */
export type AppendAudit = (data: VaultData, input: AuditInput) => AuditEntry;

/**
 * The audit trail's append, which needs no vault: only the clock and the redactor (free-text details
 * are cleaned as a last line of defence and capped). So the vault's own lock hook and the accounts
 * service can record entries without waiting for the AuditLog built on that vault.
 */
export function auditAppender(clock: Clock, redact: (text: string) => string = (t) => t): AppendAudit {
  return (data, input) => {
    const detail = input.detail === undefined ? undefined : redact(input.detail).slice(0, MAX_DETAIL);
    return appendEntry(data, { ...input, detail }, clock.now());
  };
}
