import { describe, expect, it } from 'vitest';
import { AuditLog, toAuditView } from '../../../../main/core/audit/AuditLog.js';
import { FakeClock } from '../../../support/FakeClock.js';
import { FakeVaultAccess } from '../../../support/FakeVaultAccess.js';

/** A log of `n` entries on a fake vault; `verify()` exercises AuditLog's own incremental walk and head check. */
async function logWith(n: number): Promise<{ vault: FakeVaultAccess; log: AuditLog }> {
  const clock = new FakeClock();
  const vault = new FakeVaultAccess();
  const log = new AuditLog(vault, clock);
  for (let i = 0; i < n; i++) {
    await log.append({ action: 'copy', outcome: 'ok', tokenId: `t${i}` });
    clock.advance(1000);
  }
  return { vault, log };
}

describe("AuditLog's verdict names the first entry that does not check out", () => {
  it('without a head (a vault written before it existed) an edited or missing entry is still found', async () => {
    const edited = await logWith(5);
    edited.vault.tamper((d) => {
      delete d.auditHead;
      d.audit[2]!.outcome = 'NETWORK';
    });
    expect(await edited.log.verify()).toEqual({ ok: false, brokenAt: 3 });

    const gap = await logWith(5);
    gap.vault.tamper((d) => {
      delete d.auditHead;
      d.audit.splice(3, 1);
    });
    expect(await gap.log.verify()).toEqual({ ok: false, brokenAt: 4 });

    const intact = await logWith(5);
    intact.vault.tamper((d) => void delete d.auditHead);
    expect(await intact.log.verify()).toEqual({ ok: true });
  });

  it('a head that does not match: a longer trail, a shorter one, another last hash', async () => {
    const cut = await logWith(5);
    cut.vault.tamper((d) => void d.audit.splice(3, 2));
    expect(await cut.log.verify()).toEqual({ ok: false, brokenAt: 4 });

    const shortHead = await logWith(5);
    shortHead.vault.tamper((d) => void (d.auditHead = { seq: 3, hash: d.audit[2]!.hash }));
    expect(await shortHead.log.verify()).toEqual({ ok: false, brokenAt: 4 });

    const otherHash = await logWith(5);
    otherHash.vault.tamper((d) => void (d.auditHead = { seq: 5, hash: 'f'.repeat(64) }));
    expect(await otherHash.log.verify()).toEqual({ ok: false, brokenAt: 5 });

    const empty = await logWith(0);
    empty.vault.tamper((d) => void (d.auditHead = { seq: 0, hash: 'f'.repeat(64) }));
    expect(await empty.log.verify()).toEqual({ ok: false, brokenAt: 1 });
  });

  it('after a good verdict, only the entries since are checked, and a break among them is found', async () => {
    const { vault, log } = await logWith(3);
    expect(await log.verify()).toEqual({ ok: true });
    await log.append({ action: 'lock', outcome: 'ok' });
    await log.append({ action: 'unlock', outcome: 'ok' });
    expect(await log.verify()).toEqual({ ok: true });
    await log.append({ action: 'copy', outcome: 'ok' });
    await log.append({ action: 'copy', outcome: 'ok' });
    // The first entry after the verified point is gone: the break is right after it.
    vault.tamper((d) => void d.audit.splice(5, 1));
    expect(await log.verify()).toEqual({ ok: false, brokenAt: 6 });
  });

  it('an entry edited after it was verified is found on the next check', async () => {
    const { vault, log } = await logWith(4);
    expect(await log.verify()).toEqual({ ok: true });
    vault.tamper((d) => {
      d.audit[1]!.outcome = 'edited';
    });
    expect(await log.verify()).toEqual({ ok: false, brokenAt: 2 });
  });
});

describe('entries as the window sees them', () => {
  it('a detail is kept as given when no redactor is configured; a view carries only the fields an entry has', async () => {
    const clock = new FakeClock();
    const vault = new FakeVaultAccess();
    const log = new AuditLog(vault, clock);
    const entry = await log.append({ action: 'account', outcome: 'ok', detail: 'renamed' });
    expect(entry.detail).toBe('renamed');
    expect(toAuditView(entry)).toEqual({ seq: 1, at: clock.now(), action: 'account', outcome: 'ok', detail: 'renamed' });
    const bare = await log.append({ action: 'lock', outcome: 'ok' });
    expect(Object.keys(toAuditView(bare)).sort()).toEqual(['action', 'at', 'outcome', 'seq']);
    const full = await log.append({ action: 'copy', outcome: 'ok', accountLabel: 'prod', tokenPreview: 'abcd…', accountId: 'a', tokenId: 't' });
    expect(toAuditView(full)).toEqual({ seq: 3, at: clock.now(), action: 'copy', outcome: 'ok', accountLabel: 'prod', tokenPreview: 'abcd…' });
  });
});
