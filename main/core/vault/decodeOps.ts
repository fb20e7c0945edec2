import type { JournalOp } from './journalOps.js';
import { damaged } from './vaultFormat.js';

/** A journal record's operations, from its decrypted bytes; anything else is damage. */
export function decodeOps(plain: Buffer): JournalOp[] {
  let raw: unknown;
  try {
    raw = JSON.parse(plain.toString('utf8'));
  } catch {
    throw damaged('journal record is not JSON');
  }
  const ops = (raw as { ops?: unknown } | null)?.ops;
  if (!Array.isArray(ops)) throw damaged('journal record has no operations');
  return ops as JournalOp[];
}
