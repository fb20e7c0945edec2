import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../../main/core/audit/AuditLog.js';
import { emptyTail, Journal } from '../../../../main/core/vault/Journal.js';
import { openWithPassword, type OpenedVault } from '../../../../main/core/vault/vaultCrypto.js';
import { decodeVaultFile } from '../../../../main/core/vault/vaultFileDecode.js';
import { SessionFile } from '../../../../main/core/vault/SessionFile.js';
import type { AuditEntry } from '../../../../main/core/vault/vaultRecords.js';
import { FIXTURE_V1 } from '../../../fixtures/vault-v1/fixtureV1.js';
import { FORMAT1_FIXTURE, format1With } from '../../../support/format1Vault.js';
import { codeOf, useVaultHarness } from '../../../support/vaultHarness.js';

/** SessionFile as a vault uses it: replaying the journal at unlock, migrating format 1, writing generations. */
const h = useVaultHarness(() => ({ kdf: FIXTURE_V1.kdf }));
const PASSWORD = 'a password for these session-file tests';

const logged = (msg: string) => h.logged(msg);
const asides = async (): Promise<string[]> => (await readdir(h.dir)).filter((f) => f.startsWith('vault.json.aside-'));

/** The current generation's journal: its path, key and ids (read from the locked vault's file). */
async function currentJournal(): Promise<{ path: string; journal: (key?: Buffer) => Journal }> {
  const contents = decodeVaultFile(await readFile(h.file.path));
  const opened = await openWithPassword(contents, PASSWORD);
  const path = join(h.dir, contents.journal!);
  const ids = { vaultId: opened.material.vaultId, epoch: opened.generation };
  return { path, journal: (key = opened.store!.journalKey) => new Journal(path, ids, key, emptyTail(ids), h.file.fs, randomBytes) };
}

/** A locked vault whose journal is empty: the next records written to it are the test's own. */
async function lockedWithEmptyJournal(): Promise<void> {
  await h.vault.create(PASSWORD);
  await h.vault.lock();
  const { path } = await currentJournal();
  await rm(path, { force: true });
}

describe('replaying the journal at unlock', () => {
  it('a torn last record (a crash mid-append) is dropped with a warning; a whole journal gives none', async () => {
    await h.vault.create(PASSWORD);
    await h.vault.update((d) => void (d.oceanExpirations['k'] = [1]));
    await h.vault.lock();
    let v = h.reopen();
    await v.unlock(PASSWORD);
    expect(v.read().oceanExpirations['k']).toEqual([1]);
    const torn = 'journal ended in a torn record (a crash mid-write); it was never acknowledged and is dropped';
    expect(logged(torn)).toEqual([]);
    await v.lock();

    const { path } = await currentJournal();
    await writeFile(path, Buffer.concat([await readFile(path), Buffer.from([9, 9, 9])]));
    v = h.reopen();
    await v.unlock(PASSWORD);
    expect(v.read().oceanExpirations['k']).toEqual([1]);
    expect(logged(torn)).toHaveLength(1);
  });

  it('names the failing step in the log: journal structure, a record failing authentication, a record that is not operations', async () => {
    const step = async (): Promise<unknown> => {
      h.logLines.length = 0;
      expect(await codeOf(h.reopen().unlock(PASSWORD))).toBe('VAULT_DAMAGED');
      return logged('vault unlock failed').map((l) => l['step']);
    };
    await lockedWithEmptyJournal();
    const { path, journal } = await currentJournal();
    // A record header whose length check fails: damage found by structure alone.
    await writeFile(path, Buffer.from([1, 0, 0, 0, 0, 0, 0, 0]));
    expect(await step()).toEqual(['journal structure']);

    await rm(path);
    const stranger = journal(Buffer.alloc(32, 7));
    await stranger.append(Buffer.from('{"ops":[]}'));
    await stranger.close();
    expect(await step()).toEqual(['journal']);
    expect(logged('vault unlock failed')[0]).toMatchObject({ code: 'VAULT_DAMAGED' });

    await rm(path);
    const own = journal();
    await own.append(Buffer.from('not operations'));
    await own.close();
    expect(await step()).toEqual(['journal']);
  });

  it('a change to a token sealed in the vault file replaces it, never adds a second copy', async () => {
    await h.vault.create(PASSWORD);
    await h.vault.update((d) => void d.tokens.push({ id: 'tok-a', accountId: 'acc', kind: 'azion-session', value: 'v-a', createdAt: 1, expiresAt: 2, state: 'active' }));
    await h.vault.update((d) => void d.tokens.push({ id: 'tok-b', accountId: 'acc', kind: 'azion-session', value: 'v-b', createdAt: 1, expiresAt: 2, state: 'active' }));
    await h.vault.compact();
    await h.vault.update((d) => {
      d.tokens[1]!.state = 'revoked';
    });
    await h.vault.lock();
    const v = h.reopen();
    await v.unlock(PASSWORD);
    expect(v.read().tokens.map((t) => [t.id, t.state])).toEqual([
      ['tok-a', 'active'],
      ['tok-b', 'revoked'],
    ]);
  });

  it("counts the journal's audit entries when it replays them, so the segment it becomes is counted", async () => {
    await h.vault.create(PASSWORD);
    const log = new AuditLog(h.vault, h.clock);
    await log.append({ action: 'copy', outcome: 'ok', tokenId: 't-1' });
    await log.append({ action: 'mint', outcome: 'ok', tokenId: 't-2' });
    await h.vault.update((d) => void (d.oceanExpirations['k'] = [1]));
    await h.vault.lock();
    const v = h.reopen();
    await v.unlock(PASSWORD);
    await v.compact();
    const last = v.auditStore().segments().at(-1)!;
    expect(last.records).toBe(3);
    expect(last.audit?.count).toBe(2);
    expect(last.audit?.of({ action: 'mint' })).toBe(1);
  });
});

