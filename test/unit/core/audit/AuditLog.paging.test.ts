import { describe, expect, it } from 'vitest';
import type { AuditAction } from '../../../../preload/contract.js';
import { auditAppender } from '../../../../main/core/audit/auditAppender.js';
import { AuditLog } from '../../../../main/core/audit/AuditLog.js';
import { FakeArchiveVault } from '../../../support/FakeArchiveVault.js';
import { FakeClock } from '../../../support/FakeClock.js';

const append = auditAppender(new FakeClock());
const ACTIONS: AuditAction[] = ['copy', 'copy', 'mint', 'reveal'];
const actionOf = (seq: number): AuditAction => ACTIONS[seq % 4]!;
const accountOf = (seq: number): string => (seq % 3 === 0 ? 'b' : 'a');

/** Entries up to `through`, each seq's action and account fixed by actionOf and accountOf. */
async function appendThrough(vault: FakeArchiveVault, through: number): Promise<void> {
  for (let seq = vault.read().audit.length === 0 ? 1 : vault.read().audit.at(-1)!.seq + 1; seq <= through; seq++) {
    await vault.update((d) => append(d, { action: actionOf(seq), outcome: 'ok', accountId: accountOf(seq) }));
  }
}

/** Journals closed at each of `closes`, then entries up to `through`; the log's full verdict taken (its reads cleared). */
async function archive(windowSize: number, closes: number[], through: number): Promise<{ vault: FakeArchiveVault; log: AuditLog }> {
  const vault = new FakeArchiveVault(windowSize);
  for (const at of closes) {
    await appendThrough(vault, at);
    vault.close();
  }
  await appendThrough(vault, through);
  const log = new AuditLog(vault, new FakeClock());
  expect(await log.verify()).toEqual({ ok: true });
  vault.reads.length = 0;
  return { vault, log };
}

const seqs = async (log: AuditLog, q: Parameters<AuditLog['page']>[0]): Promise<number[]> => (await log.page(q)).entries.map((e) => e.seq);
const down = (from: number, to: number): number[] => Array.from({ length: from - to + 1 }, (_, i) => from - i);

describe('a page reads a closed journal only when the window does not hold enough of it', () => {
  it('the window holds the newest part of a journal: enough for the page, or the journal is read', async () => {
    // Journals 1–10 and 11–20; the window keeps 16–20 at the close, then 21–25 are appended.
    const { vault, log } = await archive(5, [10, 20], 25);
    expect(await seqs(log, { offset: 0, limit: 8 })).toEqual(down(25, 18));
    expect(await seqs(log, { offset: 0, limit: 10 })).toEqual(down(25, 16));
    expect(vault.reads).toEqual([]);
    expect(await seqs(log, { offset: 0, limit: 11 })).toEqual(down(25, 15));
    expect(vault.reads).toEqual([vault.segments()[1]!.file]);
  });

  it('a journal the window holds whole is not read, even when it has fewer matches than the page wants', async () => {
    const { vault, log } = await archive(Number.POSITIVE_INFINITY, [10, 20, 30], 33);
    const all = down(33, 1);
    expect(await seqs(log, { offset: 0, limit: 50, action: 'mint' })).toEqual(all.filter((s) => actionOf(s) === 'mint'));
    expect(await seqs(log, { offset: 2, limit: 40, accountId: 'b' })).toEqual(all.filter((s) => accountOf(s) === 'b').slice(2));
    expect(vault.reads).toEqual([]);
  });

  it('with no entry in memory (the window emptied outside the app), a page is read from the journals', async () => {
    const { vault, log } = await archive(Number.POSITIVE_INFINITY, [10, 20], 20);
    vault.tamper((d) => void (d.audit = []));
    expect(await seqs(log, { offset: 5, limit: 10 })).toEqual(down(15, 6));
    expect(vault.reads).toEqual([vault.segments()[1]!.file, vault.segments()[0]!.file]);
  });
});

describe('totals per filter', () => {
  it('each filter has its own total, asked in any order', async () => {
    const { log } = await archive(5, [10, 20, 30], 34);
    const all = down(34, 1);
    const queries = [{}, { action: 'copy' as const }, { action: 'mint' as const }, { accountId: 'a' }, { accountId: 'b' }, { action: 'copy' as const, accountId: 'b' }, { action: 'reveal' as const, accountId: 'a' }];
    for (const round of [1, 2]) {
      for (const q of queries) {
        const want = all.filter((s) => (q.action === undefined || actionOf(s) === q.action) && (q.accountId === undefined || accountOf(s) === q.accountId));
        expect((await log.page({ offset: 0, limit: 3, ...q })).total, `${JSON.stringify(q)} round ${round}`).toBe(want.length);
      }
    }
  });
});

describe('a window that is not contiguous (edited outside the app) is paged by seq all the same', () => {
  it('each entry it holds appears once, in its place; journals it holds whole are not read', async () => {
    const { vault, log } = await archive(Number.POSITIVE_INFINITY, [10, 20, 30], 35);
    const [first, second] = vault.segments().map((s) => s.file);
    // The window starts where the second journal does, and entry 27 is gone from it.
    vault.tamper((d) => void (d.audit = d.audit.filter((e) => e.seq > 10 && e.seq !== 27)));
    const page = await seqs(log, { offset: 0, limit: 100 });
    expect(page.filter((s) => s !== 27)).toEqual(down(35, 1).filter((s) => s !== 27));
    expect(vault.reads).toContain(first);
    expect(vault.reads).not.toContain(second);

    const mints = await seqs(log, { offset: 0, limit: 100, action: 'mint' });
    expect(mints.filter((s) => s !== 27)).toEqual(down(35, 1).filter((s) => s !== 27 && actionOf(s) === 'mint'));
  });

  it('a window whose newest entries were cut still lists the older ones in order', async () => {
    const { log, vault } = await archive(Number.POSITIVE_INFINITY, [10, 20, 30], 30);
    vault.tamper((d) => void (d.audit = d.audit.filter((e) => e.seq <= 28)));
    const page = await seqs(log, { offset: 0, limit: 100 });
    expect(page.slice(-28)).toEqual(down(28, 1));
  });
});
