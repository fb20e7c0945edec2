// The `tokenvault` CLI as the installers ship it: a Node single executable application (SEA) — a copy
// of a Node binary with the bundled CLI (out/cli/tokenvault.cjs) injected — so a user needs no Node of
// their own. Not the app's binary with ELECTRON_RUN_AS_NODE (VS Code's `code` launcher): that needs
// Electron's runAsNode fuse on, and then any local program could run arbitrary code as the signed app
// (on macOS with its keychain access to the safeStorage key that wraps the vault key). The CLI's own
// binary can do nothing the person's own Node could not.
//
// electron-builder runs shipCli() after packing and before signing (afterPack in
// electron-builder.config.cjs), so the executable is signed with the app on macOS. Standalone:
//   node build/scripts/cli-executable.mjs <out-dir>     (for this machine's platform and arch)
import { spawnSync } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Node's marker that tells a SEA from a plain Node binary (fixed by Node, see its SEA docs). */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
/** electron-builder's Arch enum, by value. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

export const cliExecutableName = (platform) => (platform === 'win32' ? 'tokenvault.exe' : 'tokenvault');

/**
 * Writes `<outDir>/tokenvault[.exe]` for platform/arch. The Node binary is this one when it matches
 * the target; for another target set TOKENVAULT_SEA_NODE to a Node binary built for it, of the same
 * version as the Node running the build (the blob is Node-version specific). Never ships without it.
 */
export async function buildCliExecutable({ outDir, platform = process.platform, arch = process.arch, cjs = join(root, 'out/cli/tokenvault.cjs') }) {
  const native = platform === process.platform && arch === process.arch;
  const nodeBinary = process.env['TOKENVAULT_SEA_NODE'] || (native ? process.execPath : undefined);
  if (!nodeBinary) {
    throw new Error(
      `Shipping the tokenvault CLI for ${platform}-${arch} needs a Node.js binary for that target: set TOKENVAULT_SEA_NODE ` +
        `to one (Node ${process.version}, the version running this build), or build on a ${platform}-${arch} machine.`,
    );
  }
  await readFile(cjs).catch(() => {
    throw new Error(`${cjs} is missing: run \`npm run build:cli\` before packaging.`);
  });
  const work = await mkdtemp(join(tmpdir(), 'tv-sea-'));
  try {
    const blob = join(work, 'tokenvault.blob');
    // The code cache is V8's compiled bundle: start-up skips parsing, but it is only valid for this very V8 build.
    await writeFile(join(work, 'sea.json'), JSON.stringify({ main: cjs, output: blob, disableExperimentalSEAWarning: true, useCodeCache: native, useSnapshot: false }));
    const made = spawnSync(process.execPath, ['--experimental-sea-config', join(work, 'sea.json')], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`node --experimental-sea-config failed: ${made.stderr || made.stdout}`);
    await mkdir(outDir, { recursive: true });
    const exe = join(outDir, cliExecutableName(platform));
    await copyFile(nodeBinary, exe);
    await chmod(exe, 0o755);
    if (platform === 'darwin') codesign(['--remove-signature', exe]);
    const { inject } = createRequire(import.meta.url)('postject');
    await inject(exe, 'NODE_SEA_BLOB', await readFile(blob), { sentinelFuse: SEA_FUSE, ...(platform === 'darwin' ? { machoSegmentName: 'NODE_SEA' } : {}) });
    return exe;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function codesign(args) {
  if (process.platform !== 'darwin') throw new Error('A macOS tokenvault must be built on macOS (codesign).');
  const r = spawnSync('codesign', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`codesign ${args.join(' ')} failed: ${r.stderr}`);
}

/** The folder electron-builder packs extra resources into, for the app it just packed. */
export function resourcesDir(context) {
  if (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') {
    return join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`, 'Contents', 'Resources');
  }
  return join(context.appOutDir, 'resources');
}

/** electron-builder's afterPack: resources/cli/tokenvault[.exe] beside app.asar. */
export async function shipCli(context) {
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  // A universal app is merged from the x64 and arm64 packs, each of which got its own tokenvault here
  // (lipo-merged with the rest); not exercised by the project's own builds, which are per-arch.
  if (arch === 'universal') return;
  await buildCliExecutable({ outDir: join(resourcesDir(context), 'cli'), platform, arch });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const exe = await buildCliExecutable({ outDir: resolve(process.argv[2] ?? join(root, 'out/cli-bin')) });
  console.log(exe);
}
