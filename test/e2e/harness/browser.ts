/**
 * `npm run browser`: the app without the Electron binary, in an app-style Chromium window (no tab
 * strip or address bar, the app's size). The real main-process services and handlers run in this
 * Node process; the real preload and renderer run in the browser.
 *
 * With no display it says so and how to see the window, instead of running where nobody can:
 * `-- --headless` runs it without a window anyway, `-- --xvfb` under xvfb-run (a virtual display).
 */
import { spawnSync } from 'node:child_process';
import { DEMO, setUpDemo, type Demo } from './demo.js';
import { launchApp } from './launchApp.js';
import { terminalPresence } from './terminalPresence.js';

const WINDOW = { width: 1280, height: 800 };
const args = process.argv.slice(2);
const hasDisplay = Boolean(process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY']) || process.platform !== 'linux';
const headless = args.includes('--headless');

if (!hasDisplay && !headless) {
  if (args.includes('--xvfb') && !process.env['TOKEN_VAULT_UNDER_XVFB']) {
    const r = spawnSync('xvfb-run', ['-a', process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
      stdio: 'inherit',
      env: { ...process.env, TOKEN_VAULT_UNDER_XVFB: '1' },
    });
    if (r.error) {
      console.error('xvfb-run is not installed (sudo apt-get install xvfb).');
      process.exit(1);
    }
    process.exit(r.status ?? 1);
  }
  if (!process.env['TOKEN_VAULT_UNDER_XVFB']) {
    console.error(
      [
        'No display: DISPLAY and WAYLAND_DISPLAY are not set, so a window would open where nobody can see it.',
        'To see Token Vault:',
        '  - run this from a desktop session (a terminal in your desktop), or',
        '  - over SSH with X forwarding: ssh -X <host>, then npm run browser',
        'To run it anyway:',
        '  - npm run browser -- --headless   (no window; for scripts and checks)',
        '  - npm run browser -- --xvfb       (under xvfb-run, a virtual display nobody sees)',
      ].join('\n'),
    );
    process.exit(2);
  }
}

const demoMode = process.argv.includes('--demo');
const dataDir = demoMode ? undefined : process.env['TOKEN_VAULT_DATA_DIR'];
// The browser has no native dialogs main could own. With a terminal, each question main would ask
// is asked there (the window cannot reach it); without one it is printed and approved, so the flows
// can still be tried. The Electron app asks the person in a real dialog.
const terminal = process.stdin.isTTY ? terminalPresence() : null;
const app = await launchApp({
  headless,
  ...(headless ? {} : { appWindow: WINDOW }),
  ...(dataDir ? { dataDir } : {}),
  kdf: 'app',
  presence: (prompt) => {
    if (terminal) return terminal.ask(prompt);
    console.log(`\n[main asks] ${prompt.title} — ${prompt.message}\n${prompt.detail}\n→ approved here (no terminal to ask; in the app, a native dialog asks you)`);
    return prompt.choices.findIndex((_c, i) => i !== prompt.cancelIndex);
  },
});
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
console.log(
  headless
    ? `Token Vault is running headless (no window; data: ${app.dataDir}). Press Ctrl+C to stop.`
    : `Token Vault is running in a Chromium window (data: ${app.dataDir}). Close the window or press Ctrl+C to stop.`,
);
if (process.env['TOKEN_VAULT_UNDER_XVFB']) {
  console.log('There is no display here, so it runs under Xvfb, where nobody can see the window: run it from a desktop session to use it.');
}
if (app.agent) {
  console.log(
    [
      'Command line: in another terminal, point tokenvault at this app, then try it (approvals are asked here):',
      `  export TOKENVAULT_SOCKET='${app.agent.endpoint}'`,
      ...(demo ? [`  export TOKENVAULT_DEMO_AZION='${demo.azionUrl}'`, '  (the README\'s "Trying it offline" block works as it is, after you unlock)'] : []),
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
