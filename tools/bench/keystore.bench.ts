/**
 * What importing a keystore costs main's event loop, against deriving the same key on it.
 * - app: decryptKeystoreJson (main/core/accounts/keystoreDecrypt.ts): the KDF on a worker thread,
 *   then the MAC check and AES-CTR in main.
 * - baseline: the bare KDF (node:crypto pbkdf2Sync / scryptSync) on main, as an import did before.
 * Figures: `stallRatio` = the longest event-loop stall during the app's import / the baseline's
 * (the baseline stalls for its whole derivation; below 1 means main stays responsive), and
 * `timeRatio` = the app's total time / the baseline's (the worker's start-up is the difference).
 * Paired runs alternate which goes first. Keystores at geth's own costs: pbkdf2 c = 2^18, scrypt n = 2^18.
 * Run: node --import tsx tools/bench/keystore.bench.ts
 */
import { createCipheriv, pbkdf2Sync, randomBytes, scryptSync } from 'node:crypto';
import { keccak256 } from 'ethers';
import { decryptKeystoreJson } from '../../main/core/accounts/keystoreDecrypt.js';
import { TEST_KEY } from '../../test/fakes/vectors.js';
import { ratio, report, stat, type Stat } from './stats.js';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const PASSWORD = 'bench-keystore-password';

type Kdf = { kdf: 'pbkdf2'; c: number } | { kdf: 'scrypt'; n: number };

function derive(k: Kdf, salt: Buffer): Buffer {
  return k.kdf === 'pbkdf2' ? pbkdf2Sync(PASSWORD, salt, k.c, 32, 'sha256') : scryptSync(PASSWORD, salt, 32, { N: k.n, r: 8, p: 1, maxmem: 300 * 1024 * 1024 });
}

/** A v3 keystore of the public Hardhat/Anvil test key #0 (vectors.json, never real funds). */
function keystore(k: Kdf, salt: Buffer): string {
  const iv = randomBytes(16);
  const dk = derive(k, salt);
  const c = createCipheriv('aes-128-ctr', dk.subarray(0, 16), iv);
  const ciphertext = Buffer.concat([c.update(Buffer.from(TEST_KEY.privateKey.slice(2), 'hex')), c.final()]);
  const kdfparams = k.kdf === 'pbkdf2' ? { c: k.c, dklen: 32, prf: 'hmac-sha256', salt: salt.toString('hex') } : { n: k.n, r: 8, p: 1, dklen: 32, salt: salt.toString('hex') };
  const mac = keccak256(Buffer.concat([dk.subarray(16, 32), ciphertext])).slice(2);
  return JSON.stringify({ version: 3, crypto: { cipher: 'aes-128-ctr', ciphertext: ciphertext.toString('hex'), cipherparams: { iv: iv.toString('hex') }, kdf: k.kdf, kdfparams, mac } });
}

/** Total milliseconds, and the longest gap between 1 ms ticks of main's event loop meanwhile. */
async function observe(fn: () => unknown): Promise<{ ms: number; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 1);
  await new Promise((r) => setTimeout(r, 5));
  stallMs = 0;
  last = performance.now();
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 5)); // let a tick stuck behind a blocking call land
  clearInterval(tick);
  return { ms, stallMs };
}

async function measure(k: Kdf): Promise<{ stallRatio: Stat; timeRatio: Stat; appMs: Stat; appStallMs: Stat; baselineMs: Stat }> {
  const salt = randomBytes(32);
  const json = keystore(k, salt);
  if ((await decryptKeystoreJson(json, PASSWORD)).privateKey !== TEST_KEY.privateKey.toLowerCase()) throw new Error('the app decrypted something else');
  const app: Array<{ ms: number; stallMs: number }> = [];
  const base: Array<{ ms: number; stallMs: number }> = [];
  for (let i = 0; i < RUNS; i++) {
    const runApp = () => observe(() => decryptKeystoreJson(json, PASSWORD));
    const runBase = () => observe(() => derive(k, salt));
    if (i % 2 === 0) {
      app.push(await runApp());
      base.push(await runBase());
    } else {
      base.push(await runBase());
      app.push(await runApp());
    }
  }
  const r = (s: Stat): Stat => ({ median: Math.round(s.median * 1000) / 1000, min: Math.round(s.min * 1000) / 1000, max: Math.round(s.max * 1000) / 1000 });
  return {
    stallRatio: r(ratio(app.map((a) => a.stallMs), base.map((b) => b.stallMs))),
    timeRatio: r(ratio(app.map((a) => a.ms), base.map((b) => b.ms))),
    appMs: r(stat(app.map((a) => a.ms))),
    appStallMs: r(stat(app.map((a) => a.stallMs))),
    baselineMs: r(stat(base.map((b) => b.ms))),
  };
}

const pbkdf2 = await measure({ kdf: 'pbkdf2', c: 2 ** 18 });
const scrypt = await measure({ kdf: 'scrypt', n: 2 ** 18 });
const result = { runs: RUNS, ratio: scrypt.stallRatio, pbkdf2, scrypt, node_version: process.version };
console.log(JSON.stringify(result, null, 2));
report('keystore', result);
