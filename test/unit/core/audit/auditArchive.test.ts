import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditAction } from '../../../../preload/contract.js';
import { AuditLog } from '../../../../main/core/audit/AuditLog.js';
import { decodeVaultFile } from '../../../../main/core/vault/vaultFileDecode.js';
import { openWithPassword } from '../../../../main/core/vault/vaultCrypto.js';
import { TEST_PASSWORD, useVaultHarness } from '../../../support/vaultHarness.js';

// Compacted every 40 records, so 330 entries span several closed journals (segments) and the window.
const h = useVaultHarness(() => ({ compaction: { records: 40, bytes: 1 << 30 }, auditWindow: 60 }));
const ACTIONS: AuditAction[] = ['copy', 'reveal', 'mint', 'revoke'];
const N = 330;

async function filled(): Promise<{ log: AuditLog; expected: Array<{ seq: number; action: AuditAction; accountId: string }> }> {
  await h.vault.create(TEST_PASSWORD);
  const log = new AuditLog(h.vault, h.clock);
  const expected: Array<{ seq: number; action: AuditAction; accountId: string }> = [];
  for (let i = 1; i <= N; i++) {
    const action = ACTIONS[i % 4]!;
    const accountId = `acc-${i % 3}`;
    await log.append({ action, outcome: 'ok', accountId });
    expected.push({ seq: i, action, accountId });
  }
  return { log, expected };
}

const newest = (list: Array<{ seq: number }>, offset: number, limit: number): number[] =>
  list.map((e) => e.seq).reverse().slice(offset, offset + limit);

describe('the audit trail across closed journals', () => {
  it('pages newest first at any offset, filtered by action, account or both, and verifies', async () => {
    const { log, expected } = await filled();
    await h.vault.compact();
    const segments = h.vault.auditStore().segments();
    expect(segments.length).toBeGreaterThan(5);
    expect(h.vault.read().audit.length).toBeLessThan(N);

    for (const [offset, limit] of [[0, 50], [45, 10], [120, 80], [300, 50], [329, 5]] as const) {
      const page = await log.page({ offset, limit });
      expect(page.total).toBe(N);
      expect(page.entries.map((e) => e.seq), `offset ${offset}`).toEqual(newest(expected, offset, limit));
    }
    for (const q of [{ action: 'copy' as const }, { accountId: 'acc-1' }, { action: 'mint' as const, accountId: 'acc-2' }]) {
      const want = expected.filter((e) => (q.action === undefined || e.action === q.action) && (!('accountId' in q) || e.accountId === q.accountId));
      for (const offset of [0, 17, 60]) {
        const page = await log.page({ offset, limit: 25, ...q });
        expect(page.total, JSON.stringify(q)).toBe(want.length);
        expect(page.entries.map((e) => e.seq), JSON.stringify({ q, offset })).toEqual(newest(want, offset, 25));
      }
    }
    expect(await log.verify()).toEqual({ ok: true });

    // After a restart the same, from the files alone.
    await h.vault.lock();
    const again = h.reopen();
    await again.unlock(TEST_PASSWORD);
    const log2 = new AuditLog(again, h.clock);
    expect((await log2.page({ offset: 200, limit: 3 })).entries.map((e) => e.seq)).toEqual([130, 129, 128]);
    expect(await log2.verify()).toEqual({ ok: true });
  });

  it('shows an edited closed journal as a broken chain at its first entry; the vault still opens', async () => {
    const { log } = await filled();
    await h.vault.compact();
    const [first, second] = h.vault.auditStore().segments().filter((s) => s.audit);
    expect(await log.verify()).toEqual({ ok: true });
    await h.vault.lock();
    const path = join(h.dir, second!.file);
    const bytes = await readFile(path);
    bytes[bytes.length - 30] = bytes[bytes.length - 30]! ^ 0x40;
    await writeFile(path, bytes);

    const again = h.reopen();
    await again.unlock(TEST_PASSWORD);
    const log2 = new AuditLog(again, h.clock);
    expect(await log2.verify()).toEqual({ ok: false, brokenAt: first!.audit!.last + 1 });
    // Pages that do not need the damaged file still read.
    expect((await log2.page({ offset: 0, limit: 5 })).entries).toHaveLength(5);
  });

  it('keeps every closed journal a backup needs: each backup opens with its own', async () => {
    await filled();
    const names = await readdir(h.dir);
    for (const b of await h.file.backups()) {
      const opened = await openWithPassword(decodeVaultFile(b.bytes), TEST_PASSWORD);
      expect(names).toContain(opened.journalName);
      for (const s of opened.store!.segments) expect(names).toContain(s.file);
    }
  });
});

describe('a verdict after more entries than the window keeps', () => {
  it('walks the journals closed since the last check, not a gap between it and the window', async () => {
    await h.vault.create(TEST_PASSWORD);
    const log = new AuditLog(h.vault, h.clock);
    for (let i = 0; i < 50; i++) await log.append({ action: 'copy', outcome: 'ok' });
    await h.vault.compact();
    await h.vault.lock();
    await h.vault.unlock(TEST_PASSWORD);
    expect(await log.verify()).toEqual({ ok: true });
    // 100 more than the window's 60, compacted: the window now starts well past the unlock's verdict.
    for (let i = 0; i < 100; i++) await log.append({ action: 'copy', outcome: 'ok' });
    await h.vault.compact();
    expect(h.vault.read().audit[0]!.seq).toBeGreaterThan(51);
    expect(await log.verify()).toEqual({ ok: true });
    expect((await log.page({ offset: 0, limit: 1 })).chain).toEqual({ ok: true });
  });
});

describe('a closed journal that ended in a torn record', () => {
  it('still verifies: the torn bytes past its recorded end were never acknowledged', async () => {
    await h.vault.create(TEST_PASSWORD);
    const log = new AuditLog(h.vault, h.clock);
    for (let i = 0; i < 3; i++) await log.append({ action: 'copy', outcome: 'ok' });
    await h.vault.lock();
    // A crash mid-append leaves half a record; the next session closes the journal without appending.
    const name = decodeVaultFile(await readFile(h.file.path)).journal!;
    const bytes = await readFile(join(h.dir, name));
    await writeFile(join(h.dir, name), Buffer.concat([bytes, bytes.subarray(0, 20)]));
    const again = h.reopen();
    await again.unlock(TEST_PASSWORD);
    await again.compact();
    const log2 = new AuditLog(again, h.clock);
    expect((await log2.page({ offset: 0, limit: 10 })).entries.map((e) => e.seq)).toEqual([3, 2, 1]);
    expect(await log2.verify()).toEqual({ ok: true });
  });
});
