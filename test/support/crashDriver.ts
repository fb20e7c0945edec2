/**
 * Kills processes while they write a vault, then checks the vault still opens with the last
 * acknowledged write and every backup opens too. Shared by the integration crash test (100 kills)
 * and the reliability suite (200 kills); the worker is test/integration/vault/crashWorker.ts.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { expect } from 'vitest';
import { systemClock } from '../../main/core/clock.js';
import { createLogger } from '../../main/core/log.js';
import { Redactor } from '../../main/core/redact.js';
import { AtomicVaultFile } from '../../main/core/vault/AtomicVaultFile.js';
import { Vault } from '../../main/core/vault/Vault.js';
import { openJournal } from '../../main/core/vault/journalFormat.js';
import { openWithPassword } from '../../main/core/vault/vaultCrypto.js';
import { decodeVaultFile } from '../../main/core/vault/vaultFileDecode.js';
import type { CrashWorkerConfig } from '../integration/vault/crashWorker.js';
import { TEST_KDF, TEST_PASSWORD } from './vaultHarness.js';
import { prng } from './prng.js';

export interface CrashRunOptions {
  iterations: number;
  /** Seeds the kill moments; print it with any failure so the run can be replayed. */
  seed: number;
}

export interface CrashLaneSummary {
  /** Kills by the parent (SIGKILL after a random number of acks). */
  parent: number;
  /** Kills by the worker itself at a random file operation. */
  self: number;
  /** Self-kills that wrote only half a buffer first. */
  torn: number;
  /** Self-kills in a journal append, and in writing a new vault file (compaction). */
  inJournal: number;
  inCompaction: number;
  /** The write counter the vault held after the last kill. */
  counter: number;
}

interface Run {
  acks: number[];
  died?: string;
  signal: NodeJS.Signals | null;
}

const silent = createLogger({ write: () => undefined }, new Redactor());

/** Bundled once with esbuild, so each spawn starts in milliseconds. */
async function buildWorker(outDir: string): Promise<string> {
  const outfile = join(outDir, 'crashWorker.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('../integration/vault/crashWorker.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

/** Runs the worker; with killAfterAcks > 0 the parent SIGKILLs it as soon as it has seen that many acks. */
function runWorker(worker: string, cfg: CrashWorkerConfig, killAfterAcks: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, JSON.stringify(cfg)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: number[] = [];
    let died: string | undefined;
    let buffered = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('died ')) died = line.slice(5);
        else acks.push(Number(line.replace('ack ', '')));
      }
      if (killAfterAcks > 0 && acks.length >= killAfterAcks) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== null && code !== 0) reject(new Error(`worker failed (${code}): ${stderr}`));
      else resolve({ acks, signal, ...(died ? { died } : {}) });
    });
  });
}

function vaultIn(dir: string): Vault {
  return new Vault({ file: new AtomicVaultFile(join(dir, 'vault.json')), clock: systemClock, redactor: new Redactor(), logger: silent, kdf: TEST_KDF });
}

async function openCounter(dir: string): Promise<number> {
  const vault = vaultIn(dir);
  await vault.unlock(TEST_PASSWORD);
  return vault.read().oceanExpirations['crash']?.[0] ?? 0;
}

async function openBackupWithJournal(dir: string, bytes: Buffer): Promise<void> {
  const opened = await openWithPassword(decodeVaultFile(bytes), TEST_PASSWORD);
  if (opened.journalName === undefined || !opened.store) return;
  const journal = await readFile(join(dir, opened.journalName)).catch(() => Buffer.alloc(0));
  openJournal(journal, opened.store.journalKey, { vaultId: opened.material.vaultId, epoch: opened.generation });
}

/** One chain of kills on one vault directory; two run side by side (one per core). */
async function lane(worker: string, dir: string, lane: number, iterations: number, seed: number): Promise<CrashLaneSummary> {
  const random = prng(seed + lane);
  await vaultIn(dir).create(TEST_PASSWORD);

  let counter = 0;
  const killedBy = { parent: 0, self: 0, torn: 0, inJournal: 0, inCompaction: 0 };
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
    const run = await runWorker(worker, cfg, selfKill ? 0 : 1 + Math.floor(random() * 4));
    const context = JSON.stringify({ lane, iteration: i, seed, crashAt: cfg.crashAt, torn: cfg.torn, acks: run.acks });
    expect(run.signal, context).toBe('SIGKILL');
    if (selfKill) killedBy.self++;
    else killedBy.parent++;
    if (cfg.torn) killedBy.torn++;
    if (run.died === 'journal') killedBy.inJournal++;
    if (run.died === 'compaction') killedBy.inCompaction++;

    const lastAck = Math.max(counter, ...run.acks);
    const opened = await openCounter(dir).catch((e: unknown) => {
      throw new Error(`vault did not open after ${context}: ${String(e)}`);
    });
    // The write in flight when the kill landed may or may not have been published by its rename.
    expect([lastAck, lastAck + 1], context).toContain(opened);
    // Every backup opens, with the journal that extends it (kept beside it, never rewritten).
    for (const b of await new AtomicVaultFile(join(dir, 'vault.json')).backups()) {
      await openBackupWithJournal(dir, b.bytes);
    }
    counter = opened;
  }
  // Leftover temp files are cleaned by the next write; at most the last crash's remain.
  expect((await readdir(dir)).filter((f) => f.includes('.tmp-')).length).toBeLessThanOrEqual(2);
  return { ...killedBy, counter };
}

/**
 * Kills `iterations` worker processes in two parallel lanes (half killed by the parent after a random
 * number of acknowledged writes, half by themselves at a random file operation, some mid-write),
 * asserting after each kill. Returns one summary per lane.
 */
export async function runCrashIterations(options: CrashRunOptions): Promise<CrashLaneSummary[]> {
  const work = await mkdtemp(join(tmpdir(), 'tv-crash-'));
  try {
    const worker = await buildWorker(work);
    const half = Math.ceil(options.iterations / 2);
    return await Promise.all([
      lane(worker, join(work, 'vault-0'), 0, half, options.seed),
      lane(worker, join(work, 'vault-1'), 1, options.iterations - half, options.seed),
    ]);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The assertions both crash tests make on the whole run. */
export function expectCrashRunComplete(lanes: CrashLaneSummary[], iterations: number): void {
  expect(lanes.reduce((n, l) => n + l.parent + l.self, 0)).toBe(iterations);
  expect(lanes.reduce((n, l) => n + l.torn, 0)).toBeGreaterThan(0);
  expect(lanes.reduce((n, l) => n + l.inJournal, 0)).toBeGreaterThan(0);
  expect(lanes.reduce((n, l) => n + l.inCompaction, 0)).toBeGreaterThan(0);
  for (const l of lanes) expect(l.counter).toBeGreaterThan(0);
}
