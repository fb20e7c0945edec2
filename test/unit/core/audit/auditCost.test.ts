import { describe, expect, it } from 'vitest';
import { AuditLog, type AuditVault } from '../../../../main/core/audit/AuditLog.js';
import type { SegmentMeta } from '../../../../main/core/vault/storeMeta.js';
import type { Vault } from '../../../../main/core/vault/Vault.js';
import type { VaultAuditStore } from '../../../../main/core/vault/VaultAuditStore.js';
import { turns, waitUntil } from '../../../integration/providers/support.js';
import { TEST_PASSWORD, useVaultHarness } from '../../../support/vaultHarness.js';

/**
 * What a page or a verification costs in closed journals read: the newest page must not read the
 * archive, and a second look must not read it again (one action's cost must not grow with history).
 * The real vault, seen through a wrapper that records each closed journal read.
 */
const h = useVaultHarness(() => ({ compaction: { records: 40, bytes: 1 << 30 }, auditWindow: 30 }));
const N = 200;

function counted(vault: Vault): { vault: AuditVault; reads: string[] } {
  const reads: string[] = [];
  const auditStore = (): VaultAuditStore => {
    const store = vault.auditStore();
    return {
      segments: () => store.segments(),
      readSegment: (s: SegmentMeta) => {
        reads.push(s.file);
        return store.readSegment(s);
      },
    };
  };
  const wrapped = new Proxy(vault, {
    get(target, key) {
      if (key === 'auditStore') return auditStore;
      const v: unknown = Reflect.get(target, key, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { vault: wrapped as AuditVault, reads };
}

async function filled(): Promise<void> {
  await h.vault.create(TEST_PASSWORD);
  const log = new AuditLog(h.vault, h.clock);
  for (let i = 1; i <= N; i++) await log.append({ action: 'copy', outcome: 'ok', tokenId: `t${i}` });
  await h.vault.compact();
  await h.vault.lock();
}

describe('the audit trail reads closed journals only when it must', () => {
  it('unlocking starts the full verification in the background, reading each closed journal once', async () => {
    await filled();
    const c = counted(h.vault);
    const log = new AuditLog(c.vault, h.clock);
    await h.vault.unlock(TEST_PASSWORD);
    const withAudit = h.vault.auditStore().segments().filter((s) => s.audit !== null).length;
    expect(withAudit).toBeGreaterThan(3);
    // Nothing asked for a page or a verdict: the reads are the background verification's.
    // Many turns: each read is real file I/O, and under Stryker (instrumented, niced, on a loaded machine)
    // 10,000 turns ran out before the last journal was read, failing the dry run.
    await waitUntil(() => c.reads.length >= withAudit, 1_000_000);
    expect(c.reads).toHaveLength(withAudit);
    expect(new Set(c.reads).size).toBe(withAudit);
    // The verdict is then known: asking again reads nothing.
    expect(await log.verify()).toEqual({ ok: true });
    expect(c.reads).toHaveLength(withAudit);
    // A log made while the vault is locked does not start anything.
    await h.vault.lock();
    const idle = counted(h.vault);
    new AuditLog(idle.vault, h.clock).startVerification();
    await turns(50);
    expect(idle.reads).toEqual([]);
  });

  it('the newest page reads no closed journal; a deep page reads only the ones it shows, and keeps the two newest', async () => {
    await filled();
    await h.vault.unlock(TEST_PASSWORD);
    const c = counted(h.vault);
    const log = new AuditLog(c.vault, h.clock);
    expect(await log.verify()).toEqual({ ok: true });
    const afterVerify = c.reads.length;

    expect((await log.page({ offset: 0, limit: 20 })).entries.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => N - i));
    expect(c.reads.length).toBe(afterVerify);

    // Entries 101–110: in one closed journal, which is read once and then served from the cache.
    const deep = await log.page({ offset: 90, limit: 10 });
    expect(deep.entries.map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => 110 - i));
    const readForDeep = c.reads.slice(afterVerify);
    expect(readForDeep.length).toBeGreaterThan(0);
    expect(readForDeep.length).toBeLessThanOrEqual(2);
    await log.page({ offset: 90, limit: 10 });
    expect(c.reads.length).toBe(afterVerify + readForDeep.length);

    // The cache keeps two closed journals: one more read keeps the first; a third pushes it out.
    await log.page({ offset: 150, limit: 5 });
    const withTwo = c.reads.length;
    await log.page({ offset: 90, limit: 10 });
    expect(c.reads.length).toBe(withTwo);
    await log.page({ offset: 190, limit: 5 });
    const before = c.reads.length;
    await log.page({ offset: 90, limit: 10 });
    expect(c.reads.length).toBe(before + readForDeep.length);
  });

  it('a page does not read journals past the ones it needs, even with a filter that matches nothing there', async () => {
    await filled();
    await h.vault.unlock(TEST_PASSWORD);
    const c = counted(h.vault);
    const log = new AuditLog(c.vault, h.clock);
    await log.verify();
    const afterVerify = c.reads.length;
    // Exactly the entries of the newest closed journal(s) before the window, skipped whole by their counts.
    const page = await log.page({ offset: 60, limit: 5 });
    expect(page.total).toBe(N);
    expect(page.entries.map((e) => e.seq)).toEqual([140, 139, 138, 137, 136]);
    expect(c.reads.length - afterVerify).toBeLessThanOrEqual(1);
    // Filtered to an action the trail never recorded: nothing is read at all.
    const none = await log.page({ offset: 0, limit: 50, action: 'reveal' });
    expect(none).toMatchObject({ total: 0, entries: [] });
    expect(c.reads.length - afterVerify).toBeLessThanOrEqual(1);
  });

  it('a closed journal that holds no audit entry is skipped: totals and pages stay right', async () => {
    await filled();
    await h.vault.unlock(TEST_PASSWORD);
    // An update without an audit entry, then a compaction: the newest closed journal has no trail in it.
    await h.vault.update((d) => void (d.oceanExpirations['p|0xabc'] = [60]));
    await h.vault.compact();
    expect(h.vault.auditStore().segments().at(-1)?.audit).toBeNull();
    const log = new AuditLog(h.vault, h.clock);
    const page = await log.page({ offset: 0, limit: 5 });
    expect(page.total).toBe(N);
    expect(page.entries.map((e) => e.seq)).toEqual([200, 199, 198, 197, 196]);
    expect((await log.page({ offset: 195, limit: 10 })).entries.map((e) => e.seq)).toEqual([5, 4, 3, 2, 1]);
    expect(page.chain).toEqual({ ok: true });
  });
});
