import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../../main/core/log.js';
import { listBackups, openBackup, resealBackups } from '../../../../main/core/vault/vaultBackups.js';
import { decodeVaultFile } from '../../../../main/core/vault/vaultFileDecode.js';
import { encodeVaultFile } from '../../../../main/core/vault/vaultFormat.js';
import type { VaultFile } from '../../../../main/core/vault/VaultFile.js';
import { TEST_PASSWORD, makeHarness, useVaultHarness } from '../../../support/vaultHarness.js';

/** vaultBackups' functions over a real vault's backups (the vault's use of them: backups.test.ts). */
const h = useVaultHarness();

async function withBackups(n: number): Promise<void> {
  await h.vault.create(TEST_PASSWORD);
  for (let i = 1; i <= n; i++) {
    h.clock.advance(1000);
    await h.vault.update((d) => void (d.oceanExpirations['n'] = [i]));
    await h.vault.compact();
  }
}

const failure = (p: Promise<unknown>): Promise<string> => p.then(() => 'resolved', (e: Error & { code?: string }) => `${String(e.code)}: ${e.message}`);

describe('listBackups', () => {
  it('lists each backup newest first, with an id from its content, its time and size; a damaged one is left out', async () => {
    await withBackups(3);
    const list = await listBackups(h.file);
    const stored = await h.file.backups();
    expect(list).toHaveLength(stored.length);
    expect(list.map((b) => b.createdAt)).toEqual([...list.map((b) => b.createdAt)].sort((a, b) => b - a));
    expect(list.every((b) => /^b[0-9a-f]{20}$/.test(b.id))).toBe(true);
    expect(new Set(list.map((b) => b.id)).size).toBe(list.length);
    expect(list.map((b) => b.bytes).sort()).toEqual(stored.map((b) => b.bytes.length).sort());
    expect(list.map((b) => b.createdAt).sort()).toEqual(stored.map((b) => decodeVaultFile(b.bytes).writtenAt).sort());
    // Backups stored oldest first still list newest first.
    const reversed: VaultFile = { ...h.file, backups: async () => [...stored].reverse() } as unknown as VaultFile;
    expect(await listBackups(reversed)).toEqual(list);
    const withDamage: VaultFile = { ...h.file, backups: async () => [...stored, { name: 'vault.json.bak9', bytes: Buffer.from('garbage') }] } as unknown as VaultFile;
    expect(await listBackups(withDamage)).toEqual(list);
  });
});

describe('openBackup', () => {
  it('opens the backup with the id given, with its password', async () => {
    await withBackups(2);
    const [newest] = await listBackups(h.file);
    const { backup, opened } = await openBackup(h.file, newest!.id, TEST_PASSWORD);
    expect(decodeVaultFile(backup.bytes).writtenAt).toBe(newest!.createdAt);
    expect(opened.dataKey).toHaveLength(32);
  });

  it('an id no backup has: NOT_FOUND saying to refresh; a wrong password: BAD_PASSWORD saying which password opens it', async () => {
    await withBackups(1);
    expect(await failure(openBackup(h.file, 'b00000000000000000000', TEST_PASSWORD))).toBe('NOT_FOUND: That backup no longer exists. Refresh the list of backups.');
    const [b] = await listBackups(h.file);
    expect(await failure(openBackup(h.file, b!.id, 'wrong password here'))).toBe(
      'BAD_PASSWORD: That password does not open this backup. If you changed your master password since it was made, use the one you had then.',
    );
  });
});

describe('resealBackups', () => {
  const lines: string[] = [];
  const logger: Logger = { debug: () => undefined, info: () => undefined, error: () => undefined, warn: (msg, fields) => void lines.push(`${msg} ${String(fields?.['backup'])}`) };

  it('leaves a damaged backup and one of another vault as they are, and logs one it could not replace', async () => {
    await withBackups(2);
    const other = await makeHarness();
    try {
      await other.vault.create(TEST_PASSWORD);
      await other.vault.update((d) => void (d.oceanExpirations['o'] = [1]));
      await other.vault.compact();
      const foreign = (await other.file.backups())[0]!;
      const stored = await h.file.backups();
      const replaced: string[] = [];
      const file = {
        ...h.file,
        backups: async () => [...stored, { name: 'vault.json.bak8', bytes: Buffer.from('garbage') }, { name: 'vault.json.bak9', bytes: foreign.bytes }],
        replaceBackup: async (name: string) => {
          replaced.push(name);
          if (name === stored[0]!.name) throw new Error('disk full');
        },
      } as unknown as VaultFile;
      const { opened } = await openBackup(h.file, (await listBackups(h.file))[0]!.id, TEST_PASSWORD);
      const count = await resealBackups(file, { material: opened.material, dataKey: opened.dataKey }, logger);
      expect(replaced).toEqual(stored.map((b) => b.name));
      expect(count).toBe(stored.length - 1);
      expect(lines).toEqual([`backup not re-sealed ${stored[0]!.name}`]);
    } finally {
      await other.cleanup();
    }
  });
});

describe('backups at the edges of their keys', () => {
  const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

  it('a backup of this vault under another data key (from before one key for life) is left as it is', async () => {
    await withBackups(1);
    const [stored] = await h.file.backups();
    const c = decodeVaultFile(stored!.bytes);
    const olderKey = encodeVaultFile({ ...c, keyCheck: Buffer.alloc(c.keyCheck.length, 1) });
    const replaced: string[] = [];
    const file = {
      ...h.file,
      backups: async () => [{ name: 'vault.json.bak7', bytes: olderKey }],
      replaceBackup: async (name: string) => void replaced.push(name),
    } as unknown as VaultFile;
    const { opened } = await openBackup(h.file, (await listBackups(h.file))[0]!.id, TEST_PASSWORD);
    expect(await resealBackups(file, { material: opened.material, dataKey: opened.dataKey }, quiet)).toBe(0);
    expect(replaced).toEqual([]);
  });

  it('a backup whose payload is damaged is VAULT_DAMAGED with the right password, not a wrong password', async () => {
    await withBackups(1);
    const [stored] = await h.file.backups();
    const c = decodeVaultFile(stored!.bytes);
    const ct = Buffer.from(c.payload.ct);
    ct[0] = ct[0]! ^ 0x01;
    const damagedBackup = encodeVaultFile({ ...c, payload: { ...c.payload, ct } });
    const file = { ...h.file, backups: async () => [{ name: 'vault.json.bak1', bytes: damagedBackup }] } as unknown as VaultFile;
    const [listed] = await listBackups(file);
    expect(await failure(openBackup(file, listed!.id, TEST_PASSWORD))).toMatch(/^VAULT_DAMAGED: /);
  });
});
