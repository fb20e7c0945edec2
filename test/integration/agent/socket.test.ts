import { spawn } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AgentListenError } from '../../../main/agent/listenOwnerOnly.js';
import { startAgent, type Agent } from '../../../main/agent/startAgent.js';
import { startAgentWorld, type AgentWorld } from '../../support/agentHarness.js';

vi.setConfig({ testTimeout: 30_000 });

let w: AgentWorld | undefined;
const extra: Agent[] = [];
afterEach(async () => {
  for (const a of extra.splice(0)) await a.close();
  await w?.close();
  w = undefined;
});

/** A second agent over the same services, as a second app instance on the same data folder would start one. */
function secondAgent(world: AgentWorld, endpoint = world.agent.endpoint): Promise<Agent> {
  const s = world.t.services;
  return startAgent({
    services: s,
    grants: s.agentGrants,
    auditLog: s.auditLog,
    presence: world.presence,
    clock: world.clock,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    dataDir: world.t.dataDir,
    endpoint,
    requestUnlock: () => undefined,
  });
}

/** Leaves a socket file behind the way a crash does: a process listening on it is SIGKILLed. */
async function crashedSocket(path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(path)},()=>console.log('up'))`], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  expect((await lstat(path)).isSocket()).toBe(true);
}

describe.skipIf(process.platform === 'win32')('the agent socket', () => {
  it('is a 0600 socket in a 0700 directory under the data folder', async () => {
    w = await startAgentWorld();
    expect(w.agent.endpoint).toBe(join(w.t.dataDir, 'agent', 'agent.sock'));
    const dir = await stat(dirname(w.agent.endpoint));
    const sock = await lstat(w.agent.endpoint);
    expect(dir.mode & 0o777).toBe(0o700);
    expect(sock.isSocket()).toBe(true);
    expect(sock.mode & 0o777).toBe(0o600);
  });

  it('tightens an existing agent directory that others could read', async () => {
    w = await startAgentWorld();
    const dir = await mkdtemp(join(tmpdir(), 'tv-loose-'));
    try {
      await mkdir(join(dir, 'agent'), { mode: 0o755 });
      extra.push(await secondAgent(w, join(dir, 'agent', 'agent.sock')));
      expect((await stat(join(dir, 'agent'))).mode & 0o777).toBe(0o700);
    } finally {
      for (const a of extra.splice(0)) await a.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a second instance never takes over a live socket; the first keeps serving', async () => {
    w = await startAgentWorld();
    const second = secondAgent(w);
    await expect(second).rejects.toBeInstanceOf(AgentListenError);
    await expect(second).rejects.toMatchObject({ reason: 'in-use' });
    const r = await w.cli(['status']);
    expect(r).toMatchObject({ code: 0, stdout: 'Token Vault is running; the vault is unlocked.\n' });
  });

  it('replaces the stale socket a crash left behind', async () => {
    w = await startAgentWorld();
    const path = join(w.t.dataDir, 'other', 'agent.sock');
    await crashedSocket(path);
    extra.push(await secondAgent(w, path));
    const r = await w.cli(['status'], { env: { TOKENVAULT_SOCKET: path } });
    expect(r.code).toBe(0);
    expect((await lstat(path)).mode & 0o777).toBe(0o600);
  });

  it('never deletes something at the socket path that is not a socket', async () => {
    w = await startAgentWorld();
    const path = join(w.t.dataDir, 'agent', 'not-a-socket');
    await writeFile(path, 'keep me');
    // A regular file makes listen fail with EADDRINUSE, like a socket would.
    await expect(secondAgent(w, path)).rejects.toMatchObject({ reason: 'unsafe-path' });
    expect(await readFile(path, 'utf8')).toBe('keep me');
  });

  it('closing the app removes its socket, and the CLI then says the app is not running', async () => {
    w = await startAgentWorld();
    await w.agent.close();
    await expect(lstat(w.agent.endpoint)).rejects.toMatchObject({ code: 'ENOENT' });
    const r = await w.cli(['list']);
    expect(r.code).toBe(7);
  });
});
