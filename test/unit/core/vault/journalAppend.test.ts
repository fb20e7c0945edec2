import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VaultFs } from '../../../../main/core/vault/VaultFile.js';
import { emptyTail, Journal } from '../../../../main/core/vault/Journal.js';
import { genesisHash, openJournal, recordHash, type JournalIds } from '../../../../main/core/vault/journalFormat.js';

/**
 * What "acknowledged" means for a journal append, step by step on the real file system of a temp
 * directory: a new journal created 0600 and its directory fsynced before the first record counts, each
 * record fsynced, a failed append cut back before the next one. The fs records every operation and
 * can fail a file handle's write or sync once.
 */
const ids: JournalIds = { vaultId: 'vault-bbbb-2222', epoch: 3 };
const key = Buffer.alloc(32, 9);
let dir: string;
let path: string;
let ops: string[];
let failNext: { op: 'write' | 'sync'; code: string } | null;

function recordingFs(): VaultFs {
  const rel = (p: unknown): string => (String(p) === dir ? '.' : basename(String(p)));
  return {
    ...nodeFs,
    async open(p: string, flags: string, mode?: number) {
      ops.push(`open ${rel(p)} ${flags}${mode === undefined ? '' : ` ${mode.toString(8)}`}`);
      const fh = await nodeFs.open(p, flags, mode);
      const fail = (op: 'write' | 'sync'): void => {
        if (failNext?.op !== op) return;
        const { code } = failNext;
        failNext = null;
        throw Object.assign(new Error(`${op} failed`), { code });
      };
      return {
        write: async (buf: Buffer, offset: number, length: number, position: number) => {
          ops.push(`write ${rel(p)} ${length}@${position}`);
          fail('write');
          return fh.write(buf, offset, length, position);
        },
        truncate: async (len: number) => {
          ops.push(`truncate ${rel(p)} ${len}`);
          return fh.truncate(len);
        },
        sync: async () => {
          ops.push(`sync ${rel(p)}`);
          fail('sync');
          return fh.sync();
        },
        close: async () => {
          ops.push(`close ${rel(p)}`);
          return fh.close();
        },
      };
    },
  } as unknown as VaultFs;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tv-journal-append-'));
  path = join(dir, 'vault.json.j-3');
  ops = [];
  failNext = null;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const texts = async (): Promise<string[]> => openJournal(await readFile(path), key, ids).plaintexts.map((p) => p.toString());

describe('Journal.append', () => {
  it('a new journal: created 0600, directory fsynced, then each record written at the tail and fsynced', async () => {
    const j = new Journal(path, ids, key, emptyTail(ids), recordingFs(), randomBytes);
    expect(j.tail).toEqual({ records: 0, bytes: 0, lastHash: genesisHash(ids) });
    const r1 = await j.append(Buffer.from('one'));
    const r2 = await j.append(Buffer.from('two'));
    expect(ops).toEqual([
      'open vault.json.j-3 w 600',
      'open . r',
      'sync .',
      'close .',
      `write vault.json.j-3 ${r1.length}@0`,
      'sync vault.json.j-3',
      `write vault.json.j-3 ${r2.length}@${r1.length}`,
      'sync vault.json.j-3',
    ]);
    expect(j.tail).toEqual({ records: 2, bytes: r1.length + r2.length, lastHash: recordHash(r2) });
    await j.close();
    expect(ops.at(-1)).toBe('close vault.json.j-3');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await texts()).toEqual(['one', 'two']);
    expect(Buffer.concat([r1, r2]).equals(await readFile(path))).toBe(true);
  });

  it('an existing journal is reopened read-write and cut back to the acknowledged tail before the next record', async () => {
    const first = new Journal(path, ids, key, emptyTail(ids), nodeFs, randomBytes);
    await first.append(Buffer.from('one'));
    const tail = { ...first.tail };
    await first.close();
    await writeFile(path, Buffer.concat([await readFile(path), Buffer.from('torn half of a record')]));
    const j = new Journal(path, ids, key, tail, recordingFs(), randomBytes);
    const r2 = await j.append(Buffer.from('two'));
    expect(ops).toEqual(['open vault.json.j-3 r+', `truncate vault.json.j-3 ${tail.bytes}`, `write vault.json.j-3 ${r2.length}@${tail.bytes}`, 'sync vault.json.j-3']);
    expect(j.tail.records).toBe(2);
    await j.close();
    expect(await texts()).toEqual(['one', 'two']);
  });

  it('a new journal cuts a leftover of a failed earlier attempt at that name', async () => {
    await writeFile(path, 'leftover of a failed earlier attempt', { mode: 0o600 });
    const j = new Journal(path, ids, key, emptyTail(ids), nodeFs, randomBytes);
    const r1 = await j.append(Buffer.from('one'));
    await j.close();
    expect(r1.equals(await readFile(path))).toBe(true);
  });

  it('the tail given is copied: changing it afterwards does not move the journal', async () => {
    const tail = emptyTail(ids);
    const j = new Journal(path, ids, key, tail, nodeFs, randomBytes);
    tail.records = 5;
    expect(j.tail.records).toBe(0);
  });

  for (const op of ['write', 'sync'] as const) {
    it(`a failed ${op}: the append rejects, the tail stays, the handle is closed; the next append reopens, cuts back and succeeds`, async () => {
      const j = new Journal(path, ids, key, emptyTail(ids), recordingFs(), randomBytes);
      const r1 = await j.append(Buffer.from('one'));
      const before = { ...j.tail };
      failNext = { op, code: 'EIO' };
      ops.length = 0;
      await expect(j.append(Buffer.from('lost'))).rejects.toMatchObject({ code: 'EIO' });
      expect(j.tail).toEqual(before);
      expect(ops.at(-1)).toBe('close vault.json.j-3');
      ops.length = 0;
      const r3 = await j.append(Buffer.from('three'));
      expect(ops).toEqual(['open vault.json.j-3 r+', `truncate vault.json.j-3 ${r1.length}`, `write vault.json.j-3 ${r3.length}@${r1.length}`, 'sync vault.json.j-3']);
      expect(j.tail).toEqual({ records: 2, bytes: r1.length + r3.length, lastHash: recordHash(r3) });
      await j.close();
      expect(await texts()).toEqual(['one', 'three']);
    });
  }

  it('close twice, or before anything was written, is harmless', async () => {
    const j = new Journal(path, ids, key, emptyTail(ids), recordingFs(), randomBytes);
    await j.close();
    await j.append(Buffer.from('one'));
    await j.close();
    await j.close();
    expect(ops.filter((o) => o === 'close vault.json.j-3')).toHaveLength(1);
  });
});
