/**
 * `npm run browser`: the app without the Electron binary, in a headed Chromium window. The real
 * main-process services and handlers run in this Node process; the real preload and renderer run in
 * the browser. Without a display it re-runs itself under xvfb-run.
 */
import { spawnSync } from 'node:child_process';
import { DEMO, setUpDemo, type Demo } from './demo.js';
import { launchApp } from './launchApp.js';
import { terminalPresence } from './terminalPresence.js';

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

const demoMode = process.argv.includes('--demo');
const dataDir = demoMode ? undefined : process.env['TOKEN_VAULT_DATA_DIR'];
const app = await launchApp({ headless: false, ...(dataDir ? { dataDir } : {}), kdf: 'app', agentPresence: terminalPresence() });
let demo: Demo | null = null;
if (demoMode) {
  demo = await setUpDemo(app);
  await app.page.reload();
  console.log(
    [
      'Demo mode: fake Azion, Ocean Provider and Ocean Node run on 127.0.0.1; nothing leaves this machine.',
      `  master password: ${DEMO.masterPassword}`,
      `  Azion (${demo.azionUrl}): ${DEMO.azionEmail} / ${DEMO.azionPassword}`,
      `  Ocean Provider: ${demo.oceanProviderUrl}   Ocean Node: ${demo.oceanNodeUrl}`,
    ].join('\n'),
  );
}
console.log(`Token Vault is running in Chromium (data: ${app.dataDir}). Close the window or press Ctrl+C to stop.`);
if (app.agent) {
  console.log(
    [
      'Command line: in another terminal, point tokenvault at this app, then try it (approvals are asked here):',
      `  export TOKENVAULT_SOCKET='${app.agent.endpoint}'`,
      '  npx tokenvault list',
      '  npx tokenvault exec azion-prod -- sh -c \'echo "token until $AZION_TOKEN_EXPIRES_AT"\'',
    ].join('\n'),
  );
}
const stop = async (): Promise<void> => {
  await app.close().catch(() => undefined);
  await demo?.close();
  process.exit(0);
};
app.page.on('close', () => void stop());
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
