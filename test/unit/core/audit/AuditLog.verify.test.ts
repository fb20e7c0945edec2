import { describe, expect, it } from 'vitest';
import { auditAppender } from '../../../../main/core/audit/auditAppender.js';
import { verifyChain } from '../../../../main/core/audit/auditChain.js';
import { AuditLog } from '../../../../main/core/audit/AuditLog.js';
import type { VaultData } from '../../../../main/core/vault/vaultRecords.js';
import { turns } from '../../../integration/providers/support.js';
import { FakeArchiveVault } from '../../../support/FakeArchiveVault.js';
import { FakeClock } from '../../../support/FakeClock.js';
import { FakeVaultAccess } from '../../../support/FakeVaultAccess.js';
import { codeOf } from '../../../support/vaultHarness.js';

const append = auditAppender(new FakeClock());

/** Closed journals in memory: `journals` of `size` entries each, closed one after another, and a log over them. */
async function archived(journals: number, size: number, windowSize?: number): Promise<{ vault: FakeArchiveVault; log: AuditLog }> {
  const vault = new FakeArchiveVault(windowSize);
  for (let j = 0; j < journals; j++) {
    await appendN(vault, size);
    vault.close();
  }
  return { vault, log: new AuditLog(vault, new FakeClock()) };
}

/** Appends as the vault's other users do (without a log of their own listening to the lock). */
async function appendN(vault: FakeArchiveVault, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await vault.update((d) => append(d, { action: 'copy', outcome: 'ok', tokenId: `t${i}` }));
}

const files = (vault: FakeArchiveVault): string[] => vault.segments().map((s) => s.file);

describe('a verdict reads each closed journal once and then only what is new', () => {
  it('after the window moved past the last verdict, reads only the journals closed since; then nothing', async () => {
    const { vault, log } = await archived(1, 10, 5);
    expect(await log.verify()).toEqual({ ok: true });
    expect(vault.reads).toEqual(files(vault));

    // 17 more than the window's 5, in journals after one without audit entries: the window now starts
    // at 23, the last verdict was at 10. The entries in between are in the third journal; the fourth
    // is all in the window.
    vault.close();
    await appendN(vault, 12);
    vault.close();
    await appendN(vault, 5);
    vault.close();
    expect(vault.read().audit[0]!.seq).toBe(23);
    expect(await log.verify()).toEqual({ ok: true });
    const [first, , third] = files(vault);
    expect(vault.reads).toEqual([first, third]);

    // The entries verified last are still in the window: only the new ones are walked, nothing is read.
    await appendN(vault, 3);
    expect(await log.verify()).toEqual({ ok: true });
    expect(await log.verify()).toEqual({ ok: true });
    expect(vault.reads).toEqual([first, third]);

    // And an entry appended after that check that does not chain on is still found.
    await appendN(vault, 1);
    vault.tamper((d) => void (d.audit[d.audit.length - 1] = { ...d.audit.at(-1)!, outcome: 'edited' }));
    expect(await log.verify()).toEqual({ ok: false, brokenAt: 31 });
  });

  it('a journal closed around the entry verified last, while the window still holds it, is not read', async () => {
    const { vault, log } = await archived(1, 10, 5);
    expect(await log.verify()).toEqual({ ok: true });
    await appendN(vault, 3);
    expect(await log.verify()).toEqual({ ok: true });
    // Entries 11 to 17 in one journal; the window keeps 13 to 17, and 13 was the last verified.
    await appendN(vault, 4);
    vault.close();
    expect(vault.read().audit[0]!.seq).toBe(13);
    expect(await log.verify()).toEqual({ ok: true });
    expect(vault.reads).toEqual([files(vault)[0]]);
  });


  it('a closed journal longer than one slice of the walk verifies, and a journal without audit entries is not read', async () => {
    const { vault, log } = await archived(1, 250);
    vault.close();
    await appendN(vault, 5);
    vault.close();
    const [long, empty, short] = files(vault);
    expect(vault.segments()[1]!.audit).toBeNull();
    expect(await log.verify()).toEqual({ ok: true });
    expect(vault.reads).toEqual([long, short]);
    expect(empty).toBeDefined();
  });

  it('stops reading at the first closed journal that does not check out', async () => {
    const { vault, log } = await archived(3, 10);
    const [first] = files(vault);
    vault.editJournal(first!, (entries) => void (entries[4]!.outcome = 'edited'));
    expect(await log.verify()).toEqual({ ok: false, brokenAt: 5 });
    expect(vault.reads).toEqual([first]);
  });

  it('a closed journal that cannot be read breaks the chain where it starts, even when the window holds its entries', async () => {
    // The window keeps every entry, so the ones after the damaged journal would chain on from memory.
    const { vault, log } = await archived(3, 10);
    vault.damaged.add(files(vault)[1]!);
    expect(await log.verify()).toEqual({ ok: false, brokenAt: 11 });
    expect(await log.verify()).toEqual({ ok: false, brokenAt: 11 });
    expect((await log.page({ offset: 0, limit: 3 })).chain).toEqual({ ok: false, brokenAt: 11 });

    // A broken verdict stands: with a window past it, nothing more is read to look again.
    const small = await archived(3, 10, 5);
    small.vault.damaged.add(files(small.vault)[1]!);
    expect(await small.log.verify()).toEqual({ ok: false, brokenAt: 11 });
    const reads = [...small.vault.reads];
    expect(await small.log.verify()).toEqual({ ok: false, brokenAt: 11 });
    expect(small.vault.reads).toEqual(reads);
  });
});

