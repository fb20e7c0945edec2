import { describe, expect, it } from 'vitest';
import { AgentGrants } from '../../../main/agent/AgentGrants.js';
import { CallerMismatch, identifyCaller, type CallerIdentity, type ProcFs } from '../../../main/agent/callerIdentity.js';
import { agentEndpoint, cliEndpoint, defaultDataDir } from '../../../main/agent/endpoint.js';
import { LineFramer } from '../../../main/agent/LineFramer.js';
import { parseDuration } from '../../../cli/duration.js';
import { parseArgs } from '../../../cli/args.js';
import { FakeClock } from '../../support/FakeClock.js';

function framed(max: number, chunks: string[]): string[] {
  const out: string[] = [];
  const f = new LineFramer(max, { line: (t) => out.push(t), oversized: () => out.push('<too large>') });
  for (const c of chunks) f.push(Buffer.from(c));
  return out;
}

describe('LineFramer', () => {
  it('splits lines across and within chunks, and drops a trailing CR', () => {
    expect(framed(100, ['a\nb', 'c\r\n', '\n', 'd'])).toEqual(['a', 'bc', '']);
  });
  it('reports an oversized line once, skips it to its newline, and goes on', () => {
    expect(framed(4, ['12', '345', '678\nok\n'])).toEqual(['<too large>', 'ok']);
    expect(framed(4, ['1234\n12345\n'])).toEqual(['1234', '<too large>']);
  });
});

describe('CLI arguments', () => {
  it('reads durations', () => {
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('90')).toBe(90_000);
    for (const bad of ['', 'm', '15 m', '1.5h', 'soon']) expect(parseDuration(bad)).toBeUndefined();
  });
  it('stops at -- and at the command after exec ACCOUNT', () => {
    const spec = { values: ['env'], flags: [], restAfter: 1 };
    expect(parseArgs(['acct', '--env', 'X', '--', 'ls', '--help'], spec)).toMatchObject({ positionals: ['acct'], rest: ['ls', '--help'] });
    expect(parseArgs(['acct', 'terraform', 'apply', '-auto-approve'], spec)).toMatchObject({ positionals: ['acct'], rest: ['terraform', 'apply', '-auto-approve'] });
    expect(() => parseArgs(['--nope'], spec)).toThrow(/Unknown option/);
  });
});

describe('endpoints', () => {
  it('derives the same socket for the app and the CLI', () => {
    const dir = defaultDataDir('linux', { XDG_CONFIG_HOME: '/x' }, '/home/u');
    expect(dir).toBe('/x/Token Vault');
    expect(cliEndpoint('linux', { XDG_CONFIG_HOME: '/x' })).toBe(agentEndpoint(dir, 'linux'));
    expect(cliEndpoint('linux', { TOKENVAULT_SOCKET: '/s' })).toBe('/s');
    expect(agentEndpoint('C:\\Users\\u\\AppData\\Roaming\\Token Vault', 'win32')).toMatch(/^\\\\\.\\pipe\\token-vault-agent-[0-9a-f]{16}$/);
  });
});

/** A /proc with a shell (100) that ran tokenvault (200), which holds socket 777. */
function fakeProc(over: Partial<Record<string, string>> = {}, uids: Record<string, number> = {}): ProcFs {
  const files: Record<string, string> = {
    '/proc/200/stat': '200 (node) S 100 200 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5000 0 0',
    '/proc/100/stat': '100 (ba sh) (x) S 1 100 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 4242 0 0',
    '/proc/100/cmdline': 'bash\0-l\0',
    ...over,
  };
  const links: Record<string, string> = { '/proc/100/exe': '/usr/bin/bash', '/proc/100/cwd': '/home/u/infra', '/proc/200/fd/0': '/dev/null', '/proc/200/fd/3': 'socket:[777]' };
  const missing = (p: string): Error => Object.assign(new Error(`ENOENT ${p}`), { code: 'ENOENT' });
  return {
    readFile: async (p) => files[p] ?? Promise.reject(missing(p)),
    readlink: async (p) => links[p] ?? Promise.reject(missing(p)),
    readdir: async (p) => (p === '/proc/200/fd' ? ['0', '3'] : Promise.reject(missing(p))),
    uidOf: async (p) => uids[p] ?? 1000,
  };
}

const claim = { pid: 200, ppid: 100, cwd: '/home/u/infra', argv: ['get', 'x'], socketInode: 777 };

describe('identifyCaller (Linux /proc)', () => {
  it('names the parent from /proc, keyed on its pid and start time', async () => {
    const c = await identifyCaller(claim, 'linux', fakeProc(), 1000);
    expect(c).toMatchObject({ pid: 100, exe: '/usr/bin/bash', command: ['bash', '-l'], cwd: '/home/u/infra', verified: true, cliPid: 200 });
    expect(c.key).toBe('linux|100|4242|/usr/bin/bash');
  });
  it('refuses claims /proc contradicts: another user, another parent, a socket it does not hold', async () => {
    await expect(identifyCaller(claim, 'linux', fakeProc({}, { '/proc/200': 0 }), 1000)).rejects.toBeInstanceOf(CallerMismatch);
    await expect(identifyCaller({ ...claim, ppid: 101 }, 'linux', fakeProc(), 1000)).rejects.toBeInstanceOf(CallerMismatch);
    await expect(identifyCaller({ ...claim, socketInode: 778 }, 'linux', fakeProc(), 1000)).rejects.toBeInstanceOf(CallerMismatch);
  });
  it('looks past npx to the program that ran it', async () => {
    const proc = fakeProc({
      '/proc/100/cmdline': 'npm exec tokenvault\0/usr/lib/node_modules/npm/bin/npx-cli.js\0tokenvault\0',
      '/proc/100/stat': '100 (npm exec) S 50 100 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 4242 0 0',
      '/proc/50/stat': '50 (zsh) S 1 50 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 99 0 0',
      '/proc/50/cmdline': 'zsh\0',
    });
    const c = await identifyCaller(claim, 'linux', proc, 1000);
    expect(c.pid).toBe(50);
  });
  it('elsewhere, says what the CLI reported and that it is unverified', async () => {
    expect(await identifyCaller(claim, 'darwin', fakeProc(), 501)).toMatchObject({ pid: 100, verified: false, key: 'reported|100' });
  });
});

describe('AgentGrants', () => {
  const caller = { key: 'k', exe: '/bin/sh', pid: 1, command: ['sh'], cwd: '/', verified: true, cliPid: 2, cliArgv: [] } satisfies CallerIdentity;
  it('holds per (caller, account) until the clock passes the expiry; clear drops them', () => {
    const clock = new FakeClock();
    const g = new AgentGrants(clock);
    g.add(caller, { id: 'a', label: 'A' }, 10);
    expect(g.has(caller, 'a')).toBe(true);
    expect(g.has(caller, 'b')).toBe(false);
    expect(g.has({ key: 'other' }, 'a')).toBe(false);
    clock.jump(10 * 60_000 - 1);
    expect(g.has(caller, 'a')).toBe(true);
    clock.jump(1);
    expect(g.has(caller, 'a')).toBe(false);
    expect(g.list()).toEqual([]);
    g.add(caller, { id: 'a', label: 'A' }, 10);
    g.add(caller, { id: 'a', label: 'A' }, 10);
    expect(g.size()).toBe(1);
    g.clear();
    expect(g.size()).toBe(0);
  });
});
