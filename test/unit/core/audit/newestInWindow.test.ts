import { describe, expect, it } from 'vitest';
import { auditAppender } from '../../../../main/core/audit/auditAppender.js';
import { newestInWindow } from '../../../../main/core/audit/newestInWindow.js';
import { emptyVaultData, type AuditEntry } from '../../../../main/core/vault/vaultRecords.js';
import { FakeClock } from '../../../support/FakeClock.js';

/** A contiguous window of entries 1 to n, alternating the actions copy and mint. */
function windowOf(n: number): AuditEntry[] {
  const append = auditAppender(new FakeClock());
  const data = emptyVaultData();
  for (let i = 1; i <= n; i++) append(data, { action: i % 2 === 0 ? 'mint' : 'copy', outcome: 'ok' });
  return data.audit;
}

const seqs = (entries: readonly AuditEntry[]): number[] => entries.map((e) => e.seq);

describe('newestInWindow over a contiguous window', () => {
  it('gives at most `want` matching entries of the range, newest first', () => {
    const window = windowOf(10);
    const all = (): boolean => true;
    expect(seqs(newestInWindow(window, 3, 9, all, 3).entries)).toEqual([9, 8, 7]);
    expect(seqs(newestInWindow(window, 3, 9, (e) => e.action === 'mint', 2).entries)).toEqual([8, 6]);
    expect(seqs(newestInWindow(window, 3, 9, all, 0).entries)).toEqual([]);
  });

  it('gives the whole range when it holds fewer than `want`, and says whether the window holds all of it', () => {
    const window = windowOf(10).slice(4); // 5 to 10
    expect(newestInWindow(window, 6, 8, () => true, 10)).toEqual({ entries: [window[3], window[2], window[1]], whole: true });
    expect(seqs(newestInWindow(window, 1, 7, () => true, 10).entries)).toEqual([7, 6, 5]);
    expect(newestInWindow(window, 1, 7, () => true, 10).whole).toBe(false);
  });
});
