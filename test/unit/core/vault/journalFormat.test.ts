import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { encodeRecord, genesisHash, layoutJournal, openJournal, openJournalSliced, recordHash } from '../../../../main/core/vault/journalFormat.js';

/** The journal's record format on its own: which bytes are a record, a torn tail, or damage, and what the damage is called. */
const ids = { vaultId: 'vault-jf-0001', epoch: 3 };
const key = Buffer.alloc(32, 9);

function journal(...plains: Buffer[]): Buffer {
  let prev = genesisHash(ids);
  const records = plains.map((p, i) => {
    const r = encodeRecord(key, p, ids, i + 1, prev, randomBytes(12));
    prev = recordHash(r);
    return r;
  });
  return Buffer.concat(records);
}

/** A record header announcing `n` body bytes, its complement right or not. */
function header(n: number, checked = true): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32LE(n, 0);
  h.writeUInt32LE(checked ? ~n >>> 0 : ((~n >>> 0) ^ 1) >>> 0, 4);
  return h;
}

/** The reason a layout or an open is damage ('fine' when it is not). */
function why(run: () => unknown): string {
  try {
    run();
    return 'fine';
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    expect(e.code).toBe('VAULT_DAMAGED');
    return (e.cause as Error).message;
  }
}

describe('layoutJournal', () => {
  it('a record whose length check fails is damage, named by its number; so is a bare header with a wrong check', () => {
    const two = journal(Buffer.from('one'), Buffer.from('two'));
    const bad = Buffer.from(two);
    const second = layoutJournal(two).records[1]![0];
    bad[second + 4] = bad[second + 4]! ^ 0xff;
    expect(why(() => layoutJournal(bad))).toBe('journal record 2: length check');
    // Exactly a header's worth of bytes left: read as a header, not taken for a torn tail.
    expect(why(() => layoutJournal(Buffer.concat([journal(Buffer.from('one')), header(40, false)])))).toBe('journal record 2: length check');
  });

  it('a length below an empty body (iv + tag) or above 64 MiB is damage; exactly those bounds are not', () => {
    const one = journal(Buffer.from('one'));
    expect(why(() => layoutJournal(Buffer.concat([one, header(27)])))).toBe('journal record 2: length out of bounds');
    expect(why(() => layoutJournal(Buffer.concat([one, header(64 * 1024 * 1024 + 1)])))).toBe('journal record 2: length out of bounds');
    // A length of 64 MiB exactly, its bytes not there: a torn tail, not damage.
    expect(layoutJournal(Buffer.concat([one, header(64 * 1024 * 1024)]))).toMatchObject({ torn: true, validBytes: one.length });
    // An empty plaintext makes a body of exactly iv + tag: a record.
    const empty = journal(Buffer.alloc(0));
    expect(empty.length).toBe(8 + 28 + 4);
    expect(layoutJournal(empty)).toEqual({ records: [[0, 40]], validBytes: 40, torn: false });
  });

  it('takes records of a kilobyte and of a megabyte', () => {
    const big = journal(Buffer.alloc(1024, 1), Buffer.alloc(1 << 20, 2));
    expect(layoutJournal(big).records).toHaveLength(2);
    expect(openJournal(big, key, ids).plaintexts.map((p) => p.length)).toEqual([1024, 1 << 20]);
  });

  it('a checksum mismatch is damage, named by the record number', () => {
    const two = journal(Buffer.from('one'), Buffer.from('two'));
    const bad = Buffer.from(two);
    bad[two.length - 1] = bad[two.length - 1]! ^ 0x01;
    expect(why(() => layoutJournal(bad))).toBe('journal record 2: checksum mismatch');
  });
});

describe('openJournal', () => {
  it('a record that fails authentication is damage, named by its number', async () => {
    const two = journal(Buffer.from('one'), Buffer.from('two'));
    expect(why(() => openJournal(two, Buffer.alloc(32, 1), ids))).toBe('journal record 1 fails authentication');
    expect(why(() => openJournal(two, key, { ...ids, epoch: 4 }))).toBe('journal record 1 fails authentication');
    const swapped = Buffer.concat([two.subarray(0, layoutJournal(two).records[0]![1]), journal(Buffer.from('other'))]);
    expect(why(() => openJournal(swapped, key, ids))).toBe('journal record 2 fails authentication');
    await expect(openJournalSliced(swapped, key, ids, 1)).rejects.toMatchObject({ cause: { message: 'journal record 2 fails authentication' } });
  });
});
