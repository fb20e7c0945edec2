/**
 * `npm run browser`: the app without the Electron binary, in a headed Chromium window. The real
 * main-process services and handlers run in this Node process; the real preload and renderer run in
 * the browser. Without a display it re-runs itself under xvfb-run.
 */
import { spawnSync } from 'node:child_process';
import { launchApp } from './launchApp.js';

if (!process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY'] && process.platform === 'linux' && !process.env['TOKEN_VAULT_UNDER_XVFB']) {
  const r = spawnSync('xvfb-run', ['-a', process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, TOKEN_VAULT_UNDER_XVFB: '1' },
  });
  if (r.error) {
    console.error('No display, and xvfb-run is not installed. Install it (sudo apt-get install xvfb) or run with a display.');
    process.exit(1);
  }
  process.exit(r.status ?? 1);
}

const dataDir = process.env['TOKEN_VAULT_DATA_DIR'];
const app = await launchApp({ headless: false, ...(dataDir ? { dataDir } : {}) });
console.log(`Token Vault is running in Chromium (data: ${app.dataDir}). Close the window or press Ctrl+C to stop.`);
const stop = async (): Promise<void> => {
  await app.close().catch(() => undefined);
  process.exit(0);
};
app.page.on('close', () => void stop());
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
