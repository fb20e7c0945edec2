import { chmod, lstat, mkdir, unlink } from 'node:fs/promises';
import { connect, type Server } from 'node:net';
import { dirname } from 'node:path';
import { isPipePath } from './endpoint.js';

/** Why the agent could not listen; main logs it and runs without the agent. */
export class AgentListenError extends Error {
  readonly reason: 'in-use' | 'unsafe-path' | 'path-too-long';
  constructor(reason: AgentListenError['reason'], message: string) {
    super(message);
    this.name = 'AgentListenError';
    this.reason = reason;
  }
}

/** sun_path is 108 bytes on Linux and 104 on macOS, terminator included. */
const maxSocketPath = (platform: NodeJS.Platform): number => (platform === 'darwin' ? 103 : 107);

/**
 * Listens on `endpoint` so that only this user can connect.
 *
 * Unix: the socket lives in its own directory, created 0700 (and tightened to 0700 if it exists and
 * is ours); a directory that is a symlink or belongs to someone else is refused. The socket is then
 * chmod 0600 — the directory is what closes the window between bind() and chmod(). A socket file
 * left by a crash is replaced only after a connect to it fails; if something answers, another
 * instance is alive and we refuse rather than take its socket over. Anything at the path that is
 * not a socket is never deleted.
 *
 * Windows: a named pipe. Node cannot set a DACL; a pipe's default DACL gives write (and so
 * connect-for-requests) access only to its creator, SYSTEM and Administrators. A pipe name can have
 * only one server family, so a second instance's listen fails with EADDRINUSE, reported as in-use.
 */
export async function listenOwnerOnly(server: Server, endpoint: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  if (platform === 'win32' || isPipePath(endpoint)) {
    // A pipe is not a file: no directory, no mode, no stale-socket check and above all no unlink, which
    // on a pipe name could only ever hit whatever a path of that spelling means to the file system.
    // Nor can a pipe go stale: it ends with the last handle of the process that served it.
    if (platform !== 'win32' || !isPipePath(endpoint)) {
      throw new AgentListenError('unsafe-path', `${endpoint} is not a ${platform === 'win32' ? 'named pipe (\\\\.\\pipe\\…)' : 'socket path on this system'}; the agent will not listen there.`);
    }
    try {
      await listen(server, endpoint);
    } catch (e) {
      if (errno(e) === 'EADDRINUSE') throw new AgentListenError('in-use', 'Another Token Vault is already serving the command line.');
      throw e;
    }
    return;
  }
  if (Buffer.byteLength(endpoint) > maxSocketPath(platform)) {
    throw new AgentListenError('path-too-long', `The agent socket path is too long for this system (${Buffer.byteLength(endpoint)} bytes): ${endpoint}`);
  }
  await ownerOnlyDir(dirname(endpoint));
  try {
    await listen(server, endpoint);
  } catch (e) {
    if (errno(e) !== 'EADDRINUSE') throw e;
    if (await answers(endpoint)) throw new AgentListenError('in-use', 'Another Token Vault is already serving the command line from this data folder.');
    const st = await lstat(endpoint);
    if (!st.isSocket()) throw new AgentListenError('unsafe-path', `${endpoint} exists and is not a socket; it was left alone. Move it away and restart Token Vault.`);
    // A crashed instance's socket: nobody answers on it, so it is safe to replace.
    await unlink(endpoint);
    await listen(server, endpoint);
  }
  await chmod(endpoint, 0o600);
}

async function ownerOnlyDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const st = await lstat(dir);
  if (!st.isDirectory()) throw new AgentListenError('unsafe-path', `${dir} is not a directory (a symlink?); the agent will not listen there.`);
  if (typeof process.getuid === 'function' && st.uid !== process.getuid()) {
    throw new AgentListenError('unsafe-path', `${dir} belongs to another user; the agent will not listen there.`);
  }
  if ((st.mode & 0o777) !== 0o700) await chmod(dir, 0o700);
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error): void => {
      server.off('listening', onListening);
      reject(e);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ path, readableAll: false, writableAll: false });
  });
}

/** True when something accepts a connection on the socket (a live agent). */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function errno(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}
