import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as nodeFs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { emptyTail, Journal } from '../../../../main/core/vault/Journal.js';
import { layoutJournal, openJournal, type JournalIds } from '../../../../main/core/vault/journalFormat.js';

const ids: JournalIds = { vaultId: 'vault-aaaa-1111', epoch: 7 };
const key = Buffer.alloc(32, 7);
let dir: string;
let path: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tv-journal-'));
  path = join(dir, 'vault.json.journal-7');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function written(n: number): Promise<Buffer> {
  const j = new Journal(path, ids, key, emptyTail(ids), nodeFs, randomBytes);
  for (let i = 1; i <= n; i++) await j.append(Buffer.from(`record ${i}`));
  await j.close();
  return readFile(path);
}

function code(fn: () => unknown): string {
  try {
    fn();
    return 'accepted';
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
}

const texts = (bytes: Buffer, k = key, i = ids): string[] => openJournal(bytes, k, i).plaintexts.map((p) => p.toString());

describe('journal records', () => {
  it('reads back what was appended, in order', async () => {
    expect(texts(await written(3))).toEqual(['record 1', 'record 2', 'record 3']);
    expect(texts(Buffer.alloc(0))).toEqual([]);
  });

  it('drops a torn last record (any cut inside it, or a zero-filled tail) and appends after the good ones', async () => {
    const bytes = await written(3);
    const { records } = layoutJournal(bytes);
    const [start, end] = records[2]!;
    for (let cut = start + 1; cut < end; cut++) {
      const torn = bytes.subarray(0, cut);
      expect(texts(torn), `cut at ${cut}`).toEqual(['record 1', 'record 2']);
      expect(layoutJournal(torn).torn).toBe(true);
    }
    expect(texts(Buffer.concat([bytes.subarray(0, start), Buffer.alloc(300)]))).toEqual(['record 1', 'record 2']);

    // The next append after a torn tail lands where the torn record began.
    await writeFile(path, bytes.subarray(0, end - 5));
    const opened = openJournal(await readFile(path), key, ids);
    const j = new Journal(path, ids, key, { records: 2, bytes: opened.layout.validBytes, lastHash: opened.lastHash }, nodeFs, randomBytes);
    await j.append(Buffer.from('record 3 again'));
    await j.close();
    expect(texts(await readFile(path))).toEqual(['record 1', 'record 2', 'record 3 again']);
  });

  it('calls every flipped byte damage, with or without the key, never a torn record', async () => {
    const bytes = await written(3);
    for (let at = 0; at < bytes.length; at++) {
      const flipped = Buffer.from(bytes);
      flipped[at] = flipped[at]! ^ 0x01;
      expect(code(() => layoutJournal(flipped)), `byte ${at}`).toBe('VAULT_DAMAGED');
    }
  });

  it('calls a removed, duplicated or reordered record damage', async () => {
    const bytes = await written(3);
    const [r1, r2, r3] = layoutJournal(bytes).records.map(([s, e]) => bytes.subarray(s, e));
    for (const parts of [[r1, r3], [r2, r3], [r1, r1, r2], [r2, r1, r3], [r1, r3, r2]]) {
      expect(code(() => openJournal(Buffer.concat(parts as Buffer[]), key, ids))).toBe('VAULT_DAMAGED');
    }
  });

  it('calls a journal of another vault, another epoch or another key damage', async () => {
    const bytes = await written(2);
    expect(code(() => openJournal(bytes, key, { ...ids, vaultId: 'vault-bbbb-2222' }))).toBe('VAULT_DAMAGED');
    expect(code(() => openJournal(bytes, key, { ...ids, epoch: 8 }))).toBe('VAULT_DAMAGED');
    expect(code(() => openJournal(bytes, Buffer.alloc(32, 8), ids))).toBe('VAULT_DAMAGED');
  });
});
