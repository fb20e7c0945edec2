import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_KDF, derivePasswordKeys, isWeakerThan, kdfLabel, kdfWithinBounds, SALT_BYTES, type KdfParams } from '../../../../main/core/vault/kdf.js';

const k = (N: number, r = 8, p = 1): KdfParams => ({ name: 'scrypt', N, r, p });
const cheap = k(2 ** 4, 1, 1);
const salt = Buffer.alloc(SALT_BYTES, 1);

describe('kdfWithinBounds: what a vault file may ask for', () => {
  it('accepts the default and the edges: N 2..2^20 (a power of two), r 1..32, p 1..16, at most 1 GiB', () => {
    expect(SALT_BYTES).toBe(32);
    expect(DEFAULT_KDF).toEqual({ name: 'scrypt', N: 131_072, r: 8, p: 1 });
    for (const ok of [DEFAULT_KDF, k(2, 1, 1), k(2 ** 20, 8, 1), k(2 ** 4, 32, 16), k(2 ** 18, 32, 1)]) expect(kdfWithinBounds(ok), JSON.stringify(ok)).toBe(true);
  });

  it('refuses another name, an N out of range or not a power of two, r or p out of range or fractional, more than 1 GiB', () => {
    const bad: KdfParams[] = [
      { ...DEFAULT_KDF, name: 'argon2' as 'scrypt' },
      k(1, 1, 1),
      k(2 ** 21, 1, 1),
      k(3, 1, 1),
      k(2 ** 10 + 2 ** 9, 1, 1),
      k(2 ** 4, 0, 1),
      k(2 ** 4, 33, 1),
      k(2 ** 4, 1, 0),
      k(2 ** 4, 1, 17),
      k(2 ** 4, 1.5, 1),
      k(2 ** 4, 1, 1.5),
      k(2.5, 1, 1),
      k(2 ** 20, 9, 1),
      k(2 ** 19, 17, 1),
    ];
    for (const b of bad) expect(kdfWithinBounds(b), JSON.stringify(b)).toBe(false);
  });
});

describe('kdfLabel', () => {
  it('names the function and every cost parameter, as the log lines show them', () => {
    expect(kdfLabel(DEFAULT_KDF)).toBe('scrypt N=131072 r=8 p=1');
    expect(kdfLabel({ name: 'scrypt', N: 1024, r: 4, p: 2 })).toBe('scrypt N=1024 r=4 p=2');
  });
});

describe('isWeakerThan', () => {
  it('weaker in memory (N·r) or in time (N·r·p); equal or stronger is not', () => {
    expect(isWeakerThan(k(2 ** 16), DEFAULT_KDF)).toBe(true);
    expect(isWeakerThan(k(2 ** 17, 4), DEFAULT_KDF)).toBe(true);
    expect(isWeakerThan(k(2 ** 17, 8, 1), k(2 ** 17, 8, 2))).toBe(true);
    expect(isWeakerThan(DEFAULT_KDF, DEFAULT_KDF)).toBe(false);
    expect(isWeakerThan(k(2 ** 18), DEFAULT_KDF)).toBe(false);
    expect(isWeakerThan(k(2 ** 17, 8, 2), DEFAULT_KDF)).toBe(false);
    // More time but less memory is still weaker: memory is what resists GPUs.
    expect(isWeakerThan(k(2 ** 16, 8, 4), DEFAULT_KDF)).toBe(true);
  });
});

describe('derivePasswordKeys', () => {
  it('two different 32-byte keys, the same for the same password, salt and cost', async () => {
    const a = await derivePasswordKeys('correct horse battery', salt, cheap);
    const b = await derivePasswordKeys('correct horse battery', salt, cheap);
    expect(a.kek).toHaveLength(32);
    expect(a.check).toHaveLength(32);
    expect(a.kek.equals(a.check)).toBe(false);
    expect(a.kek.equals(b.kek) && a.check.equals(b.check)).toBe(true);
  });

  it('depends on the password, the salt and every cost parameter', async () => {
    const base = await derivePasswordKeys('correct horse battery', salt, cheap);
    const others = [
      await derivePasswordKeys('correct horse batterY', salt, cheap),
      await derivePasswordKeys('correct horse battery', Buffer.alloc(SALT_BYTES, 2), cheap),
      await derivePasswordKeys('correct horse battery', salt, k(2 ** 5, 1, 1)),
      await derivePasswordKeys('correct horse battery', salt, k(2 ** 4, 2, 1)),
      await derivePasswordKeys('correct horse battery', salt, k(2 ** 4, 1, 2)),
    ];
    for (const o of others) {
      expect(o.kek.equals(base.kek)).toBe(false);
      expect(o.check.equals(base.check)).toBe(false);
    }
  });

  it('the same password typed composed or decomposed (NFC) derives the same keys', async () => {
    const composed = await derivePasswordKeys('caf\u00e9 au lait ok', salt, cheap);
    const decomposed = await derivePasswordKeys('cafe\u0301 au lait ok', salt, cheap);
    expect(composed.kek.equals(decomposed.kek)).toBe(true);
  });

  it('derives the largest cost the bounds allow (1 GiB of scrypt memory needs maxmem above it)', async () => {
    // 2^20 · 8 · 128 bytes = 1 GiB: too slow to derive in a unit test, so the smallest N at r = 32 that
    // needs more than node's 32 MiB default maxmem stands in for it.
    const keys = await derivePasswordKeys('pw', salt, k(2 ** 13, 32, 1));
    expect(keys.kek).toHaveLength(32);
  });

  it('derives the smallest costs the bounds allow too (scrypt needs 128·r·(N + p + 2) bytes, more than 256·N·r there)', async () => {
    for (const small of [k(2, 1, 1), k(2, 1, 16), k(2, 32, 16)]) expect((await derivePasswordKeys('pw', salt, small)).kek, JSON.stringify(small)).toHaveLength(32);
  });

  it('wipes its UTF-8 copy of the password, after deriving and when scrypt refuses the cost', async () => {
    const password = 'caf\u00e9 copy to wipe';
    for (const cost of [cheap, k(3, 1, 1)]) {
      // The real Buffer.from runs; the spy only keeps what it hands out, to look at it after.
      const from = vi.spyOn(Buffer, 'from');
      const run = derivePasswordKeys(password, salt, cost).then(() => 'derived', () => 'refused');
      const outcome = await run;
      const copies = from.mock.results.filter((_r, i) => from.mock.calls[i]![0] === password).map((r) => r.value as Buffer);
      from.mockRestore();
      expect(outcome).toBe(cost === cheap ? 'derived' : 'refused');
      expect(copies).toHaveLength(1);
      expect(copies[0]!.length).toBe(Buffer.byteLength(password));
      expect(copies[0]!.every((b) => b === 0)).toBe(true);
    }
  });
});
