// The logic of `npm start` (build/scripts/start.mjs), with the outside world injected so a test can
// run it with a download that fails. Electron's installer prints a raw stack when its fetch fails;
// a newcomer needs one paragraph instead: what failed, the usual fixes, and the fallback.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Electron binary the `electron` package points at, or null when it has not been downloaded. */
export function electronBinary(electronDir) {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

/**
 * Runs Electron's own installer (node_modules/electron/install.js), keeping its stderr: on failure
 * that is a stack trace, shown only with DEBUG=1. Says every 15 s that it is still downloading.
 * Resolves to { ok, stderr }.
 */
export function runElectronInstaller(electronDir, env = process.env, log = (text) => console.log(text)) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(electronDir, 'install.js')], { env, stdio: ['ignore', 'inherit', 'pipe'] });
    // The installer's own progress bar draws only on a terminal, and its stderr is piped here.
    const started = Date.now();
    const heartbeat = setInterval(() => log(`  still downloading (${Math.round((Date.now() - started) / 1000)} s)…`), 15_000);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk) => { stderr += chunk; });
    const done = (result) => { clearInterval(heartbeat); resolve(result); };
    child.on('error', (error) => done({ ok: false, stderr: String(error.stack ?? error) }));
    child.on('close', (code) => done({ ok: code === 0, stderr }));
  });
}

/** The error's first line ("TypeError: fetch failed", "HTTPError: Response code 404 …"), without the stack. */
export function firstErrorLine(stderr) {
  const line = stderr.split('\n').map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('at '));
  return line ?? 'no error message';
}

/** One paragraph: what failed, the three usual fixes, and the `npm run browser` fallback. */
export function explainMissingElectron({ version, skipped, cause }) {
  const what = skipped
    ? `Token Vault cannot start: ELECTRON_SKIP_BINARY_DOWNLOAD is set, so the Electron ${version} binary\n`
      + 'was not downloaded. Unset it and run `npm start` again (it downloads about 100 MB, once).'
    : `Token Vault could not start: downloading the Electron ${version} binary failed (${cause}).`;
  return [
    what,
    'Where Electron\'s release downloads cannot be reached, either set ELECTRON_MIRROR to a mirror you',
    'can reach (ELECTRON_MIRROR=https://your-mirror/electron/ npm start), go through a proxy',
    '(ELECTRON_GET_USE_PROXY=1 HTTPS_PROXY=http://proxy:port npm start), or copy the Electron cache',
    'from a machine that has it (~/.cache/electron, ~/Library/Caches/electron or',
    `%LOCALAPPDATA%\\electron\\Cache, holding electron-v${version}-*.zip) and point electron_config_cache`,
    'at that folder. Without Electron, `npm run browser` runs the same app (real main process, preload',
    'and UI) in Chromium: it needs Chromium or Chrome (found via CHROMIUM_PATH, /usr/bin/chromium or an',
    'installed Chrome) and, on Linux without a display, Xvfb (sudo apt-get install chromium xvfb); add',
    '`-- --demo` for offline fake servers. DEBUG=1 npm start shows the installer\'s full output.',
  ].join('\n');
}

/**
 * `npm start` without the build step's side effects: make sure the Electron binary is there
 * (downloading it once), then run the app. Resolves to the exit code.
 * deps: { version, env, binary(): string|null, download(): Promise<{ok, stderr}>, run(): number,
 *         log(text), error(text) }
 */
export async function startElectron(deps) {
  const { version, env, binary, download, run, log, error } = deps;
  const skipped = Boolean(env.ELECTRON_SKIP_BINARY_DOWNLOAD);
  let stderr = '';
  if (!binary() && !skipped) {
    log(`Downloading the Electron ${version} binary (about 100 MB, first run only)…`);
    const result = await download();
    stderr = result.stderr;
  }
  if (!binary()) {
    const debug = Boolean(env.DEBUG);
    if (debug && stderr.trim() !== '') error(`Electron's installer said:\n${stderr.trimEnd()}\n`);
    error(`\n${explainMissingElectron({ version, skipped, cause: firstErrorLine(stderr) })}\n`);
    return 1;
  }
  return run();
}