describe('closing journals into segments in a live session', () => {
  it('each compaction adds a segment after those before; its counts are of the entries appended live, or null when it has none', async () => {
    await h.vault.create(PASSWORD);
    const log = new AuditLog(h.vault, h.clock);
    await log.append({ action: 'copy', outcome: 'ok', tokenId: 't-1' });
    await log.append({ action: 'mint', outcome: 'ok', tokenId: 't-2' });
    await h.vault.compact();
    await h.vault.update((d) => void (d.oceanExpirations['k'] = [1]));
    await h.vault.compact();
    await log.append({ action: 'copy', outcome: 'ok', tokenId: 't-3' });
    await h.vault.compact();
    const segments = h.vault.auditStore().segments();
    expect(segments.map((s) => [s.records, s.audit?.count ?? null])).toEqual([
      [2, 2],
      [1, null],
      [1, 1],
    ]);
    expect(segments[0]!.audit?.of({ action: 'mint' })).toBe(1);
  });

  it('audit entries recorded with an account change (a new vault file, no journal record) get a segment of their own', async () => {
    await h.vault.create(PASSWORD);
    const log = new AuditLog(h.vault, h.clock);
    await h.vault.update((d) => {
      d.accounts.push({ ...FIXTURE_V1.accounts[0]! });
      log.appendIn(d, { action: 'account', outcome: 'ok', accountId: FIXTURE_V1.accounts[0]!.id, detail: 'added' });
    });
    const segments = h.vault.auditStore().segments();
    expect(segments.map((s) => s.audit?.count)).toEqual([1]);
    expect((await h.vault.auditStore().readSegment(segments[0]!)).map((e) => e.action)).toEqual(['account']);
  });
});

