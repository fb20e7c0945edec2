/**
 * Offline packaging check: electron-builder packs `--linux dir` with the real config, a stand-in
 * Electron (electronDist) and no network, then we look inside resources/app.asar and at the fuses
 * electron-builder flipped in the stand-in binary. Needs the build (`npx electron-vite build`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUIRED_FUSES } from '../../tools/security/fuseCheck.js';
import { readAsar, type Asar } from './readAsar.js';
import { ELECTRON_DEFAULT_WIRE, FUSE_POSITION, makeStandInElectron, readFuseWire } from './standInElectron.js';

const ROOT = join(import.meta.dirname, '..', '..');
const ELECTRON_VERSION = '45.4.1';
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> };
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; dev?: boolean; devOptional?: boolean }> };

let work: string;
let appDir: string;
let asar: Asar;

beforeAll(() => {
  if (!existsSync(join(ROOT, pkg.main))) throw new Error('packaging needs the build: run `npx electron-vite build` first');
  work = mkdtempSync(join(tmpdir(), 'tv-pack-'));
  const job = {
    projectDir: ROOT,
    electronDist: makeStandInElectron(join(work, 'electron-dist')),
    electronVersion: ELECTRON_VERSION,
    output: join(work, 'dist'),
    resultFile: join(work, 'result.json'),
  };
  writeFileSync(join(work, 'job.json'), JSON.stringify(job));
  const run = spawnSync(process.execPath, [join(import.meta.dirname, 'pack-offline.mjs'), join(work, 'job.json')], { encoding: 'utf8', timeout: 120_000 });
  const result = existsSync(job.resultFile) ? (JSON.parse(readFileSync(job.resultFile, 'utf8')) as { error: string | null; attempts: string[] }) : null;
  if (result && result.attempts.length > 0) {
    throw new Error(`electron-builder tried to download during offline packaging (${result.attempts.join(', ')}); it must not need the network for --linux dir.\n${result.error ?? ''}`);
  }
  if (!result || result.error) throw new Error(`electron-builder failed:\n${result?.error ?? ''}\n${run.stdout}\n${run.stderr}`);
  appDir = join(job.output, 'linux-unpacked');
  asar = readAsar(join(appDir, 'resources', 'app.asar'));
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const paths = () => [...asar.files.keys()];

describe('offline package (electron-builder --linux dir, stand-in Electron)', () => {
  it('packs for the Electron version the project installs', () => {
    const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string };
    expect(ELECTRON_VERSION).toBe(installed.version);
  });

  it('packs the app into one asar, with nothing unpacked beside it but the CLI', () => {
    // The tokenvault CLI is its own executable (a Node SEA), so it cannot live in the asar.
    expect(readdirSync(join(appDir, 'resources')).sort()).toEqual(['app.asar', 'cli']);
    expect([...asar.files.values()].filter((f) => f.unpacked)).toEqual([]);
    expect(readdirSync(appDir).sort()).toEqual(['resources', 'token-vault']);
  });

  it('holds exactly the built app, its package.json and node_modules at the top', () => {
    expect(new Set(paths().map((p) => p.split('/')[0]))).toEqual(new Set(['out', 'package.json', 'node_modules']));
    const built = (readdirSync(join(ROOT, 'out'), { recursive: true, withFileTypes: true }) as Array<{ isFile(): boolean; parentPath: string; name: string }>)
      .filter((d) => d.isFile() && !d.name.endsWith('.map'))
      .map((d) => join(d.parentPath, d.name).slice(ROOT.length + 1).replaceAll('\\', '/'))
      // The CLI ships beside the asar (resources/cli), as its own executable.
      .filter((p) => !p.startsWith('out/cli/'));
    expect(paths().filter((p) => p.startsWith('out/')).sort()).toEqual(built.sort());
    expect(paths()).toEqual(expect.arrayContaining(['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']));
  });

  it('ships the tokenvault CLI in resources/cli as its own executable, which runs with no Node on the machine', () => {
    const dir = join(appDir, 'resources', 'cli');
    expect(readdirSync(dir)).toEqual(['tokenvault']);
    expect(statSync(join(dir, 'tokenvault')).mode & 0o111).toBe(0o111);
    // No PATH at all: neither `node` nor anything else can be found, so the executable is all there is.
    const env = { TOKENVAULT_SOCKET: join(work, 'nobody-listens.sock') };
    const version = spawnSync(join(dir, 'tokenvault'), ['--version'], { encoding: 'utf8', env });
    expect(version.stdout).toMatch(/^tokenvault \d+\.\d+\.\d+\n$/);
    expect(version.stderr).toBe('');
    const status = spawnSync(join(dir, 'tokenvault'), ['status'], { encoding: 'utf8', env });
    expect([status.status, status.stderr]).toEqual([7, expect.stringMatching(/Token Vault is not running/)]);
  });

  it('ships package.json without scripts or devDependencies, pointing at the built main', () => {
    const shipped = JSON.parse(asar.read('package.json').toString('utf8')) as Record<string, unknown>;
    expect(shipped['main']).toBe(pkg.main);
    expect(shipped['dependencies']).toEqual(pkg.dependencies);
    expect(shipped).not.toHaveProperty('devDependencies');
    expect(shipped).not.toHaveProperty('scripts');
  });

  it('contains every production dependency, and only packages the lockfile marks as production', () => {
    for (const name of Object.keys(pkg.dependencies)) expect(paths()).toContain(`node_modules/${name}/package.json`);
    const production = new Set(Object.entries(lock.packages).filter(([path, p]) => path && !p.dev && !p.devOptional).map(([path, p]) => `${path.replace(/^.*node_modules\//, '')}@${p.version}`));
    const packaged = paths()
      .filter((p) => /(^|\/)node_modules\/(@[^/]+\/)?[^/@][^/]*\/package\.json$/.test(p))
      .map((p) => {
        const { name, version } = JSON.parse(asar.read(p).toString('utf8')) as { name: string; version: string };
        return `${name}@${version}`;
      });
    expect(packaged.length).toBeGreaterThan(Object.keys(pkg.dependencies).length);
    expect(packaged.filter((p) => !production.has(p))).toEqual([]);
  });

  it('leaves out sources, tests, maps, type declarations and dev tooling', () => {
    const unwanted = paths().filter(
      (p) =>
        /\.(ts|mts|cts|map|md)$/.test(p) ||
        /(^|\/)(test|tests|__tests__|\.bin|src\.ts)\//.test(p) ||
        /(^|\/)(tsconfig[^/]*\.json|vitest\.config\.[^/]+|eslint\.config\.[^/]+|electron\.vite\.config\.[^/]+)$/.test(p),
    );
    expect(unwanted).toEqual([]);
    for (const dev of ['electron', 'electron-builder', 'vitest', 'typescript', 'svelte', 'playwright-core', '@doyensec/electronegativity']) {
      expect(paths().some((p) => p.startsWith(`node_modules/${dev}/`))).toBe(false);
    }
  });

  it('flips every configured fuse in the Electron binary', () => {
    const wire = readFuseWire(readFileSync(join(appDir, 'token-vault')));
    for (const [name, wanted] of Object.entries(REQUIRED_FUSES)) {
      const position = FUSE_POSITION[name];
      if (position === undefined) throw new Error(`no wire position known for ${name}`);
      expect(ELECTRON_DEFAULT_WIRE[position], `${name} starts the other way`).toBe(wanted ? '0' : '1');
      expect(wire[position], name).toBe(wanted ? '1' : '0');
    }
  });
});
