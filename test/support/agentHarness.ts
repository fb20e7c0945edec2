import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startAgent, type Agent } from '../../main/agent/startAgent.js';
import type { CallerIdentity } from '../../main/agent/callerIdentity.js';
import type { Presence } from '../../main/core/presence/Presence.js';
import { startFakeAzion, startFakeOceanProvider, type FakeAzion, type FakeOceanProvider } from '../fakes/index.js';
import { FakeClock } from './FakeClock.js';
import { TestPresence } from './TestPresence.js';
import { startTestServices, type TestServices } from './testServices.js';

const ROOT = resolve(import.meta.dirname, '../..');
let built: string | undefined;

/** Builds the real CLI bundle once per test process (build/scripts/build-cli.mjs, the one `npm run build` uses). */
export function cliBundle(): string {
  if (built) return built;
  const out = join(mkdtempSync(join(tmpdir(), 'tv-cli-')), 'tokenvault.cjs');
  const r = spawnSync(process.execPath, [join(ROOT, 'build/scripts/build-cli.mjs'), out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building the CLI failed: ${r.stderr}`);
  return (built = out);
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export const PASSWORD = 'agent test master password';
export const AZION = { email: 'cli@example.com', password: 'azion-cli-password-not-real' };

export interface AgentWorld {
  t: TestServices;
  agent: Agent;
  clock: FakeClock;
  presence: TestPresence;
  azion: FakeAzion;
  ocean: FakeOceanProvider;
  /** Who asked a locked vault to unlock. */
  unlockRequests: CallerIdentity[];
  /** Runs `tokenvault ARGS…` as a child process against this agent. */
  cli(args: string[], opts?: { env?: NodeJS.ProcessEnv; onSpawn?: (child: ChildProcess) => void }): Promise<CliRun>;
  /** Every token value in the vault now (for secret scans). */
  tokenValues(): string[];
  close(): Promise<void>;
}

/** The real services and agent with an unlocked vault holding an Azion and an Ocean account, over fake peers. */
export async function startAgentWorld(opts: { presence?: Presence; unlocked?: boolean } = {}): Promise<AgentWorld> {
  const clock = new FakeClock(Date.now());
  const azion = await startFakeAzion({ clock, accounts: [AZION] });
  const ocean = await startFakeOceanProvider({ clock });
  // One person answers main's every question: the agent's access prompts and the signing approval.
  const presence = (opts.presence as TestPresence | undefined) ?? new TestPresence(clock, 'wait');
  const t = await startTestServices({ clock, presence });
  const s = t.services;
  await s.vault.create(PASSWORD);
  const base = { authBase: azion.url, apiBase: azion.url, checkBase: azion.url };
  await s.accounts.add({ kind: 'azion', label: 'azion-prod', email: AZION.email, password: AZION.password, mode: 'session', ...base });
  await s.accounts.add({ kind: 'ocean', label: 'ocean', providerUrl: ocean.url, key: { type: 'generate' } });
  if (opts.unlocked === false) await s.vault.lock();
  const unlockRequests: CallerIdentity[] = [];
  const agent = await startAgent({
    services: s,
    grants: s.agentGrants,
    auditLog: s.auditLog,
    presence,
    clock,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    dataDir: t.dataDir,
    requestUnlock: (c) => unlockRequests.push(c),
  });
  const cliPath = cliBundle();
  return {
    t,
    agent,
    clock,
    presence,
    azion,
    ocean,
    unlockRequests,
    cli(args, o = {}) {
      return new Promise((done) => {
        const child = spawn(process.execPath, [cliPath, ...args], {
          env: { PATH: process.env['PATH'], ...o.env, TOKENVAULT_SOCKET: o.env?.['TOKENVAULT_SOCKET'] ?? agent.endpoint },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
        child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
        o.onSpawn?.(child);
        child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
      });
    },
    tokenValues: () => (s.vault.isUnlocked() ? s.vault.read().tokens.map((tk) => tk.value) : []),
    async close() {
      await agent.close();
      await t.close();
      await Promise.all([azion.close(), ocean.close()]);
    },
  };
}
