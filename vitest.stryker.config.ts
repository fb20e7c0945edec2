import { configDefaults, defineConfig } from 'vitest/config';

// Stryker runs the unit project only (test/unit + test/integration): the component, e2e, packaging and
// reliability projects need a build, Chromium or minutes per run, and none of them is what pins the
// rules of main/core. Left out too: the lint rules and the security gate's static checks, which read
// source text and built bundles (absent from Stryker's sandbox), not the behaviour of main/core.
// Left out for time as well: the crash test (a minute per run: 200 child processes that Stryker never
// switches a mutant on in; what it checks on reopen is pinned by the vault's unit tests).
// Left out as well: the boot-order test of main/index.ts (test/unit/index.test.ts; bootOrder.test.ts was its old name), whose tray appears only after a dbus-send
// probe (a child process) that fails inside Stryker's niced sandbox, failing every dry run; it pins
// main's start sequence, not main/core.
// No JSON reporter here, so a mutation run never overwrites test-results/vitest.json.
export default defineConfig({
  test: {
    environment: 'node',
    // Niced on a loaded machine with coverage instrumented, a slow test can take longer than vitest's 5 s
    // and fail the dry run; a mutant that hangs is still caught by Stryker's own timeout (timeoutMS).
    testTimeout: 60_000,
    hookTimeout: 60_000,
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/unit/security/**', 'test/unit/lint.test.ts', 'test/integration/vault/crash.test.ts', 'test/unit/bootOrder.test.ts', 'test/unit/index.test.ts'],
  },
});
