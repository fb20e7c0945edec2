import { Worker } from 'node:worker_threads';

/** What the worker derives: exactly the KDF a version-3 keystore names, nothing else. */
export type KeystoreKdf =
  | { kdf: 'scrypt'; salt: Buffer; n: number; r: number; p: number; dklen: number }
  | { kdf: 'pbkdf2'; salt: Buffer; c: number; dklen: number };

/**
 * The worker's whole program. It is evaluated code with only node:crypto in it, so it needs no file
 * on disk next to the bundle (asar, electron-vite, vitest all run it the same way). It derives the
 * key synchronously: blocking its own thread is the point, main's event loop stays free.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { pbkdf2Sync, scryptSync } = require('node:crypto');
const d = workerData;
try {
  const key = d.kdf === 'scrypt'
    ? scryptSync(d.password, d.salt, d.dklen, { N: d.n, r: d.r, p: d.p, maxmem: 128 * d.n * d.r + 64 * 1024 * 1024 })
    : pbkdf2Sync(d.password, d.salt, d.c, d.dklen, 'sha256');
  parentPort.postMessage({ ok: true, key });
} catch (e) {
  parentPort.postMessage({ ok: false });
}
`;

/**
 * Derives a keystore's key on a worker thread, so an expensive (yet accepted) KDF never freezes
 * main. The cost was capped before (keystoreCost.ts); the password is NFKC-normalized UTF-8, as
 * ethers and geth encode it. Rejects with a plain Error on failure; callers map it.
 */
export function deriveKeystoreKey(params: KeystoreKdf, password: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ...params, password: Buffer.from(password.normalize('NFKC'), 'utf8') },
    });
    let settled = false;
    worker.once('message', (m: { ok: boolean; key?: Uint8Array }) => {
      settled = true;
      void worker.terminate();
      if (m.ok && m.key) resolve(Buffer.from(m.key));
      else reject(new Error('key derivation failed'));
    });
    worker.once('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.once('exit', () => {
      if (!settled) reject(new Error('key derivation worker exited'));
    });
  });
}
