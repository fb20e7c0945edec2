import { readlinkSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { LineFramer } from '../main/agent/LineFramer.js';
import { AGENT_PROTOCOL_VERSION, MAX_RESPONSE_BYTES, type AgentOp, type AgentResponse, type AgentResults, type CallerClaim } from '../main/agent/protocol.js';
import { CliError, EXIT, exitCodeFor } from './exitCodes.js';

type Op = Exclude<AgentOp, { op: 'hello' }>;

const NOT_RUNNING = (endpoint: string): string =>
  `Token Vault is not running (nothing answers at ${endpoint}). Start the app, unlock it, then run this again.` +
  ' If the app runs with another data folder, set TOKENVAULT_SOCKET to its agent socket.';

/** Linux: the inode of our end of the connection, so the agent can find this socket in /proc/<pid>/fd. */
function ownSocket(socket: Socket): { socketInode: number; socketFd: number } | undefined {
  if (process.platform !== 'linux') return undefined;
  const fd = (socket as unknown as { _handle?: { fd?: number } })._handle?.fd;
  if (typeof fd !== 'number' || fd < 0) return undefined;
  try {
    const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
    return m ? { socketInode: Number(m[1]), socketFd: fd } : undefined;
  } catch {
    return undefined;
  }
}

/** Our arguments, for the prompt only: bounded so a long `exec` command line still fits in one request. */
function shownArgs(args: string[]): string[] {
  const out: string[] = [];
  let size = 0;
  for (const a of args.slice(0, 32)) {
    const part = a.length > 200 ? `${a.slice(0, 199)}…` : a;
    if ((size += part.length) > 2000) {
      out.push('…');
      break;
    }
    out.push(part);
  }
  return out;
}

/**
 * One request to the agent: connect, send hello and the request in one write, wait for the answer
 * to the request. A person may take a while to answer the prompt, so there is no timeout; Ctrl+C ends it.
 */
export function callAgent<K extends Op['op']>(endpoint: string, op: Extract<Op, { op: K }>): Promise<AgentResults[K]> {
  return new Promise((resolve, reject) => {
    const socket = connect(endpoint);
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      fn();
    };
    socket.once('connect', () => {
      const caller: CallerClaim = { pid: process.pid, ppid: process.ppid, cwd: process.cwd(), argv: shownArgs(process.argv.slice(2)) };
      const own = ownSocket(socket);
      if (own) Object.assign(caller, own);
      const hello = { v: AGENT_PROTOCOL_VERSION, id: 1, op: 'hello', client: 'tokenvault', caller };
      socket.write(`${JSON.stringify(hello)}\n${JSON.stringify({ v: AGENT_PROTOCOL_VERSION, id: 2, ...op })}\n`);
    });
    const framer = new LineFramer(MAX_RESPONSE_BYTES, {
      oversized: () => finish(() => reject(new CliError('Token Vault sent an answer too large to read.', EXIT.failure))),
      line: (text) => {
        let r: AgentResponse;
        try {
          r = JSON.parse(text) as AgentResponse;
        } catch {
          return finish(() => reject(new CliError('Token Vault sent an answer this tokenvault cannot read. Use the tokenvault that came with the app.', EXIT.failure)));
        }
        if (r.ok && r.id === 2) return finish(() => resolve(r.result as AgentResults[K]));
        if (!r.ok) return finish(() => reject(new CliError(r.error.message, exitCodeFor(r.error.code))));
      },
    });
    socket.on('data', (chunk: Buffer) => framer.push(chunk));
    socket.once('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? '';
      if (code === 'ENOENT' || code === 'ECONNREFUSED') return finish(() => reject(new CliError(NOT_RUNNING(endpoint), EXIT.notRunning)));
      if (code === 'EACCES' || code === 'EPERM') {
        return finish(() => reject(new CliError(`Not allowed to connect to ${endpoint}: the agent socket belongs to another user. Run tokenvault as the user running the app.`, EXIT.notRunning)));
      }
      finish(() => reject(new CliError(`Lost the connection to Token Vault (${code || e.message}). Run the command again.`, EXIT.failure)));
    });
    socket.once('close', () => finish(() => reject(new CliError('Token Vault closed the connection before answering (did it quit or lock?). Run the command again.', EXIT.failure))));
  });
}