describe('a verification and the lock', () => {
  it('a lock in the middle of the verification is an error (LOCKED), not a broken chain; after the unlock it verifies', async () => {
    const { vault, log } = await archived(2, 10);
    let open!: () => void;
    vault.gate = new Promise((resolve) => (open = resolve));
    const pending = codeOf(log.verify());
    await turns(3);
    vault.lock();
    open();
    expect(await pending).toBe('LOCKED');
    vault.gate = null;
    vault.unlock();
    expect(await log.verify()).toEqual({ ok: true });
  });

  it('asks a locked vault nothing; unlocking starts the full verification at once', async () => {
    const { vault, log } = await archived(2, 10);
    vault.lock();
    const lists = vault.segmentLists;
    log.startVerification();
    await turns(5);
    expect(vault.segmentLists).toBe(lists);
    expect(vault.reads).toEqual([]);
    vault.unlock();
    expect(vault.reads).toEqual([files(vault)[0]]);
    await turns(20);
    expect(vault.reads).toEqual(files(vault));
    expect(await log.verify()).toEqual({ ok: true });
    expect(vault.reads).toEqual(files(vault));
  });
});

describe("the log's verdict is verifyChain's over the same entries and head", () => {
  const tamperings: Array<[string, (d: VaultData) => void]> = [
    ['intact', () => undefined],
    ['an edited entry', (d) => void (d.audit[3]!.outcome = 'edited')],
    ['an edited entry and a head cut short before it', (d) => {
      d.audit[3]!.outcome = 'edited';
      d.auditHead = { seq: 2, hash: d.audit[1]!.hash };
    }],
    ['a head cut short', (d) => void (d.auditHead = { seq: 3, hash: d.audit[2]!.hash })],
    ['a removed tail', (d) => void d.audit.splice(3)],
    ['every entry removed', (d) => void d.audit.splice(0)],
    ['no head', (d) => void delete d.auditHead],
  ];
  for (const [name, edit] of tamperings) {
    it(`${name}, checked once before`, async () => {
      const clock = new FakeClock();
      const vault = new FakeVaultAccess();
      const log = new AuditLog(vault, clock);
      for (let i = 0; i < 5; i++) await log.append({ action: 'mint', outcome: 'ok' });
      expect(await log.verify()).toEqual({ ok: true });
      vault.tamper(edit);
      const data = vault.read();
      expect(await log.verify()).toEqual(verifyChain(data.audit, data.auditHead));
    });
  }
});
