// Bundles the `tokenvault` CLI (cli/tokenvault.ts) into one dependency-free CommonJS file for Node:
// out/cli/tokenvault.cjs (or the path given as the first argument). Minified and without source
// maps so Node parses as little as possible at start-up (tools/bench/cli.bench.ts measures it).
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outfile = resolve(process.argv[2] ?? join(root, 'out/cli/tokenvault.cjs'));

await build({
  entryPoints: [join(root, 'cli/tokenvault.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  // CommonJS: Node 20 starts a CommonJS entry a little faster than an ES module one.
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
await chmod(outfile, 0o755);
