/**
 * Vault costs at the real KDF cost with 100 accounts and 1,000 stored tokens:
 * - unlock, split into the KDF (scrypt) and the rest (read, structure check, unwrap, decrypt, parse,
 *   validate, register secrets), as the vault itself measures and logs them;
 * - one update (a journal append + fsync), and, for comparison, sealing the whole vault file (what
 *   a compaction does) without writing it.
 * - unlockRatio: a whole unlock over the bare KDF (node's scrypt, same parameters and salt size), paired
 *   per run and alternating which goes first, so machine noise lands on both sides of each ratio.
 * Run: node --expose-gc --import tsx tools/bench/unlock.bench.ts   → JSON with median/min/max milliseconds.
 */
import { mkdtemp, rm, stat as fileStat } from 'node:fs/promises';
import { randomBytes, scrypt } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../main/core/clock.js';
import { createLogger } from '../../main/core/log.js';
import { Redactor } from '../../main/core/redact.js';
import { AtomicVaultFile } from '../../main/core/vault/AtomicVaultFile.js';
import { DEFAULT_KDF, SALT_BYTES } from '../../main/core/vault/kdf.js';
import type { AccountRecord, TokenRecord } from '../../main/core/vault/vaultRecords.js';
import { Vault } from '../../main/core/vault/Vault.js';
import { openWithPassword, sealVault } from '../../main/core/vault/vaultCrypto.js';
import { encodeVaultFile } from '../../main/core/vault/vaultFormat.js';
import { decodeVaultFile } from '../../main/core/vault/vaultFileDecode.js';
import { report, stat as rawStat, time, type Stat } from './stats.js';

const stat = (samples: number[], digits = 1): Stat => {
  const r = rawStat(samples);
  const f = 10 ** digits;
  return { median: Math.round(r.median * f) / f, min: Math.round(r.min * f) / f, max: Math.round(r.max * f) / f };
};

const ACCOUNTS = 100;
const TOKENS = 1000;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 9);
const PASSWORD = 'bench master password';

/** The KDF alone: scrypt with the vault's parameters, nothing around it. */
function bareKdf(): Promise<void> {
  const { N, r, p } = DEFAULT_KDF;
  return new Promise((resolve, reject) =>
    scrypt(PASSWORD, randomBytes(SALT_BYTES), 32, { N, r, p, maxmem: 256 * N * r + 32 * 1024 * 1024 }, (err) => (err ? reject(err) : resolve())),
  );
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

function account(i: number): AccountRecord {
  const base = { id: `acct-${i}`, label: `Account ${i}`, createdAt: i, autoRenew: i % 2 === 0, revokeOnRenew: true, defaultCopyFormat: 'raw' as const };
  return i % 2 === 0
    ? { ...base, config: { kind: 'azion', authBase: 'https://api.azionapi.net', apiBase: 'https://api.azionapi.net', checkBase: 'https://sso.azion.com/api', mode: 'session', email: `user${i}@example.com` }, secrets: { kind: 'azion', password: `pw-${randomBytes(8).toString('hex')}` } }
    : { ...base, config: { kind: 'ocean', providerUrl: 'https://provider.example.com', address: '0x' + randomBytes(20).toString('hex'), flavour: 'provider' }, secrets: { kind: 'ocean', privateKey: '0x' + randomBytes(32).toString('hex') } };
}

function token(i: number): TokenRecord {
  // JWT-sized values (Ocean tokens are ~300 characters; Azion session tokens shorter).
  const value = 'eyJ' + randomBytes(220).toString('base64url');
  return { id: `tok-${i}`, accountId: `acct-${i % ACCOUNTS}`, kind: i % 2 ? 'ocean-provider' : 'azion-session', value, createdAt: i, expiresAt: Date.now() + 3_600_000, serverId: `srv-${i}`, state: 'active' };
}

const dir = await mkdtemp(join(tmpdir(), 'tv-bench-'));
try {
  const lines: string[] = [];
  const redactor = new Redactor();
  const file = new AtomicVaultFile(join(dir, 'vault.json'));
  const vault = new Vault({ file, clock: systemClock, redactor, logger: createLogger({ write: (l) => lines.push(l) }, redactor), kdf: DEFAULT_KDF });
  await vault.create(PASSWORD);
  await vault.update((d) => {
    for (let i = 0; i < ACCOUNTS; i++) d.accounts.push(account(i));
    for (let i = 0; i < TOKENS; i++) d.tokens.push(token(i));
  });
  const vaultBytes = (await fileStat(file.path)).size;

  const kdf: number[] = [];
  const rest: number[] = [];
  const total: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    await vault.lock();
    lines.length = 0;
    const kdfFirst = i % 2 === 1;
    const bareMs = kdfFirst ? await timed(bareKdf) : 0;
    const elapsed = await timed(() => vault.unlock(PASSWORD));
    const bareAfter = kdfFirst ? bareMs : await timed(bareKdf);
    const logged = lines.map((l) => JSON.parse(l) as { msg: string; kdfMs?: number; restMs?: number }).find((l) => l.msg === 'vault unlocked');
    if (!logged?.kdfMs || logged.restMs === undefined) throw new Error('unlock did not log its timings');
    if (i === 0) continue; // warm-up
    kdf.push(logged.kdfMs);
    rest.push(logged.restMs);
    total.push(elapsed);
    bare.push(bareAfter);
  }
  const restShare = stat(rest.map((r, i) => r / kdf[i]!), 3);
  const unlockRatio = stat(total.map((t, i) => t / bare[i]!), 3);

  let n = 0;
  const update = await time(() => vault.update((d) => void (d.oceanExpirations['bench'] = [n++])), 15, 3);
  const contents = decodeVaultFile((await file.read())!);
  const opened = await openWithPassword(contents, PASSWORD);
  const encrypt = await time(() => encodeVaultFile(sealVault({ ...opened, generation: 1, writtenAt: Date.now(), random: randomBytes, store: opened.store ?? { journalKey: randomBytes(32), segments: [] }, journal: 'vault.json.j-1-000000' })), 15, 3);

  const result = {
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    kdf: DEFAULT_KDF,
    accounts: ACCOUNTS,
    tokens: TOKENS,
    vaultBytes,
    unlockMs: { kdf: stat(kdf), rest: stat(rest), total: stat(total) },
    bareKdfMs: stat(bare),
    unlockRatio,
    restAsShareOfKdf: restShare,
    restUnder10PercentOfKdf: restShare.max < 0.1,
    updateMs: { encryptOnly: stat(encrypt), encryptAndAtomicWrite: stat(update) },
    runs: RUNS,
  };
  console.log(JSON.stringify(result, null, 2));
  report('vault-unlock', result);
} finally {
  await rm(dir, { recursive: true, force: true });
}