describe('migrating a format-1 vault on unlock', () => {
  const trail = (n: number) => (fixture: AuditEntry[]): AuditEntry[] => Array.from({ length: n }, (_v, i) => ({ ...fixture[i % fixture.length]!, seq: i + 1 }));

  it('cuts a long trail into segments of 1000 entries, each holding its own', async () => {
    await writeFile(h.file.path, await format1With(trail(2500)));
    await h.vault.unlock(FIXTURE_V1.password);
    expect(h.vault.auditStore().segments().map((s) => [s.records > 0, s.audit?.count, s.audit?.first, s.audit?.last])).toEqual([
      [true, 1000, 1, 1000],
      [true, 1000, 1001, 2000],
      [true, 500, 2001, 2500],
    ]);
    expect(logged('vault migrated to format 2')).toMatchObject([{ auditEntries: 2500, segments: 3 }]);
    // 250 entries per record, each entry once, in order.
    const store = h.vault.auditStore();
    expect(store.segments().map((s) => s.records)).toEqual([4, 4, 2]);
    const last = await store.readSegment(store.segments()[2]!);
    expect(last.map((e) => e.seq)).toEqual(Array.from({ length: 500 }, (_v, i) => 2001 + i));
    expect(last.every((e) => typeof e.action === 'string')).toBe(true);
  });

  it('a trail of exactly 1000 makes one segment, and no trail makes none', async () => {
    await writeFile(h.file.path, await format1With(trail(1000)));
    await h.vault.unlock(FIXTURE_V1.password);
    expect(h.vault.auditStore().segments().map((s) => s.audit?.count)).toEqual([1000]);
    await h.vault.lock();

    await rm(h.dir, { recursive: true, force: true });
    await mkdir(h.dir);
    await writeFile(h.file.path, await format1With(() => []));
    const v = h.reopen();
    await v.unlock(FIXTURE_V1.password);
    expect(v.auditStore().segments()).toEqual([]);
    expect(logged('vault migrated to format 2').at(-1)).toMatchObject({ auditEntries: 0, segments: 0 });
    expect(v.read().tokens).toEqual(FIXTURE_V1.tokens);
  });

  it('the checked-in fixture migrates into one segment of its 9 entries', async () => {
    await copyFile(FORMAT1_FIXTURE, h.file.path);
    await h.vault.unlock(FIXTURE_V1.password);
    expect(logged('vault migrated to format 2')).toMatchObject([{ auditEntries: 9, segments: 1 }]);
  });
});

describe('writing a generation over a vault file of more than a megabyte', () => {
  it('knows the file it read is its own (its hash is of every byte), so a compaction rotates it into the backups', async () => {
    await h.vault.create(PASSWORD);
    // About 1.5 MB of ledger: the vault file's hash is taken a megabyte at a time.
    await h.vault.update((d) => void (d.oceanExpirations['big'] = Array.from({ length: 200_000 }, (_v, i) => 1_700_000_000 + i)));
    await h.vault.compact();
    await h.vault.lock();
    expect((await readFile(h.file.path)).length).toBeGreaterThan(1 << 20);
    const v = h.reopen();
    await v.unlock(PASSWORD);
    const before = await readFile(h.file.path);
    await v.update((d) => void (d.oceanExpirations['k'] = [1]));
    await v.compact();
    expect(await asides()).toEqual([]);
    expect((await h.file.backups())[0]!.bytes.equals(before)).toBe(true);
  });
});

describe('SessionFile.begin', () => {
  it('refuses what is not a format-2 vault with its journal (a caller bug, never a user path)', async () => {
    const sf = new SessionFile({ file: h.file, clock: h.clock, logger: h.logger, randomBytes, auditWindow: 500 });
    const journal = { bytes: Buffer.alloc(0), layout: { records: [], validBytes: 0, torn: false } };
    const format2 = { store: { journalKey: Buffer.alloc(32), segments: [] }, journalName: 'vault.json.j-1-aaaaaa' };
    const begin = (o: object, j: typeof journal | null) => sf.begin(o as OpenedVault, '', j);
    for (const [o, j] of [
      [{ ...format2, store: undefined }, journal],
      [{ ...format2, journalName: undefined }, journal],
      [format2, null],
    ] as const) {
      await expect(begin(o, j)).rejects.toThrow('begin() needs a format-2 vault');
    }
  });
});

describe('reading for unlock', () => {
  it('needs no one to show the bytes to', async () => {
    await h.vault.create(PASSWORD);
    const sf = new SessionFile({ file: h.file, clock: h.clock, logger: h.logger, randomBytes, auditWindow: 500 });
    expect((await sf.readForUnlock()).contents.version).toBe(2);
  });
});

describe('reading a journal', () => {
  it('reads a missing journal as empty, but a journal it cannot read is an error, not an empty journal', async () => {
    const sf = new SessionFile({ file: h.file, clock: h.clock, logger: h.logger, randomBytes, auditWindow: 500 });
    expect((await sf.readJournal('vault.json.j-1-000000')).bytes.length).toBe(0);
    await mkdir(join(h.dir, 'vault.json.j-1-111111'));
    await expect(sf.readJournal('vault.json.j-1-111111')).rejects.toMatchObject({ code: 'EISDIR' });
  });
});
