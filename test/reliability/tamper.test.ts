import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/errors.js';
import type { TokenRecord } from '../../main/core/vault/types.js';
import { TEST_KEY } from '../fakes/vectors.js';
import { FakeClock } from '../support/FakeClock.js';
import { prng } from '../support/prng.js';
import { startTestServices, type TestServices } from '../support/testServices.js';
import { TEST_PASSWORD } from '../support/vaultHarness.js';

const SEED = Number(process.env['TAMPER_SEED'] ?? 20261124);
const FLIPS = 64;

async function unlockError(t: TestServices, password: string): Promise<unknown> {
  try {
    await t.services.vault.unlock(password);
  } catch (e) {
    return e;
  }
  return undefined;
}

describe(`single-byte flips in the vault file (${FLIPS} flips, seed ${SEED})`, () => {
  const clock = new FakeClock();
  let t: TestServices;
  let vaultPath: string;
  let pristine: Buffer;

  beforeAll(async () => {
    t = await startTestServices({ clock });
    await t.services.vault.create(TEST_PASSWORD);
    await t.services.accounts.add({ kind: 'azion', label: 'Azion', email: 'me@example.com', password: 'made-up-azion-pw', mode: 'session' });
    // The public Hardhat/Anvil test key #0 (vectors.json): never real funds.
    const ocean = await t.services.accounts.add({ kind: 'ocean', label: 'Ocean', providerUrl: 'https://provider.example', key: { type: 'hex', privateKey: TEST_KEY.privateKey } });
    await t.services.vault.update((d) => {
      for (let i = 0; i < 20; i++) {
        const token: TokenRecord = { id: `t${i}`, accountId: ocean.id, kind: 'ocean-provider', value: `eyJ.value-${i}`, createdAt: clock.now(), expiresAt: clock.now() + 3_600_000, state: 'active' };
        d.tokens.push(token);
      }
    });
    await t.services.vault.lock();
    vaultPath = join(t.dataDir, 'vault.json');
    pristine = await readFile(vaultPath);
  });
  afterAll(() => t?.close());

  it('is always VAULT_DAMAGED, whatever the password, and the damaged file is kept as it is', async () => {
    const rand = prng(SEED);
    const filesBefore = (await readdir(t.dataDir)).sort();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      for (let i = 0; i < FLIPS; i++) {
        const at = Math.floor(rand() * pristine.length);
        const mask = 1 + Math.floor(rand() * 255);
        const flipped = Buffer.from(pristine);
        flipped[at] = flipped[at]! ^ mask;
        await writeFile(vaultPath, flipped);
        const context = `flip ${i}: byte ${at} ^ 0x${mask.toString(16)} (seed ${SEED})`;

        for (const password of [TEST_PASSWORD, 'not the master password']) {
          const error = await unlockError(t, password);
          expect(error, `${context} was accepted`).toBeInstanceOf(AppError);
          expect((error as AppError).code, context).toBe('VAULT_DAMAGED');
        }
        expect(t.services.vault.isUnlocked(), context).toBe(false);
        expect(await t.services.vault.status(), context).toBe('locked');
        expect((await readFile(vaultPath)).equals(flipped), `${context}: the damaged file was rewritten`).toBe(true);
      }
      expect((await readdir(t.dataDir)).sort()).toEqual(filesBefore);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);

    // The control: the same file, unflipped, opens with everything in it.
    await writeFile(vaultPath, pristine);
    await t.services.vault.unlock(TEST_PASSWORD);
    expect(await t.services.accounts.list()).toHaveLength(2);
    expect(t.services.vault.read().tokens).toHaveLength(20);
  });
});
