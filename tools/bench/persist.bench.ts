/**
 * One action's save with 1,000 tokens (one Vault.update changing one token's state: the copy-on-write
 * draft, the journal operation, sealing the record, one append + fsync) over the floor any durable
 * append pays: a write + fsync of the same number of bytes at the end of an open file, in the same
 * directory. Paired per iteration, alternating which goes first. Compaction is pushed out of the
 * measured window (it runs off the hot path, and is timed on its own as `compactMs`).
 * Run: node --expose-gc --import tsx tools/bench/persist.bench.ts
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rm, stat as fileStat, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../main/core/clock.js';
import { createLogger } from '../../main/core/log.js';
import { Redactor } from '../../main/core/redact.js';
import { AtomicVaultFile } from '../../main/core/vault/AtomicVaultFile.js';
import type { AccountRecord, TokenRecord } from '../../main/core/vault/vaultRecords.js';
import { Vault } from '../../main/core/vault/Vault.js';
import { openWithPassword, sealVault } from '../../main/core/vault/vaultCrypto.js';
import { encodeVaultFile } from '../../main/core/vault/vaultFormat.js';
import { decodeVaultFile } from '../../main/core/vault/vaultFileDecode.js';
import { ratio, report, stat, type Stat } from './stats.js';

const TOKENS = 1000;
const ACCOUNTS = 10;
// A save and a bare fsync are each a fraction of a millisecond, and fsync jitter on a shared disk is
// several times that: a hundred pairs for a median that stays put.
const RUNS = Number(process.env['BENCH_RUNS'] ?? 101);
const WARMUP = 10;
const PASSWORD = 'bench master password';
// Saving does not involve the KDF; a cheap one keeps setup short.
const KDF = { name: 'scrypt' as const, N: 2 ** 10, r: 8, p: 1 };

function account(i: number): AccountRecord {
  return {
    id: `acct-${i}`,
    label: `Account ${i}`,
    createdAt: i,
    autoRenew: false,
    revokeOnRenew: true,
    defaultCopyFormat: 'raw',
    config: { kind: 'ocean', providerUrl: 'https://provider.example.com', address: '0x' + randomBytes(20).toString('hex'), flavour: 'provider' },
    secrets: { kind: 'ocean', privateKey: '0x' + randomBytes(32).toString('hex') },
  };
}

function token(i: number): TokenRecord {
  // JWT-sized, like Ocean tokens (~300 characters).
  return { id: `tok-${i}`, accountId: `acct-${i % ACCOUNTS}`, kind: 'ocean-provider', value: 'eyJ' + randomBytes(220).toString('base64url'), createdAt: i, expiresAt: Date.now() + 3_600_000, state: 'active' };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** The durable-append floor: the bytes written at the end of an open file, then fsync. */
function rawAppender(fh: FileHandle): (bytes: Buffer) => Promise<void> {
  let pos = 0;
  return async (bytes) => {
    await fh.write(bytes, 0, bytes.length, pos);
    pos += bytes.length;
    await fh.sync();
  };
}

const round = (s: Stat): Stat => {
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  return { median: r(s.median), min: r(s.min), max: r(s.max) };
};

const dir = await mkdtemp(join(tmpdir(), 'tv-persist-'));
try {
  const redactor = new Redactor();
  const file = new AtomicVaultFile(join(dir, 'vault.json'));
  const vault = new Vault({ file, clock: systemClock, redactor, logger: createLogger({ write: () => undefined }, redactor), kdf: KDF, compaction: { records: 100_000, bytes: 1 << 30 } });
  await vault.create(PASSWORD);
  await vault.update((d) => {
    for (let i = 0; i < ACCOUNTS; i++) d.accounts.push(account(i));
    for (let i = 0; i < TOKENS; i++) d.tokens.push(token(i));
  });
  const vaultBytes = (await fileStat(file.path)).size;

  let n = 0;
  // What a token action changes: one token's state.
  const save = (): Promise<unknown> => vault.update((d) => void (d.tokens[n++ % TOKENS]!.state = n % 2 ? 'active' : 'revoke_failed'));
  // The record one save appends: the journal grows by exactly its bytes.
  const journalPath = join(dir, decodeVaultFile((await file.read())!).journal!);
  const sizeOf = async (): Promise<number> => (await fileStat(journalPath).catch(() => ({ size: 0 }))).size;
  const before = await sizeOf();
  await save();
  const recordBytes = (await sizeOf()) - before;
  const bytes = randomBytes(recordBytes);
  const rawFile = await open(join(dir, 'raw.journal'), 'w', 0o600);
  const rawAppend = rawAppender(rawFile);
  const app: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const saveFirst = i % 2 === 0;
    const a1 = saveFirst ? await timed(save) : 0;
    const b = await timed(() => rawAppend(bytes));
    const a = saveFirst ? a1 : await timed(save);
    if (i < WARMUP) continue;
    app.push(a);
    base.push(b);
  }
  await rawFile.close();
  const compact: number[] = [];
  for (let i = 0; i < 5; i++) compact.push(await timed(() => vault.compact()));
  // The share of a save that is serializing and encrypting, not I/O.
  const opened = await openWithPassword(decodeVaultFile((await file.read())!), PASSWORD);
  const encrypt: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const ms = await timed(async () => encodeVaultFile(sealVault({ ...opened, generation: 1, writtenAt: Date.now(), random: randomBytes, store: opened.store ?? { journalKey: randomBytes(32), segments: [] }, journal: 'vault.json.j-1-000000' })));
    if (i >= WARMUP) encrypt.push(ms);
  }
  const result = {
    tokens: TOKENS,
    vaultBytes,
    recordBytes,
    runs: RUNS,
    ratio: round(ratio(app, base)),
    ms: { save: round(stat(app)), appendFsync: round(stat(base)), compactMs: round(stat(compact)), encodeAndEncryptWholeVaultOnly: round(stat(encrypt)) },
    node: process.version,
  };
  console.log(JSON.stringify(result, null, 2));
  report('persist', result);
} finally {
  await rm(dir, { recursive: true, force: true });
}
