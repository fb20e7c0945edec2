/**
 * The agent's Windows endpoint, as far as it can be checked off Windows: the pipe name both sides
 * derive, and that listenOwnerOnly treats a pipe as a pipe (never the Unix socket's directory, modes,
 * stale-socket probe or unlink). The listening itself is Node's; a fake server stands in for it.
 */
import { EventEmitter } from 'node:events';
import { lstat, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { agentEndpoint, cliEndpoint, defaultDataDir, isPipePath, pipeName } from '../../../main/agent/endpoint.js';
import { AgentListenError, listenOwnerOnly } from '../../../main/agent/listenOwnerOnly.js';

const WIN_DATA = 'C:\\Users\\ada\\AppData\\Roaming\\Token Vault';

/** Records listen() calls and answers them as Node would: 'listening', or 'error' with `failWith`. */
function fakeServer(failWith?: string): { server: Server; listened: unknown[] } {
  const listened: unknown[] = [];
  const emitter = new EventEmitter();
  const server = Object.assign(emitter, {
    listen(options: unknown) {
      listened.push(options);
      queueMicrotask(() => (failWith ? emitter.emit('error', Object.assign(new Error(failWith), { code: failWith })) : emitter.emit('listening')));
      return server;
    },
  }) as unknown as Server;
  return { server, listened };
}

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the Windows pipe name', () => {
  it('is derived from the data folder, the same for the app and the CLI', () => {
    const name = agentEndpoint(WIN_DATA, 'win32');
    expect(name).toMatch(/^\\\\\.\\pipe\\token-vault-agent-[0-9a-f]{16}$/);
    expect(name).toBe(pipeName(WIN_DATA));
    // The CLI finds the data folder from APPDATA, as Electron's app.getPath('userData') does.
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada')).toBe(WIN_DATA);
    expect(defaultDataDir('win32', {}, 'C:\\Users\\ada')).toBe(WIN_DATA);
    expect(cliEndpoint('win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' })).toBe(name);
    expect(cliEndpoint('win32', { TOKEN_VAULT_DATA_DIR: WIN_DATA })).toBe(name);
  });

  it('ignores case (Windows paths do) and differs per data folder and so per user', () => {
    expect(pipeName(WIN_DATA.toUpperCase())).toBe(pipeName(WIN_DATA));
    expect(pipeName('C:\\Users\\bob\\AppData\\Roaming\\Token Vault')).not.toBe(pipeName(WIN_DATA));
    expect(pipeName('D:\\portable\\data')).not.toBe(pipeName(WIN_DATA));
  });

  it('is told apart from file paths', () => {
    for (const p of [pipeName(WIN_DATA), '\\\\?\\pipe\\x', '//./pipe/x']) expect(isPipePath(p), p).toBe(true);
    for (const p of ['/home/ada/.config/Token Vault/agent/agent.sock', 'C:\\pipe\\x', '\\\\server\\share\\pipe\\x', 'pipe']) expect(isPipePath(p), p).toBe(false);
  });
});

describe.skipIf(process.platform === 'win32')('listenOwnerOnly with a pipe (checked off Windows)', () => {
  it('listens on the pipe with the default (owner-only) access, touching nothing on disk', async () => {
    const { server, listened } = fakeServer();
    await listenOwnerOnly(server, pipeName(WIN_DATA), 'win32');
    expect(listened).toEqual([{ path: pipeName(WIN_DATA), readableAll: false, writableAll: false }]);
  });

  it('a pipe already served is another instance: refused as in-use, never unlinked or probed', async () => {
    // A socket file a crash left behind at the very path: the Unix branch would probe and unlink it.
    dir = await mkdtemp(join(tmpdir(), 'tv-pipe-'));
    const path = join(dir, 'agent.sock');
    await crashedSocket(path);
    const before = await lstat(path);
    const { server, listened } = fakeServer('EADDRINUSE');
    // On Windows the endpoint must be a pipe name: the same stale path is refused before anything runs.
    await expect(listenOwnerOnly(server, path, 'win32')).rejects.toMatchObject({ reason: 'unsafe-path' });
    expect(listened).toEqual([]);
    const after = await lstat(path);
    expect([after.isSocket(), after.ino, after.mode]).toEqual([true, before.ino, before.mode]);
    const inUse = listenOwnerOnly(fakeServer('EADDRINUSE').server, pipeName(WIN_DATA), 'win32');
    await expect(inUse).rejects.toBeInstanceOf(AgentListenError);
    await expect(inUse).rejects.toMatchObject({ reason: 'in-use' });
  });

  it('other listen errors come through as they are', async () => {
    await expect(listenOwnerOnly(fakeServer('EACCES').server, pipeName(WIN_DATA), 'win32')).rejects.toMatchObject({ code: 'EACCES' });
  });

  it('a pipe name on a Unix system is refused, not created as a file in the working directory', async () => {
    const { server, listened } = fakeServer();
    await expect(listenOwnerOnly(server, pipeName(WIN_DATA), 'linux')).rejects.toMatchObject({ reason: 'unsafe-path' });
    expect(listened).toEqual([]);
  });

  it('the Unix branch, by contrast, does replace that stale socket (so the check above can fail)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tv-pipe-'));
    await mkdir(join(dir, 'agent'), { mode: 0o700 });
    const path = join(dir, 'agent', 'agent.sock');
    await crashedSocket(path);
    expect((await stat(path)).mode & 0o777).not.toBe(0o600);
    const real = createServer();
    try {
      await listenOwnerOnly(real, path, 'linux');
      // Probed, unlinked and bound again: a new socket, closed to everyone else.
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      await new Promise<void>((resolve, reject) => connect(path).once('connect', function (this: Socket) { this.destroy(); resolve(); }).once('error', reject));
    } finally {
      await new Promise((resolve) => real.close(resolve));
    }
  });
});

/** A socket file left the way a crash leaves one: its server SIGKILLed. */
async function crashedSocket(path: string): Promise<void> {
  const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(path)},()=>console.log('up'))`], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
}
