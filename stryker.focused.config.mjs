// A focused mutation run: one source file against the test files named in FOCUSED_TESTS, not
// incremental, its report to STRYKER_JSON. Used by build/scripts/mutation-focused.sh; see the README.
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  vitest: { configFile: 'vitest.focused.config.ts', related: false },
  incremental: false,
  reporters: ['json', 'clear-text'],
  jsonReporter: { fileName: process.env.STRYKER_JSON ?? 'test-results/mutation/focused.json' },
  // Its own sandbox folder, so a focused run can go on beside a full one.
  tempDirName: '.stryker-tmp-focused',
};
