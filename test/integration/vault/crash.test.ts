import { describe, it } from 'vitest';
import { expectCrashRunComplete, runCrashIterations } from '../../support/crashDriver.js';

/** One crash test: 100 kills in the unit project, 200 in the reliability project (vitest.config.ts). VAULT_CRASH_SEED replays a failure. */
const ITERATIONS = Number(process.env['VAULT_CRASH_ITERATIONS'] ?? 100);
const SEED = Number(process.env['VAULT_CRASH_SEED'] ?? Date.now() % 2 ** 31);

describe(`a process killed while writing the vault (${ITERATIONS} iterations, seed ${SEED})`, () => {
  it('always leaves a vault that opens with the last completed write, and backups that open', async () => {
    const lanes = await runCrashIterations({ iterations: ITERATIONS, seed: SEED });
    expectCrashRunComplete(lanes, ITERATIONS);
  }, 300_000);
});
