/**
 * Smoke test of the real Electron app (out/main/index.js, built by `npx electron-vite build`),
 * driven by Playwright's Electron support. It needs the Electron binary, which machines installed
 * with ELECTRON_SKIP_BINARY_DOWNLOAD=1 do not have: there it is skipped, and says so plainly.
 * Never `require('electron')` here: without the binary that call starts a download.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'out/main/index.js');

/** The Electron executable the `electron` package would run, or why it cannot run here. */
function findElectron(): { executable: string } | { skip: string } {
  const pkg = join(ROOT, 'node_modules/electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) {
    return { skip: 'the Electron binary is not installed (no node_modules/electron/path.txt; installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1?)' };
  }
  const executable = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(executable)) return { skip: `the Electron binary is missing (${executable} does not exist)` };
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    return { skip: 'there is no display for Electron (run under xvfb-run)' };
  }
  return { executable };
}

const found = findElectron();
const skip = 'skip' in found;
if ('skip' in found) console.log(`[electron-smoke] SKIPPED: ${found.skip}. The real-app smoke test did not run.`);

/** Electron's own switch for the user-data dir: each run gets a fresh vault and its own instance lock. */
const userDataArg = (dir: string): string => `--user-data-dir=${dir}`;

describe('Electron smoke test (real app)', () => {
  let app: ElectronApplication | undefined;
  let page: Page;
  let userData = '';

  beforeAll(async () => {
    if ('skip' in found) return;
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npx electron-vite build\` first (npm run test:e2e does).`);
    userData = await mkdtemp(join(tmpdir(), 'token-vault-smoke-'));
    const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && e[0] !== 'ELECTRON_RUN_AS_NODE'));
    app = await _electron.launch({ executablePath: found.executable, args: [ROOT, userDataArg(userData)], cwd: ROOT, env });
    page = await app.firstWindow();
  });

  afterAll(async () => {
    await app?.close();
    if (userData) await rm(userData, { recursive: true, force: true });
  });

  it.skipIf(skip)('opens one window on app:// and reaches main through the real preload', async () => {
    await expect.poll(() => page.locator('[data-status]').getAttribute('data-status')).toBe('uninitialized');
    expect(page.url()).toMatch(/^app:\/\/token-vault\//);
    expect(await page.evaluate(async () => window.vault.status())).toEqual({ ok: true, value: 'uninitialized' });
    await page.screenshot({ path: 'test-results/e2e/electron-smoke.png' });
  });

  it.skipIf(skip)('gives the page no node and no IPC transport, only window.vault', async () => {
    const leaks = await page.evaluate(() => {
      const g = globalThis as Record<string, unknown>;
      return [typeof g['require'], typeof g['process'], typeof g['module'], Object.keys(window).filter((k) => /ipc|electron/i.test(k))];
    });
    expect(leaks).toEqual(['undefined', 'undefined', 'undefined', []]);
  });

  it.skipIf(skip)('a second launch hands over to the first instance and exits', async () => {
    if ('skip' in found) return;
    const second = spawn(found.executable, [ROOT, userDataArg(userData)], { cwd: ROOT, stdio: 'ignore' });
    const code = await new Promise<number | null>((done) => second.on('exit', (c) => done(c)));
    expect(code).toBe(0);
    expect(app!.windows()).toHaveLength(1);
    expect(await app!.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });
});
