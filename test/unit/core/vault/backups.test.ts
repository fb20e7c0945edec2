import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openWithPassword } from '../../../../main/core/vault/vaultCrypto.js';
import { decodeVaultFile } from '../../../../main/core/vault/vaultFileDecode.js';
import { codeOf, TEST_PASSWORD, useVaultHarness } from '../../../support/vaultHarness.js';

const setN = (n: number) => (d: { oceanExpirations: Record<string, number[]> }) => void (d.oceanExpirations['n'] = [n]);

const h = useVaultHarness();
beforeEach(() => h.vault.create(TEST_PASSWORD));

/**
 * Backups are earlier generations of the vault file. An update is a journal append; a new generation
 * comes with compaction (or an account change), so each step here is an update and a compaction.
 */
async function step(n: number): Promise<void> {
  await h.vault.update(setN(n));
  await h.vault.compact();
}

const notJournals = (names: string[]): string[] => names.filter((f) => !f.includes('.j-')).sort();

describe('backups', () => {
  it('keeps the last 3 good versions, 0600, newest first, each of which opens', async () => {
    for (let n = 1; n <= 5; n++) {
      h.clock.advance(1000);
      await step(n);
    }
    const list = await h.vault.backups();
    expect(list).toHaveLength(3);
    expect(list.map((b) => b.createdAt)).toEqual([...list.map((b) => b.createdAt)].sort((a, b) => b - a));
    for (let i = 1; i <= 3; i++) expect((await stat(h.file.backupPath(i))).mode & 0o777).toBe(0o600);
    // bak1 holds the version before the current one (n = 4), bak3 the oldest kept (n = 2).
    const seen: number[] = [];
    for (const b of await h.file.backups()) {
      const opened = await openWithPassword(decodeVaultFile(b.bytes), TEST_PASSWORD);
      seen.push(opened.data.oceanExpirations['n']![0]!);
    }
    expect(seen).toEqual([4, 3, 2]);
  });

  it('after a password change, re-seals every backup: the old password opens nothing, no version is lost', async () => {
    const NEW = 'a different master password 2026';
    for (let n = 1; n <= 3; n++) {
      h.clock.advance(1000);
      await h.vault.update(setN(n));
    }
    const before = (await h.file.backups()).map((b) => decodeVaultFile(b.bytes));
    await h.vault.changePassword(TEST_PASSWORD, NEW);
    // Every backup (its ledger lives in its journal, which stays as it was) now opens with the new
    // password only.
    const backups = await h.file.backups();
    expect(backups.length).toBeGreaterThan(0);
    for (const b of backups) {
      const contents = decodeVaultFile(b.bytes);
      expect(await codeOf(openWithPassword(contents, TEST_PASSWORD))).toBe('BAD_PASSWORD');
      await openWithPassword(contents, NEW);
    }
    // Their times survive, so the list still reads in the right order.
    const after = (await h.file.backups()).map((b) => decodeVaultFile(b.bytes));
    expect(after.slice(1).map((c) => c.writtenAt)).toEqual(before.slice(0, 2).map((c) => c.writtenAt));
    // Restoring one works with the new password only.
    const [newest] = await h.vault.backups();
    expect(await codeOf(h.vault.restoreBackup(newest!.id, TEST_PASSWORD))).toBe('BAD_PASSWORD');
    await h.vault.restoreBackup(newest!.id, NEW);
    expect(h.vault.read().oceanExpirations['n']).toEqual([3]);
    expect((await readdir(h.dir)).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('leaves no temp files behind', async () => {
    await step(1);
    await step(2);
    expect(notJournals(await readdir(h.dir))).toEqual(['vault.json', 'vault.json.bak1', 'vault.json.bak2']);
  });

  it('offers the newest backup when the vault file is damaged, restores it, and keeps the damaged file', async () => {
    await step(1);
    await step(2);
    await h.vault.lock();
    const damaged = Buffer.from(await readFile(h.file.path));
    damaged[100] = damaged[100]! ^ 0xff;
    await writeFile(h.file.path, damaged);

    const v = h.reopen();
    expect(await codeOf(v.unlock(TEST_PASSWORD))).toBe('VAULT_DAMAGED');
    const [newest] = await v.backups();
    expect(await codeOf(v.restoreBackup(newest!.id, 'wrong password here'))).toBe('BAD_PASSWORD');
    expect(await codeOf(v.restoreBackup('b0000', TEST_PASSWORD))).toBe('NOT_FOUND');
    await v.restoreBackup(newest!.id, TEST_PASSWORD);
    expect(await v.status()).toBe('unlocked');
    // The backup comes with its journal: everything acknowledged until the damaged generation was written.
    expect(v.read().oceanExpirations['n']).toEqual([2]);

    const kept = (await readdir(h.dir)).filter((f) => f.startsWith('vault.json.aside-'));
    expect(kept).toHaveLength(1);
    expect((await readFile(join(h.dir, kept[0]!))).equals(damaged)).toBe(true);
    // The restored vault is a normal vault again.
    const again = h.reopen();
    await again.unlock(TEST_PASSWORD);
    expect(again.read().oceanExpirations['n']).toEqual([2]);
  });

  it('never rotates a version it did not open or write: a file changed behind its back is set aside', async () => {
    await step(1);
    const backupsBefore = await h.file.backups();
    await writeFile(h.file.path, 'changed by someone else');
    await step(2);
    const after = await h.file.backups();
    expect(after.map((b) => b.bytes.toString('base64'))).toEqual(backupsBefore.map((b) => b.bytes.toString('base64')));
    const kept = (await readdir(h.dir)).filter((f) => f.startsWith('vault.json.aside-'));
    expect(await readFile(join(h.dir, kept[0]!), 'utf8')).toBe('changed by someone else');
  });

  it('a missing vault file with backups left is damage, not a fresh start', async () => {
    await step(1);
    await h.vault.lock();
    await (await import('node:fs/promises')).unlink(h.file.path);
    const v = h.reopen();
    expect(await v.status()).toBe('locked');
    expect(await codeOf(v.unlock(TEST_PASSWORD))).toBe('VAULT_DAMAGED');
    expect(await codeOf(v.create(TEST_PASSWORD))).toBe('ALREADY_INITIALIZED');
    const [newest] = await v.backups();
    await v.restoreBackup(newest!.id, TEST_PASSWORD);
    expect(decodeVaultFile(await readFile(h.file.path)).generation).toBeGreaterThan(0);
  });

  it('restoring while unlocked rotates the current good version into the backups', async () => {
    await step(1);
    await step(2);
    const lockEvents: boolean[] = [];
    h.vault.onLockChange((u) => lockEvents.push(u));
    const oldest = (await h.vault.backups()).at(-1)!;
    await h.vault.restoreBackup(oldest.id, TEST_PASSWORD);
    // The oldest is the file create() wrote, extended by its journal (the first update).
    expect(h.vault.read().oceanExpirations['n']).toEqual([1]);
    expect(lockEvents).toEqual([false, true]);
    const v = h.reopen();
    await v.restoreBackup((await v.backups())[0]!.id, TEST_PASSWORD);
    expect(v.read().oceanExpirations['n']).toEqual([2]);
  });

  it('does not offer a backup that is itself damaged', async () => {
    await step(1);
    await step(2);
    await writeFile(h.file.backupPath(1), 'garbage');
    expect(await h.vault.backups()).toHaveLength(1);
  });
});
