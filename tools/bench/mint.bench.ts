/**
 * What the app adds to a mint, measured against a raw `fetch` of the same requests to the same fake
 * peer on 127.0.0.1. Run with `npx tsx tools/bench/mint.bench.ts` or through `tools/bench/run.ts`.
 * Prints JSON: per peer, p50/p95 ratios (app / raw) and latencies, each as median/min/max over runs.
 *
 * What "raw" means per peer:
 * - azion: one POST /tokens with the same headers, body read as JSON.
 * - ocean (Python Provider): GET nonce + GET createAuthToken with a signature computed beforehand,
 *   so the app's share includes signing (ethers, ~1 ms) — it is work the app must do; `signP50Ms`
 *   shows how much of the gap it is.
 */
import { performance } from 'node:perf_hooks';
import { getBytes, id, Wallet } from 'ethers';
import { systemClock } from '../../main/core/clock.js';
import { createHttpClient } from '../../main/core/http/createHttpClient.js';
import { HTTP_DEFAULTS } from '../../main/core/http/httpTypes.js';
import { createAzionProvider } from '../../main/core/providers/azion/azionProvider.js';
import { basicAuth } from '../../main/core/providers/azion/azionSession.js';
import { createMemoryExpirationLedger } from '../../main/core/providers/memoryExpirationLedger.js';
import { createOceanProvider } from '../../main/core/providers/ocean/oceanProvider.js';
import { startFakeAzion } from '../../test/fakes/fakeAzion.js';
import { startFakeOceanProvider } from '../../test/fakes/fakeOceanProvider.js';
import { TEST_KEY } from '../../test/fakes/vectors.js';
import { report } from './stats.js';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 7);
const ITERATIONS = Number(process.env['BENCH_ITERATIONS'] ?? 150);
const WARMUP = 30;

interface RunStats {
  appP50: number;
  appP95: number;
  rawP50: number;
  rawP95: number;
  extraP50?: number;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Alternates app and raw each iteration so drift (GC, CPU frequency) hits both alike. */
async function measure(app: () => Promise<unknown>, raw: () => Promise<unknown>): Promise<RunStats> {
  for (let i = 0; i < WARMUP; i++) {
    await app();
    await raw();
  }
  const a: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    if (i % 2 === 0) {
      a.push(await time(app));
      r.push(await time(raw));
    } else {
      r.push(await time(raw));
      a.push(await time(app));
    }
  }
  return { appP50: percentile(a, 50), appP95: percentile(a, 95), rawP50: percentile(r, 50), rawP95: percentile(r, 95) };
}

function summarize(runs: RunStats[]): Record<string, unknown> {
  const stat = (values: number[], digits = 3): { median: number; min: number; max: number } => {
    const round = (x: number): number => Number(x.toFixed(digits));
    return { median: round(percentile(values, 50)), min: round(Math.min(...values)), max: round(Math.max(...values)) };
  };
  const out: Record<string, unknown> = {
    p50Ratio: stat(runs.map((s) => s.appP50 / s.rawP50)),
    p95Ratio: stat(runs.map((s) => s.appP95 / s.rawP95)),
    appP50Ms: stat(runs.map((s) => s.appP50)),
    appP95Ms: stat(runs.map((s) => s.appP95)),
    rawP50Ms: stat(runs.map((s) => s.rawP50)),
    rawP95Ms: stat(runs.map((s) => s.rawP95)),
    runs: runs.length,
    iterationsPerRun: ITERATIONS,
  };
  if (runs.every((s) => s.extraP50 !== undefined)) out['signP50Ms'] = stat(runs.map((s) => s.extraP50 ?? 0));
  return out;
}

async function benchAzion(): Promise<Record<string, unknown>> {
  const email = 'bench@example.com';
  const password = 'bench-password';
  const fake = await startFakeAzion({ accounts: [{ email, password }] });
  fake.behaviour.rateLimitPerMinute = Number.POSITIVE_INFINITY;
  const http = createHttpClient({ clock: systemClock, ...HTTP_DEFAULTS });
  const provider = createAzionProvider({ http, clock: systemClock });
  const config = { kind: 'azion' as const, authBase: fake.url, apiBase: fake.url, checkBase: fake.url, mode: 'session' as const, email };
  const secrets = { kind: 'azion' as const, password };
  const headers = { Accept: 'application/json; version=3', 'Content-Type': 'application/json', Authorization: basicAuth(email, password) };
  const runs: RunStats[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      runs.push(
        await measure(
          () => provider.mint({ config, secrets }),
          async () => {
            const res = await fetch(`${fake.url}/tokens`, { method: 'POST', headers });
            const body = (await res.json()) as { token?: string };
            if (!body.token) throw new Error('raw mint failed');
          },
        ),
      );
      fake.sessions().clear();
      fake.reset();
    }
  } finally {
    await fake.close();
  }
  return summarize(runs);
}

async function benchOcean(): Promise<Record<string, unknown>> {
  const fake = await startFakeOceanProvider();
  const http = createHttpClient({ clock: systemClock, ...HTTP_DEFAULTS });
  // Public Hardhat/Anvil test key #0 (vectors.json): never real funds.
  const wallet = new Wallet(TEST_KEY.privateKey);
  const address = wallet.address;
  const provider = createOceanProvider({ http, clock: systemClock, ledger: createMemoryExpirationLedger() });
  const config = { kind: 'ocean' as const, providerUrl: fake.url, address, flavour: 'auto' as const };
  const secrets = { kind: 'ocean' as const, privateKey: TEST_KEY.privateKey };
  // The stored nonce never moves for auth calls, so one signature serves every raw request.
  const nonce = '2';
  const signature = await wallet.signMessage(getBytes(id(`${address}${nonce}`)));
  let rawExpiration = Math.floor(Date.now() / 1000) + 10 * 86_400;
  let appExpiration = Date.now() + 20 * 86_400_000;
  const runs: RunStats[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const stats = await measure(
        () => provider.mint({ config, secrets, expiresAt: (appExpiration += 1000) }),
        async () => {
          const n = (await (await fetch(`${fake.url}/api/services/nonce?userAddress=${address}`)).json()) as { nonce: string };
          if (n.nonce !== '1') throw new Error('unexpected nonce');
          const q = new URLSearchParams({ address, nonce, expiration: String((rawExpiration += 1)), signature });
          const res = await fetch(`${fake.url}/api/services/createAuthToken?${q.toString()}`);
          const body = (await res.json()) as { token?: string };
          if (!body.token) throw new Error('raw mint failed');
        },
      );
      const signs: number[] = [];
      for (let i = 0; i < 50; i++) signs.push(await time(() => wallet.signMessage(getBytes(id(`${address}${nonce}`)))));
      stats.extraP50 = percentile(signs, 50);
      runs.push(stats);
      fake.reset();
    }
  } finally {
    await fake.close();
  }
  return summarize(runs);
}

const azion = await benchAzion();
const ocean = await benchOcean();
console.log(JSON.stringify({ node: process.version, azion, ocean }, null, 2));
report('mint', { node: process.version, azion, ocean });
