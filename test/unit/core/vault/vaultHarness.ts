// The harness lives in test/support/vaultHarness.ts. This re-export is for the importers outside
// test/unit/core (test/reliability, test/support/testServices.ts, crashDriver.ts) until they move.
export { TEST_KDF, TEST_PASSWORD } from '../../../support/vaultHarness.js';
