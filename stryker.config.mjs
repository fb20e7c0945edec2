// Mutation testing of the security-critical core: `npm run test:mutation` (not part of `npm test`).
// One file while iterating: `npx stryker run --mutate main/core/http/redirects.ts`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // related: only the tests whose imports reach a mutated file run in the dry run, so one file is quick.
  vitest: { configFile: 'vitest.stryker.config.ts', related: true },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'main/core/vault/**/*.ts',
    'main/core/http/**/*.ts',
    'main/core/providers/**/*.ts',
    'main/core/tokens/**/*.ts',
    'main/core/audit/**/*.ts',
    'main/core/presence/**/*.ts',
    'main/core/accounts/originChange.ts',
    // Ports and type-only files carry no behaviour to mutate.
    '!main/core/**/types.ts',
    '!main/core/http/httpTypes.ts',
    // The vault's record types (and emptyVaultData), excluded as vault/types.ts was before its rename.
    '!main/core/vault/vaultRecords.ts',
  ],
  coverageAnalysis: 'perTest',
  // A static mutant (a module-level constant) can only be tested by re-running every test that imports
  // the module, tens of seconds each on a shared 2-core machine: they would take most of a run. They are
  // reported as "ignored" and left out of the score; the README says so next to the scores.
  ignoreStatic: true,
  // The machine's cores are shared: one test process at a time.
  concurrency: 1,
  timeoutMS: 10_000,
  // Tracked in git (committed after each run) so that a later session, on another machine, re-runs only
  // the mutants whose code or covering tests changed. A run over a subset (`--mutate <file>`) keeps the
  // results of every other file in it.
  incremental: true,
  incrementalFile: 'tools/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'test-results/mutation/mutation.html' },
  // STRYKER_JSON names a per-directory report (build/scripts/mutation-run.sh sets it); the scores script
  // merges them.
  jsonReporter: { fileName: process.env.STRYKER_JSON ?? 'test-results/mutation/mutation.json' },
  ignorePatterns: ['out', 'dist', 'test-results', '.cache', '.stryker-tmp-focused', 'test/e2e', 'test/packaging', 'test/reliability'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 80, break: null },
};
