import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/errors.js';
import { decodeVaultFile } from '../../main/core/vault/vaultFileDecode.js';
import type { TokenRecord } from '../../main/core/vault/vaultRecords.js';
import { TEST_KEY } from '../fakes/vectors.js';
import { FakeClock } from '../support/FakeClock.js';
import { prng } from '../support/prng.js';
import { startTestServices, type TestServices } from '../support/testServices.js';
import { TEST_PASSWORD } from '../support/vaultHarness.js';

const SEED = Number(process.env['TAMPER_SEED'] ?? 20261124);

async function unlockError(t: TestServices, password: string): Promise<unknown> {
  try {
    await t.services.vault.unlock(password);
  } catch (e) {
    return e;
  }
  return undefined;
}

/**
 * Every byte of the vault file and of its journal, each flipped with a seeded random mask: always
 * VAULT_DAMAGED with the right or a wrong password, and the damaged file is kept as it is. Each check
 * is cheap because damage is found by structure (checksum, CRC) before any key derivation.
 */
describe(`single-byte flips in every byte of the vault file and of the journal (seed ${SEED})`, () => {
  const clock = new FakeClock();
  let t: TestServices;
  const pristine = new Map<string, Buffer>();
  let journalName: string;

  beforeAll(async () => {
    t = await startTestServices({ clock });
    await t.services.vault.create(TEST_PASSWORD);
    await t.services.accounts.add({ kind: 'azion', label: 'Azion', email: 'me@example.com', password: 'made-up-azion-pw', mode: 'session' });
    // The public Hardhat/Anvil test key #0 (vectors.json): never real funds.
    const ocean = await t.services.accounts.add({ kind: 'ocean', label: 'Ocean', providerUrl: 'https://provider.example', key: { type: 'hex', privateKey: TEST_KEY.privateKey } });
    // Several journal records: tokens in batches, a ledger entry, audit entries (unlock, copy).
    for (let batch = 0; batch < 4; batch++) {
      await t.services.vault.update((d) => {
        for (let i = 0; i < 5; i++) {
          const n = batch * 5 + i;
          const token: TokenRecord = { id: `t${n}`, accountId: ocean.id, kind: 'ocean-provider', value: `eyJ.value-${n}`, createdAt: clock.now(), expiresAt: clock.now() + 3_600_000, state: 'active' };
          d.tokens.push(token);
        }
      });
    }
    await t.services.vault.update((d) => void (d.oceanExpirations['https://provider.example|0xabc'] = [clock.now() / 1000 + 60]));
    await t.services.tokens.copy('t3');
    await t.services.vault.lock();
    journalName = decodeVaultFile(await readFile(join(t.dataDir, 'vault.json'))).journal!;
    for (const name of ['vault.json', journalName]) pristine.set(name, await readFile(join(t.dataDir, name)));
    expect(pristine.get(journalName)!.length).toBeGreaterThan(1000);
  });
  afterAll(() => t?.close());

  it('is always VAULT_DAMAGED, whatever the password, and the damaged file is kept as it is', async () => {
    const rand = prng(SEED);
    const filesBefore = (await readdir(t.dataDir)).sort();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    let flips = 0;
    try {
      for (const [name, bytes] of pristine) {
        const path = join(t.dataDir, name);
        for (let at = 0; at < bytes.length; at++) {
          const mask = 1 + Math.floor(rand() * 255);
          const flipped = Buffer.from(bytes);
          flipped[at] = flipped[at]! ^ mask;
          await writeFile(path, flipped);
          const context = `${name}: byte ${at} ^ 0x${mask.toString(16)} (seed ${SEED})`;
          for (const password of [TEST_PASSWORD, 'not the master password']) {
            const error = await unlockError(t, password);
            if (!(error instanceof AppError) || error.code !== 'VAULT_DAMAGED') {
              expect.fail(`${context} with ${password === TEST_PASSWORD ? 'the right' : 'a wrong'} password gave ${error instanceof AppError ? error.code : String(error)}`);
            }
          }
          if (t.services.vault.isUnlocked()) expect.fail(`${context}: unlocked`);
          if (!(await readFile(path)).equals(flipped)) expect.fail(`${context}: the damaged file was rewritten`);
          flips++;
        }
        await writeFile(path, bytes);
      }
      expect((await readdir(t.dataDir)).sort()).toEqual(filesBefore);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(flips).toBe([...pristine.values()].reduce((n, b) => n + b.length, 0));

    // The control: the same files, unflipped, open with everything in them.
    await t.services.vault.unlock(TEST_PASSWORD);
    expect(await t.services.accounts.list()).toHaveLength(2);
    expect(t.services.vault.read().tokens).toHaveLength(20);
  }, 240_000);
});
