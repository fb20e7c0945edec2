import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ALLOW_FOR } from '../../../main/agent/AgentApprovals.js';
import { startAgentWorld, type AgentWorld } from '../../support/agentHarness.js';

vi.setConfig({ testTimeout: 30_000 });

let w: AgentWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const node = process.execPath;

/** A child that reports what it got (a hash of the token, never the token) and its own argv. */
const REPORT = `const v=process.env[process.argv[1]]||'';console.log(JSON.stringify({sha:require('crypto').createHash('sha256').update(v).digest('hex'),len:v.length,expires:process.env[process.argv[1]+'_EXPIRES_AT'],argv:process.argv.slice(1)}));process.exit(Number(process.argv[2]))`;

async function world(): Promise<AgentWorld> {
  const x = await startAgentWorld();
  x.presence.reply(ALLOW_FOR);
  return x;
}

/** Resolves when the child's stdout has printed `text`. */
function printed(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve) => {
    let seen = '';
    child.stdout!.on('data', (c: Buffer) => {
      seen += c.toString();
      if (seen.includes(text)) resolve();
    });
  });
}

describe('tokenvault exec', () => {
  it('gives the token and its RFC 3339 expiry to the command only, and passes its exit code through', async () => {
    w = await world();
    const r = await w.cli(['exec', 'azion-prod', '--', node, '-e', REPORT, 'AZION_TOKEN', '42']);
    expect(r.code).toBe(42);
    const [value] = w.tokenValues();
    const report = JSON.parse(r.stdout) as { sha: string; len: number; expires: string; argv: string[] };
    expect(report.sha).toBe(sha(value!));
    const view = (await w.t.services.tokens.list())[0]!;
    expect(report.expires).toBe(new Date(view.expiresAt).toISOString());
    expect(report.argv.join(' ')).not.toContain(value);
    expect(r.stderr).toBe('');
  });

  it('--env names the variable; exit 0 passes through; the account default is the provider name', async () => {
    w = await world();
    const r = await w.cli(['exec', 'azion-prod', '--env', 'TF_VAR_azion_token', '--', node, '-e', REPORT, 'TF_VAR_azion_token', '0']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { sha: string }).sha).toBe(sha(w.tokenValues()[0]!));
    expect((await w.cli(['exec', 'azion-prod', '--env', '1BAD', '--', 'true'])).code).toBe(2);
  });

  it('an unknown command exits 127 and says so', async () => {
    w = await world();
    const r = await w.cli(['exec', 'azion-prod', '--', 'no-such-command-tv-test']);
    expect(r.code).toBe(127);
    expect(r.stderr).toMatch(/command not found/);
  });

  it('forwards SIGTERM and SIGINT to the command, and the token is in neither the CLI’s environment nor its command line', async () => {
    w = await world();
    for (const sig of ['SIGTERM', 'SIGINT'] as const) {
      const script = `process.on('${sig}',()=>{console.log('got ${sig}');process.exit(3)});console.log('ready');setInterval(()=>{},1000)`;
      let cli: ChildProcess | undefined;
      const results: Array<Awaited<ReturnType<AgentWorld['cli']>>> = [];
      const ready = new Promise<void>((resolve) => {
        void w!.cli(['exec', 'azion-prod', '--', node, '-e', script], { onSpawn: (c) => ((cli = c), void printed(c, 'ready').then(resolve)) }).then((r) => results.push(r));
      });
      await ready;
      const values = w.tokenValues();
      if (process.platform === 'linux') {
        const env = readFileSync(`/proc/${cli!.pid}/environ`, 'utf8');
        const cmdline = readFileSync(`/proc/${cli!.pid}/cmdline`, 'utf8');
        for (const v of values) {
          expect(env).not.toContain(v);
          expect(cmdline).not.toContain(v);
        }
      }
      cli!.kill(sig);
      await vi.waitFor(() => expect(results).toHaveLength(1), { timeout: 20_000, interval: 20 });
      expect(results[0]).toMatchObject({ code: 3, stdout: `ready\ngot ${sig}\n` });
    }
  });

  it('a command ended by a signal ends tokenvault the same way', async () => {
    w = await world();
    const r = await w.cli(['exec', 'azion-prod', '--', node, '-e', `process.kill(process.pid,'SIGTERM')`]);
    expect(r.signal).toBe('SIGTERM');
  });

  it('when access is denied the command never runs', async () => {
    w = await startAgentWorld();
    w.presence.reply(2);
    const r = await w.cli(['exec', 'azion-prod', '--', node, '-e', `console.log('ran')`]);
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
  });
});

describe('long command lines', () => {
  it('exec with hundreds of long arguments still gets its token (the prompt shows a shortened command)', async () => {
    w = await world();
    const args = Array.from({ length: 300 }, (_, i) => `arg-${i}-${'x'.repeat(300)}`);
    const r = await w.cli(['exec', 'azion-prod', '--', node, '-e', 'process.exit(process.argv.length - 1 === 300 ? 0 : 9)', ...args]);
    expect(r.code, r.stderr).toBe(0);
    expect(w.presence.prompts[0]!.detail).toContain('…');
  });
});
