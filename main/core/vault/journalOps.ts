import type { AuditEntry, TokenRecord, VaultData } from './vaultRecords.js';

/** What one update changed, as journal operations. */
export type JournalOp =
  | { t: 'token'; token: TokenRecord }
  | { t: 'token-del'; id: string }
  | { t: 'audit'; entry: AuditEntry }
  | { t: 'ledger'; key: string; seconds: number[] | null };

/** Applies journaled operations to `data` in place (replay at unlock). */
export function applyOps(data: VaultData, ops: readonly JournalOp[], index: Map<string, number>): void {
  for (const op of ops) {
    switch (op.t) {
      case 'token': {
        const at = index.get(op.token.id);
        if (at === undefined) {
          index.set(op.token.id, data.tokens.length);
          data.tokens.push(op.token);
        } else data.tokens[at] = op.token;
        break;
      }
      case 'token-del': {
        const at = index.get(op.id);
        if (at === undefined) break;
        data.tokens.splice(at, 1);
        index.clear();
        data.tokens.forEach((t, i) => index.set(t.id, i));
        break;
      }
      case 'audit':
        data.audit.push(op.entry);
        data.auditHead = { seq: op.entry.seq, hash: op.entry.hash };
        break;
      case 'ledger':
        if (op.seconds === null) delete data.oceanExpirations[op.key];
        else data.oceanExpirations[op.key] = op.seconds;
        break;
    }
  }
}
