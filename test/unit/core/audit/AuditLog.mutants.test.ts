import { describe, expect, it } from 'vitest';
import { auditAppender } from '../../../../main/core/audit/auditAppender.js';
import { AuditLog } from '../../../../main/core/audit/AuditLog.js';
import { FakeArchiveVault } from '../../../support/FakeArchiveVault.js';
import { FakeClock } from '../../../support/FakeClock.js';

const append = auditAppender(new FakeClock());

async function appendN(vault: FakeArchiveVault, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await vault.update((d) => append(d, { action: 'copy', outcome: 'ok', tokenId: `t${i}` }));
}

/** Appends `n` entries and closes a journal over them. */
async function journal(vault: FakeArchiveVault, n: number): Promise<void> {
  await appendN(vault, n);
  vault.close();
}

const files = (vault: FakeArchiveVault): string[] => vault.segments().map((s) => s.file);

/**
 * One journal of 10 verified with a window of 5, then three more journals of 5 closed after that verdict:
 * the window keeps 21 to 25 (the fourth journal), so 11 to 20 (the second and third) are only on disk.
 */
async function windowMovedPastTwoJournals(): Promise<{ vault: FakeArchiveVault; log: AuditLog; journals: string[] }> {
  const vault = new FakeArchiveVault(5);
  await journal(vault, 10);
  const log = new AuditLog(vault, new FakeClock());
  expect(await log.verify()).toEqual({ ok: true });
  await journal(vault, 5);
  await journal(vault, 5);
  await journal(vault, 5);
  expect(vault.read().audit[0]!.seq).toBe(21);
  return { vault, log, journals: files(vault) };
}

describe('a verdict after the window moved past several closed journals', () => {
  it('walks every journal between the last verdict and the window, and the chain holds', async () => {
    const { vault, log, journals } = await windowMovedPastTwoJournals();
    const [first, second, third] = journals;
    expect(await log.verify()).toEqual({ ok: true });
    expect(vault.reads).toEqual([first, second, third]);
  });

  it('stops at the first of them that does not chain on, and reads no further', async () => {
    const { vault, log, journals } = await windowMovedPastTwoJournals();
    const [first, second] = journals;
    vault.editJournal(second!, (entries) => void (entries[2]!.outcome = 'edited'));
    expect(await log.verify()).toEqual({ ok: false, brokenAt: 13 });
    expect(vault.reads).toEqual([first, second]);
  });

  it('stops at the first of them that cannot be read, breaking the chain where it starts, and reads no further', async () => {
    const { vault, log, journals } = await windowMovedPastTwoJournals();
    const [first, second] = journals;
    vault.damaged.add(second!);
    expect(await log.verify()).toEqual({ ok: false, brokenAt: 11 });
    expect(vault.reads).toEqual([first, second]);
  });
});

describe('the full verification and closed journals', () => {
  it('a newest closed journal that cannot be read breaks the chain where it starts, though the window holds its entries', async () => {
    // The window keeps every entry: entries 11 to 20 chain on from memory, yet their journal is damaged.
    const vault = new FakeArchiveVault();
    await journal(vault, 10);
    await journal(vault, 10);
    vault.damaged.add(files(vault)[1]!);
    const log = new AuditLog(vault, new FakeClock());
    expect(await log.verify()).toEqual({ ok: false, brokenAt: 11 });
  });

  it('when the window starts right after the entries verified, a verdict asks the store for nothing, not even its journals', async () => {
    const vault = new FakeArchiveVault(5);
    await journal(vault, 10);
    const log = new AuditLog(vault, new FakeClock());
    expect(await log.verify()).toEqual({ ok: true });
    // A journal of exactly the window's size: the window now holds 11 to 15, the last verdict was at 10.
    await journal(vault, 5);
    expect(vault.read().audit[0]!.seq).toBe(11);
    const lists = vault.segmentLists;
    expect(await log.verify()).toEqual({ ok: true });
    expect(vault.segmentLists).toBe(lists);
    expect(vault.reads).toEqual([files(vault)[0]]);
  });
});
