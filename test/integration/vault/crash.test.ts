import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../main/core/clock.js';
import { createLogger } from '../../../main/core/log.js';
import { Redactor } from '../../../main/core/redact.js';
import { AtomicVaultFile } from '../../../main/core/vault/AtomicVaultFile.js';
import { Vault } from '../../../main/core/vault/Vault.js';
import { openWithPassword } from '../../../main/core/vault/vaultCrypto.js';
import { decodeVaultFile } from '../../../main/core/vault/vaultFormat.js';
import { TEST_KDF, TEST_PASSWORD } from '../../unit/core/vault/vaultHarness.js';
import type { CrashWorkerConfig } from './crashWorker.js';

/** The reliability suite runs more: VAULT_CRASH_ITERATIONS=200. VAULT_CRASH_SEED replays a failure. */
const ITERATIONS = Number(process.env['VAULT_CRASH_ITERATIONS'] ?? 100);
const SEED = Number(process.env['VAULT_CRASH_SEED'] ?? Date.now() % 2 ** 31);

/** mulberry32: a tiny seeded PRNG, so a failing run can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

let work: string;
let worker: string;
const silent = createLogger({ write: () => undefined }, new Redactor());

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'tv-crash-'));
  worker = join(work, 'crashWorker.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./crashWorker.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: worker,
    logLevel: 'silent',
  });
});
afterAll(() => rm(work, { recursive: true, force: true }));

interface Run {
  acks: number[];
  signal: NodeJS.Signals | null;
}

/** Runs the worker; with killAfterAcks > 0 the parent SIGKILLs it as soon as it has seen that many acks. */
function runWorker(cfg: CrashWorkerConfig, killAfterAcks: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, JSON.stringify(cfg)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: number[] = [];
    let buffered = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) acks.push(Number(line.replace('ack ', '')));
      if (killAfterAcks > 0 && acks.length >= killAfterAcks) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== null && code !== 0) reject(new Error(`worker failed (${code}): ${stderr}`));
      else resolve({ acks, signal });
    });
  });
}

async function openCounter(dir: string): Promise<number> {
  const vault = new Vault({ file: new AtomicVaultFile(join(dir, 'vault.json')), clock: systemClock, redactor: new Redactor(), logger: silent, kdf: TEST_KDF });
  await vault.unlock(TEST_PASSWORD);
  return vault.read().oceanExpirations['crash']?.[0] ?? 0;
}

/** One chain of kills on one vault directory; two run side by side (one per core). */
async function lane(lane: number, iterations: number): Promise<{ parent: number; self: number; torn: number; counter: number }> {
  const random = prng(SEED + lane);
  const dir = join(work, `vault-${lane}`);
  const first = new Vault({ file: new AtomicVaultFile(join(dir, 'vault.json')), clock: systemClock, redactor: new Redactor(), logger: silent, kdf: TEST_KDF });
  await first.create(TEST_PASSWORD);

  let counter = 0;
  const killedBy = { parent: 0, self: 0, torn: 0 };
  for (let i = 0; i < iterations; i++) {
    const selfKill = i % 2 === 1;
    const cfg: CrashWorkerConfig = {
      dir,
      password: TEST_PASSWORD,
      kdf: TEST_KDF,
      // About 17 mutating operations per write (temp, rotation, rename, directory fsync).
      crashAt: selfKill ? 1 + Math.floor(random() * 60) : 0,
      torn: selfKill && random() < 0.5,
      maxWrites: selfKill ? 50 : 100_000,
    };
    const run = await runWorker(cfg, selfKill ? 0 : 1 + Math.floor(random() * 4));
    const context = JSON.stringify({ lane, iteration: i, seed: SEED, crashAt: cfg.crashAt, torn: cfg.torn, acks: run.acks });
    expect(run.signal, context).toBe('SIGKILL');
    if (selfKill) killedBy.self++;
    else killedBy.parent++;
    if (cfg.torn) killedBy.torn++;

    const lastAck = Math.max(counter, ...run.acks);
    const opened = await openCounter(dir).catch((e: unknown) => {
      throw new Error(`vault did not open after ${context}: ${String(e)}`);
    });
    // The write in flight when the kill landed may or may not have been published by its rename.
    expect([lastAck, lastAck + 1], context).toContain(opened);
    for (const b of await new AtomicVaultFile(join(dir, 'vault.json')).backups()) {
      await openWithPassword(decodeVaultFile(b.bytes), TEST_PASSWORD);
    }
    counter = opened;
  }
  // Leftover temp files are cleaned by the next write; at most the last crash's remain.
  expect((await readdir(dir)).filter((f) => f.includes('.tmp-')).length).toBeLessThanOrEqual(2);
  return { ...killedBy, counter };
}

describe(`a process killed while writing the vault (${ITERATIONS} iterations, seed ${SEED})`, () => {
  it('always leaves a vault that opens with the last completed write, and backups that open', async () => {
    const half = Math.ceil(ITERATIONS / 2);
    const lanes = await Promise.all([lane(0, half), lane(1, ITERATIONS - half)]);
    const total = lanes.reduce((n, l) => n + l.parent + l.self, 0);
    expect(total).toBe(ITERATIONS);
    expect(lanes.reduce((n, l) => n + l.torn, 0)).toBeGreaterThan(0);
    for (const l of lanes) expect(l.counter).toBeGreaterThan(0);
  }, 300_000);
});
