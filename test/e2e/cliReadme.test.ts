/**
 * The README's "Trying it offline" block, line by line, as a person runs it: `npm run browser -- --demo`
 * (the demo's fake servers and vault, the agent, the window in Chromium), unlocked in the window with
 * the demo's master password, then each line in a shell with the two variables the demo prints and
 * `tokenvault` on PATH. Prompts are approved the way the demo approves them without a terminal.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBundle } from '../support/agentHarness.js';
import { DEMO, setUpDemo, type Demo } from './harness/demo.js';
import { launchApp, type LaunchedApp } from './harness/launchApp.js';

const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

/** The ```sh block right after "**Trying it offline.**". */
function readmeLines(): string[] {
  const from = README.indexOf('**Trying it offline.**');
  const block = /```sh\n([\s\S]*?)```/.exec(README.slice(from));
  if (from < 0 || !block) throw new Error('README has no "Trying it offline" sh block');
  return block[1]!.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
}

function sh(line: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn('sh', ['-c', line], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe.skipIf(process.platform === 'win32')("the README's CLI examples in the demo", () => {
  let app: LaunchedApp;
  let demo: Demo;
  let bin: string;
  let env: NodeJS.ProcessEnv;
  const asked: string[] = [];

  beforeAll(async () => {
    app = await launchApp({
      presence: (prompt) => {
        asked.push(prompt.title);
        return prompt.choices.findIndex((_c, i) => i !== prompt.cancelIndex);
      },
    });
    demo = await setUpDemo(app);
    await app.page.reload();
    await app.page.getByLabel('Master password', { exact: true }).fill(DEMO.masterPassword);
    await app.page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await app.page.getByRole('navigation', { name: 'Main' }).waitFor();
    bin = mkdtempSync(join(tmpdir(), 'tv-bin-'));
    writeFileSync(join(bin, 'tokenvault'), `#!/bin/sh\nexec '${process.execPath}' '${cliBundle()}' "$@"\n`);
    chmodSync(join(bin, 'tokenvault'), 0o755);
    env = { PATH: `${bin}:${process.env['PATH'] ?? ''}`, TOKENVAULT_SOCKET: app.agent!.endpoint, TOKENVAULT_DEMO_AZION: demo.azionUrl };
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await demo?.close();
    if (bin) rmSync(bin, { recursive: true, force: true });
  });

  it('every line works, in order, and ends with the vault locked', async () => {
    const lines = readmeLines();
    expect(lines.length).toBeGreaterThanOrEqual(8);
    const out: string[] = [];
    for (const line of lines) {
      const r = await sh(line, env);
      expect(r.code, `${line}\n${r.stderr}`).toBe(0);
      out.push(r.stdout);
    }
    const byLine = Object.fromEntries(lines.map((l, i) => [l.split(' ').slice(0, 3).join(' '), out[i]!]));
    expect(byLine['tokenvault status']).toMatch(/the vault is unlocked/);
    expect(byLine['tokenvault list']).toMatch(/azion-prod[\s\S]*ocean-provider/);
    expect(out.join('')).toMatch(/AZION_TOKEN is set until \d{4}-\d\d-\d\dT/);
    expect(out.join('')).toMatch(/"email":"demo@/);
    expect(JSON.parse(byLine['tokenvault get azion-prod']!)).toMatchObject({ account: 'azion-prod', kind: expect.any(String) });
    expect(byLine['tokenvault mint ocean-provider']).toMatch(/^Minted /);
    expect(byLine['tokenvault revoke --account']).toMatch(/^Revoked \d+ tokens? of azion-prod/);
    expect(await app.services.vault.status()).toBe('locked');
    // The first request per account was asked (command-line access), and the Ocean mint's signature too.
    expect(asked).toContain('Command-line access');
  }, 90_000);
});
