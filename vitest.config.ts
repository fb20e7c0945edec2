import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * electron-vite turns `import x from './file.png?asset'` into the file's path at run time; under
 * vitest (test/unit/index.test.ts loads main/index.ts) it is the file's absolute path too.
 */
function assetPaths(): Plugin {
  return {
    name: 'token-vault-asset-paths',
    enforce: 'pre',
    load(id) {
      if (!id.endsWith('?asset')) return null;
      return `export default ${JSON.stringify(fileURLToPath(new URL(`file://${id.slice(0, -'?asset'.length)}`)))};`;
    },
  };
}

export default defineConfig({
  test: {
    // The JSON report lets CI print one plain "N passed, N failed" line for every run.
    reporters: ['default', 'json'],
    outputFile: { json: process.env['VITEST_JSON'] ?? 'test-results/vitest.json' },
    projects: [
      {
        plugins: [assetPaths()],
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          // Type-level checks (expectTypeOf) in *.test-d.ts: compiled, never run.
          typecheck: { enabled: true, include: ['test/types/**/*.test-d.ts'], tsconfig: './tsconfig.test.json' },
        },
      },
      {
        plugins: [svelte({ configFile: false })],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['test/component/**/*.test.ts'],
          // A file's first render mounts the whole App in jsdom: about 3 s on a loaded 2-core machine,
          // which the default 5 s does not cover when other jobs share the cores.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'packaging',
          environment: 'node',
          include: ['test/packaging/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'reliability',
          environment: 'node',
          // The soak measures the heap after a full GC.
          // SOAK_PROF=1 writes a CPU profile of the run into test-results/profiles.
          execArgv: ['--expose-gc', ...(process.env['SOAK_PROF'] ? ['--cpu-prof', '--cpu-prof-dir=test-results/profiles'] : [])],
          // The crash test is one file: 100 kills in the unit project, 200 here.
          include: ['test/reliability/**/*.test.ts', 'test/integration/vault/crash.test.ts'],
          env: { VAULT_CRASH_ITERATIONS: '200' },
          testTimeout: 300_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
