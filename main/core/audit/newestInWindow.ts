import type { AuditEntry } from '../vault/vaultRecords.js';

/**
 * The window's entries with seq in [first, last] that match, newest first, up to `want` of them.
 * `whole`: the window holds every entry of that range (so fewer than `want` means there are no more).
 * The window is contiguous by seq, so the range is found by index, not by a scan.
 */
export function newestInWindow(window: readonly AuditEntry[], first: number, last: number, keep: (e: AuditEntry) => boolean, want: number): { entries: AuditEntry[]; whole: boolean } {
  const entries: AuditEntry[] = [];
  const base = window[0]?.seq;
  // Stryker disable next-line ArithmeticOperator,UnaryOperator: equivalent, they only send a contiguous window to the plain scan, which finds the same entries
  if (base === undefined || window.at(-1)!.seq - base !== window.length - 1) {
    // Not contiguous (never written so): the plain scan.
    for (let i = window.length - 1; i >= 0; i--) {
      const e = window[i]!;
      if (e.seq >= first && e.seq <= last && keep(e)) entries.push(e);
    }
    return { entries, whole: first >= (base ?? Number.POSITIVE_INFINITY) };
  }
  const top = Math.min(window.length - 1, last - base);
  const bottom = Math.max(0, first - base);
  for (let i = top; i >= bottom && entries.length < want; i--) if (keep(window[i]!)) entries.push(window[i]!);
  return { entries, whole: first >= base };
}

/** The entries that match, newest first. */
export function newestFirst(entries: readonly AuditEntry[], keep: (e: AuditEntry) => boolean): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (let i = entries.length - 1; i >= 0; i--) if (keep(entries[i]!)) out.push(entries[i]!);
  return out;
}
