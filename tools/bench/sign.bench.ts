/**
 * What the app's Ocean signing path costs over one bare secp256k1 signature of the same digest.
 * - app: what oceanProvider does per mint/revoke: walletFor (cached wallet, address check) and
 *   signForProvider / signForNode on the message (keccak, EIP-191 hash, sign, serialize).
 * - baseline: @noble/curves secp256k1.sign of the very same 32-byte EIP-191 digests with the same key
 *   (a new nonce each call on both sides, so the app's kept Provider signature is never reused here).
 *   (ethers 6 signs with its own bundled @noble/curves 1.x, which is faster here than the 2.x we have,
 *   so the app can come out below 1; `ratioVsEthersSign` divides by ethers' bare SigningKey.sign of the
 *   same digest instead, which is the app's own overhead over its signing primitive.)
 * Batches alternate app/baseline within each run; the ratio is paired per run.
 * Run: node --expose-gc --import tsx tools/bench/sign.bench.ts
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { getBytes, hashMessage, id, Signature, SigningKey } from 'ethers';
import { nodeMessage, providerMessage, signForNode, signForProvider, walletFor } from '../../main/core/providers/ocean/oceanSigning.js';
import type { OceanConfig, OceanSecrets } from '../../main/core/vault/vaultRecords.js';
import { TEST_KEY } from '../../test/fakes/vectors.js';
import { ratio, report, stat, type Stat } from './stats.js';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 9);
const BATCH = Number(process.env['BENCH_BATCH'] ?? 200);
const WARMUP_BATCHES = 2;

// The public Hardhat/Anvil test key #0 (vectors.json): never real funds.
const config: OceanConfig = { kind: 'ocean', providerUrl: 'https://provider.example', address: TEST_KEY.address, flavour: 'provider' };
const secrets: OceanSecrets = { kind: 'ocean', privateKey: TEST_KEY.privateKey };
const keyBytes = getBytes(TEST_KEY.privateKey);
// A new nonce each call: signForProvider keeps the last signature per wallet and message (a Provider
// never moves the nonce, so repeated mints reuse it), and this bench is about the signing itself.
const NONCES = Array.from({ length: 64 }, (_, i) => String(1700000000001 + i));

interface Path {
  app: (nonce: string) => Promise<string>;
  digest: (nonce: string) => Uint8Array;
}

const paths: Record<'provider' | 'node', Path> = {
  provider: {
    app: (nonce) => signForProvider(walletFor(config, secrets), providerMessage(TEST_KEY.address, nonce)),
    digest: (nonce) => getBytes(hashMessage(getBytes(id(providerMessage(TEST_KEY.address, nonce))))),
  },
  node: {
    app: (nonce) => signForNode(walletFor(config, secrets), nodeMessage(TEST_KEY.address, nonce, 'createAuthToken')),
    digest: (nonce) => getBytes(hashMessage(id(nodeMessage(TEST_KEY.address, nonce, 'createAuthToken')))),
  },
};

const bare = (digest: Uint8Array): Uint8Array => secp256k1.sign(digest, keyBytes, { prehash: false });
const signingKey = new SigningKey(TEST_KEY.privateKey);

/** Mean milliseconds per call over one batch. */
async function batch(fn: (i: number) => unknown): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < BATCH; i++) await fn(i);
  return (performance.now() - t0) / BATCH;
}

async function measure(path: Path): Promise<{ ratio: Stat; ratioVsEthersSign: Stat; appUs: Stat; bareUs: Stat; ethersSignUs: Stat }> {
  // Same digest, same key, same deterministic (RFC 6979) signature: the baseline does the same job.
  const digests = NONCES.map((n) => path.digest(n));
  for (const [i, n] of NONCES.entries()) {
    const appSig = Signature.from(await path.app(n));
    if (Buffer.from(bare(digests[i]!)).toString('hex') !== appSig.r.slice(2) + appSig.s.slice(2)) throw new Error('baseline signs something else');
  }
  const appCall = (i: number): Promise<string> => path.app(NONCES[i % NONCES.length]!);
  const digestOf = (i: number): Uint8Array => digests[i % digests.length]!;
  const app: number[] = [];
  const base: number[] = [];
  const eth: number[] = [];
  for (let i = 0; i < WARMUP_BATCHES + RUNS; i++) {
    const first = i % 2 === 0;
    const a1 = first ? await batch(appCall) : 0;
    const b = await batch((k) => bare(digestOf(k)));
    const e = await batch((k) => signingKey.sign(digestOf(k)));
    const a = first ? a1 : await batch(appCall);
    if (i < WARMUP_BATCHES) continue;
    app.push(a);
    base.push(b);
    eth.push(e);
  }
  const us = (ms: number[]): Stat => round(stat(ms.map((m) => m * 1000)));
  return { ratio: round(ratio(app, base)), ratioVsEthersSign: round(ratio(app, eth)), appUs: us(app), bareUs: us(base), ethersSignUs: us(eth) };
}

function round(s: Stat): Stat {
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  return { median: r(s.median), min: r(s.min), max: r(s.max) };
}

const provider = await measure(paths.provider);
const node = await measure(paths.node);
const result = { runs: RUNS, signaturesPerBatch: BATCH, ratio: provider.ratio, provider, node, node_version: process.version };
console.log(JSON.stringify(result, null, 2));
report('sign', result);
