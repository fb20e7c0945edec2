import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { electronBinary, firstErrorLine, runElectronInstaller, startElectron, type InstallerResult, type StartDeps } from '../../../build/scripts/electronStart.mjs';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));

// What Electron's installer prints when its fetch fails (node_modules/electron/install.js: err.stack).
const FETCH_FAILED = [
  'TypeError: fetch failed',
  '    at node:internal/deps/undici/undici:14976:13',
  '    at async FetchDownloader.download (file:///x/node_modules/@electron/get/dist/FetchDownloader.js:46:30)',
  '',
].join('\n');

async function run(env: Record<string, string | undefined>, download: () => Promise<InstallerResult>) {
  const out: string[] = [];
  const err: string[] = [];
  let ran = 0;
  const deps: StartDeps = {
    version: '45.4.1',
    env,
    binary: () => null,
    download,
    run: () => { ran += 1; return 0; },
    log: (t) => out.push(t),
    error: (t) => err.push(t),
  };
  const code = await startElectron(deps);
  return { code, out: out.join('\n'), err: err.join('\n'), ran };
}

function expectOneHelpfulParagraph(text: string): void {
  const paragraph = text.trim();
  expect(paragraph).not.toMatch(/\n\s*\n/); // one paragraph
  for (const needed of ['ELECTRON_MIRROR', 'HTTPS_PROXY', 'electron_config_cache', 'npm run browser', 'Chromium', 'Xvfb', 'DEBUG=1']) {
    expect(paragraph).toContain(needed);
  }
}

describe('npm start when Electron cannot be fetched', () => {
  it('prints one paragraph with the cause, the three fixes and the fallback, and no stack', async () => {
    const r = await run({}, async () => ({ ok: false, stderr: FETCH_FAILED }));
    expect(r.code).toBe(1);
    expect(r.ran).toBe(0);
    expect(r.out).toContain('Downloading the Electron 45.4.1 binary');
    expect(r.err).toContain('downloading the Electron 45.4.1 binary failed (TypeError: fetch failed)');
    expectOneHelpfulParagraph(r.err);
    expect(r.err).not.toMatch(/^\s+at /m);
  });

  it('shows the installer output, stack included, only with DEBUG=1', async () => {
    const r = await run({ DEBUG: '1' }, async () => ({ ok: false, stderr: FETCH_FAILED }));
    expect(r.err).toMatch(/^\s+at async FetchDownloader/m);
    expect(r.err).toContain('ELECTRON_MIRROR');
  });

  it('with ELECTRON_SKIP_BINARY_DOWNLOAD set, does not download and says to unset it', async () => {
    let downloads = 0;
    const r = await run({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, async () => { downloads += 1; return { ok: true, stderr: '' }; });
    expect(downloads).toBe(0);
    expect(r.code).toBe(1);
    expect(r.err).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD is set');
    expectOneHelpfulParagraph(r.err);
  });

  it('runs the app once the binary is there', async () => {
    let present = false;
    let ran = 0;
    const code = await startElectron({
      version: '45.4.1', env: {}, binary: () => (present ? '/x/electron' : null),
      download: async () => { present = true; return { ok: true, stderr: '' }; },
      run: () => { ran += 1; return 7; }, log: () => undefined, error: () => undefined,
    });
    expect([code, ran]).toEqual([7, 1]);
  });

  it('names the error, not the stack, as the cause', () => {
    expect(firstErrorLine(FETCH_FAILED)).toBe('TypeError: fetch failed');
    expect(firstErrorLine('')).toBe('no error message');
  });
});

describe("npm start with Electron's real installer and a mirror that answers 404", () => {
  let server: Server | undefined;
  let cache: string | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (cache) rmSync(cache, { recursive: true, force: true });
  });

  it.skipIf(electronBinary(electronDir) !== null)('fails with one paragraph naming the HTTP error (skipped where Electron is installed)', async () => {
    const requests: string[] = [];
    server = createServer((req, res) => { requests.push(req.url ?? ''); res.writeHead(404).end(); });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    cache = mkdtempSync(join(tmpdir(), 'tv-electron-cache-'));
    const env = { ...process.env, ELECTRON_MIRROR: `http://127.0.0.1:${port}/`, electron_config_cache: cache, ELECTRON_GET_NO_PROGRESS: '1', DEBUG: undefined, ELECTRON_SKIP_BINARY_DOWNLOAD: undefined };
    const r = await run(env, () => runElectronInstaller(electronDir, env));
    expect(requests.length).toBeGreaterThan(0);
    expect(r.err).toMatch(/failed \(HTTPError: Response code 404/);
    expectOneHelpfulParagraph(r.err);
    expect(r.err).not.toMatch(/^\s+at /m);
  });
});
