/**
 * The whole `tokenvault` process, as a script pays for it: `tokenvault get ACCOUNT` with a live token
 * and a standing grant (Node start-up, connect, hello + get, the agent's /proc checks, reveal and audit
 * writes, print) over a bare `node -e 0`; and `tokenvault exec ACCOUNT -- true` over a bare Node
 * process that spawns `true` and waits for it. The agent runs in this process over the real services
 * (cheap KDF: unlocking is not measured). Paired per iteration, alternating which goes first.
 * Run: node --import tsx tools/bench/cli.bench.ts (after `npm run build:cli`, or it builds one).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ALLOW_FOR } from '../../main/agent/AgentApprovals.js';
import { startAgent } from '../../main/agent/startAgent.js';
import { systemClock } from '../../main/core/clock.js';
import type { Presence } from '../../main/core/presence/Presence.js';
import { startFakeAzion } from '../../test/fakes/index.js';
import { cliBundle } from '../../test/support/agentHarness.js';
import { startTestServices } from '../../test/support/testServices.js';
import { ratio, report, stat, type Stat } from './stats.js';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 25);
const WARMUP = 3;
const ROOT = resolve(import.meta.dirname, '../..');
const built = join(ROOT, 'out/cli/tokenvault.cjs');
const cli = existsSync(built) ? built : cliBundle();

function wall(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', fail);
    child.once('exit', (code) => (code === 0 ? done(performance.now() - t0) : fail(new Error(`${cmd} ${args.join(' ')} exited ${code}`))));
  });
}

async function paired(app: () => Promise<number>, base: () => Promise<number>): Promise<{ app: number[]; base: number[] }> {
  for (let i = 0; i < WARMUP; i++) {
    await app();
    await base();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    if (i % 2 === 0) {
      a.push(await app());
      b.push(await base());
    } else {
      b.push(await base());
      a.push(await app());
    }
  }
  return { app: a, base: b };
}

const r3 = (s: Stat): Stat => ({ median: Math.round(s.median * 1000) / 1000, min: Math.round(s.min * 1000) / 1000, max: Math.round(s.max * 1000) / 1000 });

const azion = await startFakeAzion({ accounts: [{ email: 'bench@example.com', password: 'bench-password-not-real' }] });
const t = await startTestServices({ clock: systemClock });
const s = t.services;
await s.vault.create('bench master password');
await s.accounts.add({ kind: 'azion', label: 'azion-prod', email: 'bench@example.com', password: 'bench-password-not-real', mode: 'session', authBase: azion.url, apiBase: azion.url, checkBase: azion.url });
// The person allowed this bench (the CLI's parent) for the account: every run has a standing grant.
const presence: Presence = { ask: async () => ALLOW_FOR, recentInput: () => false };
const agent = await startAgent({
  services: s,
  grants: s.agentGrants,
  auditLog: s.auditLog,
  presence,
  clock: systemClock,
  logger: { debug() {}, info() {}, warn() {}, error() {} },
  dataDir: t.dataDir,
  requestUnlock: () => undefined,
});
const env = { PATH: process.env['PATH'], TOKENVAULT_SOCKET: agent.endpoint };
try {
  // The first get mints the live token and takes the grant; the runs after reuse both.
  await wall(process.execPath, [cli, 'get', 'azion-prod'], env);
  const get = await paired(
    () => wall(process.execPath, [cli, 'get', 'azion-prod'], env),
    () => wall(process.execPath, ['-e', '0'], env),
  );
  const exec = await paired(
    () => wall(process.execPath, [cli, 'exec', 'azion-prod', '--', 'true'], env),
    () => wall(process.execPath, ['-e', `require('child_process').spawn('true',{stdio:'inherit'}).on('exit',(c)=>process.exit(c))`], env),
  );
  const result = {
    runs: RUNS,
    getRatio: r3(ratio(get.app, get.base)),
    getMs: r3(stat(get.app)),
    nodeMs: r3(stat(get.base)),
    execRatio: r3(ratio(exec.app, exec.base)),
    execMs: r3(stat(exec.app)),
    nodeSpawnTrueMs: r3(stat(exec.base)),
    minted: (await s.tokens.list()).length,
  };
  console.log(JSON.stringify(result, null, 2));
  report('cli', result);
} finally {
  await agent.close();
  await t.close();
  await azion.close();
}
