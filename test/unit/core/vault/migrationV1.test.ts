import { copyFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../../main/core/audit/AuditLog.js';
import { decodeVaultFile } from '../../../../main/core/vault/vaultFileDecode.js';
import { FIXTURE_V1 } from '../../../fixtures/vault-v1/fixtureV1.js';
import { codeOf, useVaultHarness } from '../../../support/vaultHarness.js';

const FIXTURE = join(import.meta.dirname, '../../../fixtures/vault-v1/vault.json');
const h = useVaultHarness(() => ({ kdf: FIXTURE_V1.kdf }));

/** The vault written by the format-1 code (test/fixtures/vault-v1) opens with everything it held. */
describe('format-1 vault (checked-in fixture)', () => {
  it('opens with its password and holds its accounts, tokens, audit trail and ledger', async () => {
    await copyFile(FIXTURE, h.file.path);
    expect(await codeOf(h.vault.unlock('not the fixture password'))).toBe('BAD_PASSWORD');
    await h.vault.unlock(FIXTURE_V1.password);
    const data = h.vault.read();
    expect(data.accounts).toEqual(FIXTURE_V1.accounts);
    expect(data.tokens).toEqual(FIXTURE_V1.tokens);
    expect(data.oceanExpirations).toEqual(FIXTURE_V1.oceanExpirations);
    const log = new AuditLog(h.vault, h.clock);
    const page = await log.page({ offset: 0, limit: 100 });
    // 2 accounts, 3 × (mint + copy), the lock.
    expect(page.total).toBe(9);
    expect(page.entries.map((e) => e.action)).toEqual(['lock', 'copy', 'mint', 'copy', 'mint', 'copy', 'mint', 'account', 'account']);
    expect(page.chain).toEqual({ ok: true });
  });
});

describe('migrating a format-1 vault on first unlock', () => {
  it('rewrites it as format 2, keeps the old file, and opens again with everything', async () => {
    await copyFile(FIXTURE, h.file.path);
    const original = await readFile(FIXTURE);
    await h.vault.unlock(FIXTURE_V1.password);
    const current = decodeVaultFile(await readFile(h.file.path));
    expect(current.version).toBe(2);
    const kept = (await readdir(h.dir)).filter((f) => f.startsWith('vault.json.format1-'));
    expect(kept).toHaveLength(1);
    expect((await readFile(join(h.dir, kept[0]!))).equals(original)).toBe(true);
    // The trail moved into a closed journal; an update after it is an append.
    expect(h.vault.auditStore().segments().map((s) => s.audit?.count)).toEqual([9]);
    const log = new AuditLog(h.vault, h.clock);
    await log.append({ action: 'copy', outcome: 'ok', tokenId: 'tok-1' });
    await h.vault.lock();

    const again = h.reopen();
    await again.unlock(FIXTURE_V1.password);
    expect(again.read().accounts).toEqual(FIXTURE_V1.accounts);
    expect(again.read().tokens).toEqual(FIXTURE_V1.tokens);
    expect(again.read().oceanExpirations).toEqual(FIXTURE_V1.oceanExpirations);
    const log2 = new AuditLog(again, h.clock);
    const page = await log2.page({ offset: 0, limit: 100 });
    expect(page.entries.map((e) => e.action)).toEqual(['copy', 'lock', 'copy', 'mint', 'copy', 'mint', 'copy', 'mint', 'account', 'account']);
    expect(page.chain).toEqual({ ok: true });
    expect((await readdir(h.dir)).filter((f) => f.startsWith('vault.json.format1-'))).toEqual(kept);
  });

  it('a wrong password migrates nothing and leaves the file as it was', async () => {
    await copyFile(FIXTURE, h.file.path);
    expect(await codeOf(h.vault.unlock('wrong password for the fixture'))).toBe('BAD_PASSWORD');
    expect((await readFile(h.file.path)).equals(await readFile(FIXTURE))).toBe(true);
    expect(await readdir(h.dir)).toEqual(['vault.json']);
  });
});

describe('restoring a format-1 backup', () => {
  it('migrates it like a format-1 vault', async () => {
    await h.vault.create('the password of the current vault');
    await copyFile(FIXTURE, h.file.backupPath(1));
    const listed = await h.vault.backups();
    const fixture = listed.find((b) => b.bytes === (original.length));
    await h.vault.restoreBackup(fixture!.id, FIXTURE_V1.password);
    expect(h.vault.read().tokens).toEqual(FIXTURE_V1.tokens);
    expect(decodeVaultFile(await readFile(h.file.path)).version).toBe(2);
    const page = await new AuditLog(h.vault, h.clock).page({ offset: 0, limit: 100 });
    expect(page.total).toBe(9);
    expect(page.chain).toEqual({ ok: true });
  });
});

const original = await readFile(FIXTURE);
