// `npm start`: run the real Electron app (electron-vite builds, then starts it). Electron downloads
// its binary on first use; where that cannot happen, electronStart.mjs says in one paragraph what
// failed, how to fix it, and that `npm run browser` runs the same app in Chromium.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { electronBinary, runElectronInstaller, startElectron } from './electronStart.mjs';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const { version } = require('electron/package.json');

process.exitCode = await startElectron({
  version,
  env: process.env,
  binary: () => electronBinary(electronDir),
  download: () => runElectronInstaller(electronDir),
  run: () => spawnSync(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'preview'], { stdio: 'inherit' }).status ?? 1,
  log: (text) => console.log(text),
  error: (text) => console.error(text),
});
