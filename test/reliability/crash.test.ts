import { describe, it } from 'vitest';
import { expectCrashRunComplete, runCrashIterations } from '../support/crashDriver.js';

/** Twice the integration test's kills, same driver. VAULT_CRASH_SEED replays a failure. */
const ITERATIONS = 200;
const SEED = Number(process.env['VAULT_CRASH_SEED'] ?? Date.now() % 2 ** 31);

describe(`SIGKILL at random moments while the vault is written (${ITERATIONS} kills, seed ${SEED})`, () => {
  it('the vault opens every time and holds the last acknowledged write', async () => {
    const lanes = await runCrashIterations({ iterations: ITERATIONS, seed: SEED });
    expectCrashRunComplete(lanes, ITERATIONS);
  }, 300_000);
});
