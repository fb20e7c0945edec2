import { defineConfig } from 'vitest/config';

// A focused mutation run (build/scripts/mutation-focused.sh) runs only the test files it is given, in
// FOCUSED_TESTS (comma-separated), so measuring one source file after writing its tests takes a minute,
// not the hour that every related test would take.
export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    include: (process.env['FOCUSED_TESTS'] ?? '').split(',').filter((f) => f !== ''),
  },
});
