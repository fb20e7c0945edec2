import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLOW_FOR } from '../../main/agent/AgentApprovals.js';
import { startFakeAzion, type FakeAzion } from '../fakes/index.js';
import { cliBundle } from '../support/agentHarness.js';
import { launchApp, type LaunchedApp } from './harness/launchApp.js';

// Test-only secrets: they exist in this file and inside the local fake, nowhere else.
const MASTER = 'e2e cli master password 2026';
const AZION = { email: 'cli-e2e@example.com', password: 'e2e-cli-azion-password-not-real' };

function tokenvault(app: LaunchedApp, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [cliBundle(), ...args], { env: { PATH: process.env['PATH'], TOKENVAULT_SOCKET: app.agent!.endpoint }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('the CLI against the app in Chromium (the npm run browser composition)', () => {
  let app: LaunchedApp;
  let azion: FakeAzion;

  beforeAll(async () => {
    azion = await startFakeAzion({ accounts: [AZION] });
    app = await launchApp({ presence: 'wait' });
    const s = app.services;
    await s.vault.create(MASTER);
    await s.accounts.add({ kind: 'azion', label: 'azion-prod', ...AZION, mode: 'session', authBase: azion.url, apiBase: azion.url, checkBase: azion.url });
    await app.page.reload();
    await app.page.getByRole('navigation', { name: 'Main' }).waitFor();
  });
  afterAll(async () => {
    await app?.close();
    await azion?.close();
  });

  it('a locked vault: the CLI exits 3 and the unlock screen says who asked', async () => {
    await app.page.getByRole('button', { name: /Lock/ }).first().click();
    await app.page.getByLabel('Master password', { exact: true }).waitFor();
    const r = await tokenvault(app, ['get', 'azion-prod']);
    expect(r.code).toBe(3);
    await expect.poll(() => app.page.getByRole('status').filter({ hasText: 'The command line asked for a token' }).count()).toBe(1);
    await app.page.screenshot({ path: 'test-results/e2e/60-cli-unlock-requested.png' });
    await app.page.getByLabel('Master password', { exact: true }).fill(MASTER);
    await app.page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await app.page.getByRole('navigation', { name: 'Main' }).waitFor();
  });

  it('get with "Allow for": the grant is listed in Settings and revoked there', async () => {
    app.presence.reply(ALLOW_FOR);
    const r = await tokenvault(app, ['get', 'azion-prod', '--format', 'header']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Authorization: Token \S+\n$/);
    const { page } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /Settings/ }).click();
    const list = page.getByRole('list', { name: 'Programs allowed now' });
    await list.waitFor();
    expect(await list.getByRole('listitem').count()).toBe(1);
    expect(await list.textContent()).toContain(process.execPath);
    await page.getByRole('heading', { name: 'Command line' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/e2e/61-cli-grants.png' });
    await list.getByRole('button', { name: /^Revoke / }).click();
    await list.waitFor({ state: 'detached' });
    expect(app.services.agentGrants.size()).toBe(0);
    // The token appeared in no event or view main sent to the window.
    const value = r.stdout.trim().split(' ').pop()!;
    expect(JSON.stringify(app.events)).not.toContain(value);
  });
});
