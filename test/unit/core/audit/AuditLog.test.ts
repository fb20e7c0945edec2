import { describe, expect, it } from 'vitest';
import { appendEntry, GENESIS_HASH, hashEntry, verifyChain } from '../../../../main/core/audit/auditChain.js';
import { AuditLog } from '../../../../main/core/audit/AuditLog.js';
import { canonicalJson } from '../../../../main/core/audit/canonicalJson.js';
import { createAuditService } from '../../../../main/core/audit/createAuditService.js';
import { emptyVaultData } from '../../../../main/core/vault/vaultRecords.js';
import type { AuditService } from '../../../../main/core/services.js';
import { FakeClock } from '../../../support/FakeClock.js';
import { FakeVaultAccess } from '../../../support/FakeVaultAccess.js';

async function logWith(n: number) {
  const clock = new FakeClock();
  const vault = new FakeVaultAccess();
  const log = new AuditLog(vault, clock);
  for (let i = 0; i < n; i++) {
    await log.append({ action: i % 2 ? 'copy' : 'mint', outcome: 'ok', accountId: i % 3 ? 'a' : 'b', accountLabel: 'Acc', tokenPreview: `abcd…${i}` });
    clock.advance(1000);
  }
  return { clock, vault, log };
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined }], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[2,{"z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
});

describe('audit chain', () => {
  it('chains sha256(prevHash + canonical entry) from 64 zeros, seq from 1', async () => {
    const { vault } = await logWith(3);
    const [first, second] = vault.read().audit;
    const { hash, ...body } = first!;
    expect(first!.seq).toBe(1);
    expect(hash).toBe(hashEntry(GENESIS_HASH, body));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const { hash: h2, ...body2 } = second!;
    expect(h2).toBe(hashEntry(hash, body2));
    expect(vault.read().auditHead).toEqual({ seq: 3, hash: vault.read().audit[2]!.hash });
  });

  it('verifies an intact log, and one written before the head existed', async () => {
    const { vault, log } = await logWith(5);
    expect(await log.verify()).toEqual({ ok: true });
    expect(verifyChain(vault.read().audit)).toEqual({ ok: true });
    expect(verifyChain([])).toEqual({ ok: true });
  });

  it('detects an edited entry', async () => {
    const { vault, log } = await logWith(5);
    vault.tamper((d) => {
      d.audit[2]!.outcome = 'NETWORK';
    });
    expect(await log.verify()).toEqual({ ok: false, brokenAt: 3 });
  });

  it('detects an edited entry whose own hash was recomputed (the next link breaks)', async () => {
    const { vault, log } = await logWith(5);
    vault.tamper((d) => {
      const e = d.audit[1]!;
      e.at += 1;
      const { hash: _old, ...body } = e;
      e.hash = hashEntry(d.audit[0]!.hash, body);
    });
    expect(await log.verify()).toEqual({ ok: false, brokenAt: 3 });
  });

  it('detects a removed entry in the middle, at the start and at the end', async () => {
    const middle = await logWith(5);
    middle.vault.tamper((d) => void d.audit.splice(2, 1));
    expect(await middle.log.verify()).toEqual({ ok: false, brokenAt: 3 });

    const start = await logWith(5);
    start.vault.tamper((d) => void d.audit.shift());
    expect(await start.log.verify()).toEqual({ ok: false, brokenAt: 1 });

    const end = await logWith(5);
    end.vault.tamper((d) => void d.audit.pop());
    expect(await end.log.verify()).toEqual({ ok: false, brokenAt: 5 });

    const renumbered = await logWith(5);
    renumbered.vault.tamper((d) => {
      d.audit.splice(1, 1);
      d.audit.forEach((e, i) => (e.seq = i + 1));
    });
    expect(await renumbered.log.verify()).toEqual({ ok: false, brokenAt: 2 });
  });

  it('detects entries added without going through the log', async () => {
    const { vault, log } = await logWith(3);
    vault.tamper((d) => {
      const head = d.auditHead;
      appendEntry(d, { action: 'mint', outcome: 'ok' }, 1);
      d.auditHead = head;
    });
    expect(await log.verify()).toEqual({ ok: false, brokenAt: 4 });
  });

  it('appends inside a caller\'s update, and not at all if that update fails', async () => {
    const clock = new FakeClock();
    const vault = new FakeVaultAccess();
    const log = new AuditLog(vault, clock, (t) => t.replace('secret-value', '[redacted]'));
    await vault.update((d) => log.appendIn(d, { action: 'account', outcome: 'ok', detail: 'x secret-value y' + 'z'.repeat(500) }));
    vault.failPersist = true;
    await expect(log.append({ action: 'lock', outcome: 'ok' })).rejects.toThrow();
    vault.failPersist = false;
    const entries = vault.read().audit;
    expect(entries).toHaveLength(1);
    expect(entries[0]!.detail!.startsWith('x [redacted] y')).toBe(true);
    expect(entries[0]!.detail!.length).toBe(200);
    expect(entries[0]!.at).toBe(clock.now());
  });
});

describe('audit page', () => {
  it('returns a page, newest first, filtered, with total and the chain verdict', async () => {
    const { log, vault } = await logWith(10);
    const service: AuditService = createAuditService(log);
    const page = await service.page({ offset: 0, limit: 3 });
    expect(page.total).toBe(10);
    expect(page.entries.map((e) => e.seq)).toEqual([10, 9, 8]);
    expect(page.chain).toEqual({ ok: true });
    expect(Object.keys(page.entries[0]!).sort()).toEqual(['accountLabel', 'action', 'at', 'outcome', 'seq', 'tokenPreview']);

    const copies = await service.page({ offset: 1, limit: 2, action: 'copy' });
    expect(copies.total).toBe(5);
    expect(copies.entries.map((e) => e.seq)).toEqual([8, 6]);
    const forB = await service.page({ offset: 0, limit: 100, accountId: 'b' });
    expect(forB.entries.map((e) => e.seq)).toEqual([10, 7, 4, 1]);

    vault.tamper((d) => void d.audit.splice(4, 1));
    expect((await service.page({ offset: 0, limit: 1 })).chain).toEqual({ ok: false, brokenAt: 5 });
  });

  it('clamps absurd paging values', async () => {
    const { log } = await logWith(3);
    const page = await log.page({ offset: -5, limit: 1e9 });
    expect(page.entries).toHaveLength(3);
    expect((await log.page({ offset: 0, limit: -1 })).entries).toEqual([]);
  });

  it('answers LOCKED while the vault is locked', async () => {
    const vault = new FakeVaultAccess(emptyVaultData(), { unlocked: false });
    const log = new AuditLog(vault, new FakeClock());
    await expect(createAuditService(log).page({ offset: 0, limit: 10 })).rejects.toMatchObject({ code: 'LOCKED' });
  });
});
