/**
 * Saving the vault with 1,000 tokens (one Vault.update: structured clone, encrypt the whole payload,
 * temp file + fsync, rotate the previous file into the backups, rename, fsync the directory) over the
 * floor any durable save pays: open + write + fsync + close + rename of the same number of bytes, in
 * the same directory. Paired per iteration, alternating which goes first.
 * Run: node --expose-gc --import tsx test/bench/persist.bench.ts
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rename, rm, stat as fileStat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../main/core/clock.js';
import { createLogger } from '../../main/core/log.js';
import { Redactor } from '../../main/core/redact.js';
import { AtomicVaultFile } from '../../main/core/vault/AtomicVaultFile.js';
import type { AccountRecord, TokenRecord } from '../../main/core/vault/types.js';
import { Vault } from '../../main/core/vault/Vault.js';
import { openWithPassword, sealVault } from '../../main/core/vault/vaultCrypto.js';
import { decodeVaultFile, encodeVaultFile } from '../../main/core/vault/vaultFormat.js';
import { ratio, report, stat, type Stat } from './stats.js';

const TOKENS = 1000;
const ACCOUNTS = 10;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 25);
const WARMUP = 3;
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

/** The durable-write floor: a new file, its bytes, fsync, close, rename over the target. */
async function rawWrite(dir: string, bytes: Buffer): Promise<void> {
  const tmp = join(dir, `raw.json.tmp-${randomBytes(6).toString('hex')}`);
  const fh = await open(tmp, 'wx', 0o600);
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, join(dir, 'raw.json'));
}

const round = (s: Stat): Stat => {
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  return { median: r(s.median), min: r(s.min), max: r(s.max) };
};

const dir = await mkdtemp(join(tmpdir(), 'tv-persist-'));
try {
  const redactor = new Redactor();
  const file = new AtomicVaultFile(join(dir, 'vault.json'));
  const vault = new Vault({ file, clock: systemClock, redactor, logger: createLogger({ write: () => undefined }, redactor), kdf: KDF });
  await vault.create(PASSWORD);
  await vault.update((d) => {
    for (let i = 0; i < ACCOUNTS; i++) d.accounts.push(account(i));
    for (let i = 0; i < TOKENS; i++) d.tokens.push(token(i));
  });
  const bytes = randomBytes((await fileStat(file.path)).size);

  let n = 0;
  // What a token action changes: one token's state, the rest carried along.
  const save = (): Promise<unknown> => vault.update((d) => void (d.tokens[n++ % TOKENS]!.state = n % 2 ? 'active' : 'revoke_failed'));
  const app: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const saveFirst = i % 2 === 0;
    const a1 = saveFirst ? await timed(save) : 0;
    const b = await timed(() => rawWrite(dir, bytes));
    const a = saveFirst ? a1 : await timed(save);
    if (i < WARMUP) continue;
    app.push(a);
    base.push(b);
  }
  // The share of a save that is serializing and encrypting, not I/O.
  const opened = await openWithPassword(decodeVaultFile((await file.read())!), PASSWORD);
  const encrypt: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const ms = await timed(async () => encodeVaultFile(sealVault(opened.material, opened.dataKey, opened.data, 1, Date.now(), randomBytes, opened.store ?? { journalKey: randomBytes(32), segments: [] }, 'vault.json.j-1-000000')));
    if (i >= WARMUP) encrypt.push(ms);
  }
  const result = {
    tokens: TOKENS,
    vaultBytes: bytes.length,
    runs: RUNS,
    ratio: round(ratio(app, base)),
    ms: { save: round(stat(app)), writeFsyncRename: round(stat(base)), encodeAndEncryptOnly: round(stat(encrypt)) },
    node: process.version,
  };
  console.log(JSON.stringify(result, null, 2));
  report('persist', result);
} finally {
  await rm(dir, { recursive: true, force: true });
}
