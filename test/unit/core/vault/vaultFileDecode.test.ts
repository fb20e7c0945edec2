import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { decodeVaultFile, decodeVaultFileQuick, decodeVaultFileSliced } from '../../../../main/core/vault/vaultFileDecode.js';
import { encodeVaultFile, type VaultFileContents } from '../../../../main/core/vault/vaultFormat.js';

// The quick check (decodeVaultFileQuick) must accept exactly the files encodeVaultFile writes and
// answer null, never throw, for anything else; decodeVaultFile then gives the full check's verdict.
// A quick check that refused good files would only be slow (every unlock re-parsing megabytes), one
// that accepted a bad file would let a non-canonical or altered file through: both are pinned here.

/** Deterministic bytes (no randomness in what the tests compare). */
const bytes = (n: number, seed: number): Buffer => {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed * 17 + (i >> 8)) & 0xff;
  return b;
};

function contents(over: Partial<VaultFileContents> = {}, ctBytes = 100): VaultFileContents {
  return {
    version: 2,
    vaultId: 'vault-id-0001',
    generation: 7,
    writtenAt: 1_764_000_000_000,
    kdf: { name: 'scrypt', N: 2 ** 15, r: 8, p: 1, salt: bytes(16, 1) },
    check: bytes(32, 2),
    wrap: { iv: bytes(12, 3), ct: bytes(32, 4), tag: bytes(16, 5) },
    keyCheck: bytes(32, 6),
    journal: 'vault.journal-7',
    payload: { iv: bytes(12, 7), ct: bytes(ctBytes, 8), tag: bytes(16, 9) },
    ...over,
  };
}

/** The file's text with the checksum recomputed over `body` (everything before `,"sha256":"`). */
function resummed(body: string): Buffer {
  return Buffer.from(`${body},"sha256":"${createHash('sha256').update(body + '}').digest('hex')}"}`, 'utf8');
}
const bodyOf = (file: Buffer): string => {
  const text = file.toString('utf8');
  return text.slice(0, text.lastIndexOf(',"sha256":"'));
};

function fullVerdict(file: Buffer): string {
  try {
    decodeVaultFile(file);
    return 'decoded';
  } catch (e) {
    return e instanceof AppError ? `${e.code}: ${(e.cause as Error | undefined)?.message}` : `raw ${(e as Error).name}`;
  }
}

/** Base64 text of exactly SLICE (1 MiB) characters: 786,432 bytes. */
const SLICE_BYTES = (1 << 20) / 4 * 3;

describe('the quick check accepts every file encodeVaultFile writes, with the same contents', () => {
  it.each<[string, VaultFileContents]>([
    ['format 2 with a journal', contents()],
    ['format 1 without a journal', contents({ version: 1, journal: undefined })],
    ['with a keychain blob', contents({ keychain: { backend: 'gnome_libsecret', blob: bytes(77, 10) } })],
    ['an empty payload', contents({}, 0)],
    ['a 1-byte payload (base64 padded with ==)', contents({}, 1)],
    ['a 2-byte payload (padded with =)', contents({}, 2)],
    ['a payload of exactly one slice of base64', contents({}, SLICE_BYTES)],
    ['a payload one byte over a slice', contents({}, SLICE_BYTES + 1)],
    ['a payload of two slices and a padded rest', contents({}, 2 * SLICE_BYTES + 2)],
  ])('%s', (_name, c) => {
    const file = encodeVaultFile(c);
    const quick = decodeVaultFileQuick(file);
    expect(quick).not.toBeNull();
    // Re-encoding to the same bytes proves the same contents (the encoding is canonical); the
    // payload's bytes are compared as buffers (a deep comparison of megabytes is too slow).
    expect(encodeVaultFile(quick!).equals(file)).toBe(true);
    expect(quick!.payload.ct.equals(c.payload.ct)).toBe(true);
    if (c.payload.ct.length < 1000) expect(quick).toEqual(c.journal === undefined ? (({ journal: _j, ...rest }) => rest)(c) : c);
  });

  it('reads a file held in a slice of a larger buffer (as a read into a pooled buffer gives)', () => {
    const file = encodeVaultFile(contents());
    const pooled = Buffer.concat([Buffer.from('xxxxxxx'), file, Buffer.from('yyyy')]);
    const view = new Uint8Array(pooled.buffer, pooled.byteOffset + 7, file.length);
    expect(decodeVaultFileQuick(view)).toEqual(contents());
  });
});

