// `npm start`: build, then run the real Electron app. Electron downloads its binary on first use;
// where that cannot happen (offline, or installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1), say so and
// point to `npm run browser`, which runs the same app in Chromium without the Electron binary.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

if (!electronBinary() && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('Downloading the Electron binary (first run only)…');
  spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' });
}
if (!electronBinary()) {
  console.error(
    [
      '',
      'The Electron binary is not installed, so the desktop app cannot start here.',
      process.env.ELECTRON_SKIP_BINARY_DOWNLOAD
        ? 'ELECTRON_SKIP_BINARY_DOWNLOAD is set; unset it and run `npm start` again to download Electron.'
        : 'Downloading it failed (no network, or a proxy blocks it). Run `npx install-electron` to retry.',
      'Meanwhile `npm run browser` runs the same app (real main-process code, real preload, real UI) in Chromium.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}
const run = (args) => spawnSync(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), ...args], { stdio: 'inherit' }).status ?? 1;
process.exit(run(['preview']));
