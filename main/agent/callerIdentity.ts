import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import type { CallerClaim } from './protocol.js';

/** Who is asking: the process that ran the CLI, as far as the OS lets us confirm it. */
export interface CallerIdentity {
  /** Grants are keyed on it: the calling process's executable, pid and start time (Linux). */
  key: string;
  pid: number;
  exe: string;
  command: string[];
  cwd: string;
  /** True when the CLI's pid, parent and socket were confirmed in /proc and the caller read from there. */
  verified: boolean;
  /** The tokenvault process itself. */
  cliPid: number;
  cliArgv: string[];
}

/** The parts of node:fs the checks read, so tests can point them at a fake /proc. */
export interface ProcFs {
  readlink(path: string): Promise<string>;
  readFile(path: string): Promise<string>;
  readdir(path: string): Promise<string[]>;
  uidOf(path: string): Promise<number>;
}

/**
 * /proc is served from kernel memory, not a disk: a synchronous read takes microseconds, while an
 * async one queues behind the libuv thread pool (which fsyncs and scrypt share) for milliseconds.
 */
export const nodeProcFs: ProcFs = {
  readlink: async (p) => readlinkSync(p),
  readFile: async (p) => readFileSync(p, 'utf8'),
  readdir: async (p) => readdirSync(p),
  uidOf: async (p) => statSync(p).uid,
};

/** The CLI's claims did not match the OS: the request is refused. */
export class CallerMismatch extends Error {}

/** Launchers between the person's program and the CLI (`npx tokenvault …`): the caller is above them. */
const LAUNCHER = /(?:^|\/)(?:npx|npm)(?:-cli\.js)?$|\/npm\/bin\/(?:npx|npm)-cli\.js$/;

/**
 * On Linux, checks the CLI's claims against /proc and reads the caller (its parent) from there:
 * - /proc/<pid> belongs to this user and its parent is the claimed ppid;
 * - /proc/<pid>/fd holds the socket whose inode the CLI says is its end of this connection.
 * What cannot be checked from Node: that this inode is the peer of the connection we accepted (that
 * needs SO_PEERCRED or sock_diag, which Node does not expose). A same-user process could therefore
 * name another running tokenvault's pid; same-user processes can also ptrace each other, so the
 * owner-only socket is the real boundary and this check names the caller for the person.
 * Elsewhere the claims are shown as reported, marked unverified.
 */
export async function identifyCaller(claim: CallerClaim, platform: NodeJS.Platform, fs: ProcFs = nodeProcFs, uid = process.getuid?.()): Promise<CallerIdentity> {
  if (platform !== 'linux' || uid === undefined) return reported(claim);
  const cli = await readStat(fs, claim.pid).catch(() => undefined);
  if (!cli) return reported(claim);
  if ((await fs.uidOf(`/proc/${claim.pid}`)) !== uid) throw new CallerMismatch('The calling process belongs to another user.');
  if (cli.ppid !== claim.ppid) throw new CallerMismatch('The calling process is not the one it says it is.');
  if (claim.socketInode !== undefined && !(await holdsSocket(fs, claim.pid, claim.socketInode, claim.socketFd))) {
    throw new CallerMismatch('The calling process does not hold this connection.');
  }
  let pid = claim.ppid;
  for (let hops = 0; hops < 4; hops++) {
    const command = await readCmdline(fs, pid);
    if (!command || !command.slice(0, 2).some((a) => LAUNCHER.test(a))) break;
    const up = await readStat(fs, pid).catch(() => undefined);
    if (!up || up.ppid <= 1) break;
    pid = up.ppid;
  }
  const [exe, command, cwd, st, owner] = await Promise.all([
    fs.readlink(`/proc/${pid}/exe`).catch(() => '(unreadable)'),
    readCmdline(fs, pid),
    fs.readlink(`/proc/${pid}/cwd`).catch(() => '(unreadable)'),
    readStat(fs, pid).catch(() => undefined),
    fs.uidOf(`/proc/${pid}`).catch(() => -1),
  ]);
  if (!st) throw new CallerMismatch('The process that ran tokenvault has already exited.');
  return {
    key: `linux|${pid}|${st.startTime}|${exe}`,
    pid,
    exe,
    command: command ?? [],
    cwd,
    verified: owner === uid && claim.socketInode !== undefined,
    cliPid: claim.pid,
    cliArgv: claim.argv,
  };
}

function reported(claim: CallerClaim): CallerIdentity {
  return {
    key: `reported|${claim.ppid}`,
    pid: claim.ppid,
    exe: '(not checked on this system)',
    command: [],
    cwd: claim.cwd,
    verified: false,
    cliPid: claim.pid,
    cliArgv: claim.argv,
  };
}

async function readStat(fs: ProcFs, pid: number): Promise<{ ppid: number; startTime: string }> {
  const text = await fs.readFile(`/proc/${pid}/stat`);
  // comm (field 2) may hold spaces and parentheses: the fields after it start after the last ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(rest[1]), startTime: rest[19] ?? '' };
}

async function readCmdline(fs: ProcFs, pid: number): Promise<string[] | undefined> {
  const text = await fs.readFile(`/proc/${pid}/cmdline`).catch(() => undefined);
  return text?.split('\0').filter((a, i, all) => a !== '' || i < all.length - 1);
}

async function holdsSocket(fs: ProcFs, pid: number, inode: number, fd?: number): Promise<boolean> {
  const want = `socket:[${inode}]`;
  if (fd !== undefined && (await fs.readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')) === want) return true;
  const fds = await fs.readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
  for (const fd of fds) {
    if ((await fs.readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')) === want) return true;
  }
  return false;
}

/** One line for prompts, audit details and the Settings list. */
export function describeCaller(c: Pick<CallerIdentity, 'exe' | 'pid' | 'cwd' | 'verified'>): string {
  return `${c.exe} (pid ${c.pid}${c.verified ? '' : ', unverified'}) in ${c.cwd}`;
}