describe('the quick check answers null, never a throw, for anything encodeVaultFile did not write', () => {
  const good = encodeVaultFile(contents());
  const goodText = good.toString('utf8');
  const body = bodyOf(good);

  const cases: [string, Buffer][] = [
    ['nothing', Buffer.alloc(0)],
    ['null', Buffer.from('null')],
    ['the file without its checksum', Buffer.from(body + '}')],
    ['a file cut inside the checksum', good.subarray(0, good.length - 3)],
    ['a trailing newline', Buffer.concat([good, Buffer.from('\n')])],
    ['a checksum in capitals', Buffer.from(goodText.replace(/"sha256":"([0-9a-f]{64})"/, (_m, s: string) => `"sha256":"${s.toUpperCase()}"`))],
    ['a checksum that does not match', Buffer.from(goodText.replace('"generation":7', '"generation":8'))],
    ['the file closed by something else than "}', Buffer.from(goodText.slice(0, -2) + '"]')],
    ['the checksum not where encodeVaultFile puts it', resummed(body.replace(',"payload":', ',"x":1,"payload":'))],
    // The same contents, checksum recomputed, but not the canonical bytes.
    ['a space in the header', resummed(body.replace('"generation":7', '"generation": 7'))],
    ['the header fields in another order', resummed(body.replace('"vaultId":"vault-id-0001","generation":7', '"generation":7,"vaultId":"vault-id-0001"'))],
    ['an unknown header field', resummed(body.replace('"generation":7', '"generation":7,"extra":1'))],
    ['a header that is not JSON', resummed(body.replace('"generation":7', '"generation":07'))],
    ['a header that is not UTF-8', Buffer.concat([Buffer.from('{"format":"token-vault\xff'), good.subarray(good.indexOf(',"version"'))])],
    ['a header that fails the schema', resummed(body.replace('"generation":7', '"generation":-1'))],
    ['a salt of the wrong length', resummed(body.replace(bytes(16, 1).toString('base64'), bytes(15, 1).toString('base64')))],
    ['a payload tag of the wrong length', resummed(body.replace(bytes(16, 9).toString('base64'), bytes(15, 9).toString('base64')))],
    ['a payload tag with base64url letters', resummed(body.slice(0, -26) + '"tag":"' + body.slice(-24, -2).replace(/[A-Za-z0-9]/, '-') + body.slice(-2))],
    // 0xfb bytes encode as "+/v7": the iv's base64url spelling decodes to the same bytes.
    ['a payload iv in another base64 of the same bytes', resummed(bodyOf(encodeVaultFile(contents({ payload: { iv: Buffer.alloc(12, 0xfb), ct: bytes(10, 1), tag: bytes(16, 9) } }))).replace('"iv":"+/v7', '"iv":"-_v7'))],
    ['a payload without "ct"', resummed(body.replace('","ct":"', '","cx":"'))],
    ['a payload whose "tag" is not last', resummed(body.replace('","tag":"', '","tog":"'))],
    ['a header without a payload', resummed(body.slice(0, body.indexOf(',"payload":')))],
  ];

  it.each(cases)('%s', (_name, file) => {
    expect(decodeVaultFileQuick(file)).toBeNull();
    // The full check refuses it too: the quick check is never what lets a file in.
    expect(fullVerdict(file)).toMatch(/^VAULT_DAMAGED/);
  });

  it('a payload in base64url letters (same bytes, checksum recomputed) is not the canonical file', () => {
    const c = contents({}, 300);
    const text = bodyOf(encodeVaultFile(c));
    const ctAt = text.lastIndexOf('"ct":"') + 6;
    const ct = text.slice(ctAt, text.indexOf('"', ctAt));
    const at = ct.search(/[+/]/);
    expect(at).toBeGreaterThanOrEqual(0);
    const other = ct.slice(0, at) + (ct[at] === '+' ? '-' : '_') + ct.slice(at + 1);
    const file = resummed(text.slice(0, ctAt) + other + text.slice(ctAt + ct.length));
    expect(decodeVaultFileQuick(file)).toBeNull();
    expect(fullVerdict(file)).toMatch(/^VAULT_DAMAGED/);
  });

  it('padding at the end of a slice that is not the last is refused, though each slice re-encodes to itself', () => {
    // A slice of SLICE characters ending in "=" (786,431 bytes), then more base64: Node's decoder would
    // stop or skip there, so the bytes are not what the text says.
    const c = contents({}, 10);
    const text = bodyOf(encodeVaultFile(c));
    const ctAt = text.lastIndexOf('"ct":"') + 6;
    const ctEnd = text.indexOf('"', ctAt);
    const first = bytes(SLICE_BYTES - 1, 11).toString('base64');
    expect(first.length).toBe(1 << 20);
    expect(first.endsWith('=')).toBe(true);
    const file = resummed(text.slice(0, ctAt) + first + bytes(30, 12).toString('base64') + text.slice(ctEnd));
    expect(decodeVaultFileQuick(file)).toBeNull();
    expect(fullVerdict(file)).toMatch(/^VAULT_DAMAGED/);
  });
});

describe('decodeVaultFileSliced', () => {
  it('gives the event loop a turn per megabyte while it checks a large file, and the same contents', async () => {
    const c = contents({}, 3 * SLICE_BYTES);
    const file = encodeVaultFile(c);
    let turns = 0;
    let done = false;
    const tick = (): void => {
      if (done) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    const decoded = await decodeVaultFileSliced(file);
    done = true;
    expect(encodeVaultFile(decoded).equals(file)).toBe(true);
    // About 4 MiB of file: 4 turns while hashing and 3 while checking the base64.
    expect(turns).toBeGreaterThanOrEqual(6);
  });

  it('falls back to the full check: a non-canonical file is VAULT_DAMAGED with the reason', async () => {
    const body = bodyOf(encodeVaultFile(contents()));
    // The salt's last base64 letter with other unused low bits: the same bytes, another spelling.
    const salt = bytes(16, 1).toString('base64');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const respelt = [...alphabet]
      .map((ch) => salt.slice(0, 21) + ch + '==')
      .find((t) => t !== salt && Buffer.from(t, 'base64').equals(bytes(16, 1)))!;
    const err = await decodeVaultFileSliced(resummed(body.replace(salt, respelt))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('VAULT_DAMAGED');
    expect(((err as AppError).cause as Error).message).toBe('not in canonical form');
  });

  it('and a file that is not a vault file at all is VAULT_DAMAGED, not a TypeError', async () => {
    const err = await decodeVaultFileSliced(Buffer.from('null')).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('VAULT_DAMAGED');
  });
});
