import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../../main/core/audit/AuditLog.js';
import { openWithPassword } from '../../../../main/core/vault/vaultCrypto.js';
import { decodeVaultFile } from '../../../../main/core/vault/vaultFileDecode.js';
import { FIXTURE_V1 } from '../../../fixtures/vault-v1/fixtureV1.js';
import { FORMAT1_FIXTURE as FIXTURE, format1With } from '../../../support/format1Vault.js';
import { useVaultHarness } from '../../../support/vaultHarness.js';

const h = useVaultHarness(() => ({ kdf: FIXTURE_V1.kdf }));

const CURRENT = 'the password of the current vault';
const format1Copies = async (): Promise<string[]> => (await readdir(h.dir)).filter((f) => f.startsWith('vault.json.format1-'));
const logged = (msg: string) => h.logged(msg);

async function restoreFrom(bytes: Buffer, password: string): Promise<void> {
  await writeFile(h.file.backupPath(1), bytes);
  const listed = await h.vault.backups();
  const backup = listed.find((b) => b.bytes === bytes.length);
  await h.vault.restoreBackup(backup!.id, password);
}

describe('restoring a format-1 backup', () => {
  it('with a trail: keeps the backup as it was beside the vault and moves the trail into a closed journal', async () => {
    await h.vault.create(CURRENT);
    await restoreFrom(await readFile(FIXTURE), FIXTURE_V1.password);
    const kept = await format1Copies();
    expect(kept).toHaveLength(1);
    expect((await readFile(join(h.dir, kept[0]!))).equals(await readFile(FIXTURE))).toBe(true);
    // The trail lives in a segment now, not in the sealed payload.
    expect(h.vault.auditStore().segments().map((s) => s.audit?.count)).toEqual([9]);
    expect(decodeVaultFile(await readFile(h.file.path)).version).toBe(2);
  });

  it('without a trail: becomes format 2 with no segment and no copy of the old file, and opens again', async () => {
    await h.vault.create(CURRENT);
    await restoreFrom(await format1With(() => []), FIXTURE_V1.password);
    expect(await format1Copies()).toEqual([]);
    expect(h.vault.auditStore().segments()).toEqual([]);
    expect(h.vault.read().tokens).toEqual(FIXTURE_V1.tokens);
    expect(decodeVaultFile(await readFile(h.file.path)).version).toBe(2);
    expect(logged('backup journal kept as a segment')).toEqual([]);
    await h.vault.lock();
    const again = h.reopen();
    await again.unlock(FIXTURE_V1.password);
    expect(again.read().accounts).toEqual(FIXTURE_V1.accounts);
  });
});

describe('restoring a format-2 backup', () => {
  it('whose sealed payload holds audit entries: replays its journal, migrates nothing, and logs the journal kept as a segment', async () => {
    await h.vault.create(CURRENT);
    const log = new AuditLog(h.vault, h.clock);
    await log.append({ action: 'copy', outcome: 'ok', tokenId: 't-1' });
    await log.append({ action: 'copy', outcome: 'ok', tokenId: 't-2' });
    // A new generation: its payload carries the two entries (the audit window), its journal starts empty.
    await h.vault.compact();
    await h.vault.update((d) => void (d.oceanExpirations['n'] = [7]));
    await log.append({ action: 'copy', outcome: 'ok', tokenId: 't-3' });
    await h.vault.compact();
    // The newest backup is the generation above, with its journal of 2 records (the update, the entry).
    const [newest] = await h.vault.backups();
    const backupBytes = (await h.file.backups())[0]!.bytes;
    const opened = await openWithPassword(decodeVaultFile(backupBytes), CURRENT);
    expect(opened.version).toBe(2);
    expect(opened.data.audit.length).toBeGreaterThan(0);
    expect(opened.data.oceanExpirations['n']).toBeUndefined();
    h.logLines.length = 0;

    await h.vault.restoreBackup(newest!.id, CURRENT);
    expect(h.vault.read().oceanExpirations['n']).toEqual([7]);
    expect(await format1Copies()).toEqual([]);
    expect(logged('backup journal kept as a segment')).toMatchObject([{ records: 2 }]);
    expect(logged('vault migrated to format 2')).toEqual([]);
  });
});
