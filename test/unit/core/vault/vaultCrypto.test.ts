import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { seal, type Sealed } from '../../../../main/core/vault/aead.js';
import { encodePayload } from '../../../../main/core/vault/payload.js';
import { openWithDataKey, openWithDataKeySliced, openWithPassword } from '../../../../main/core/vault/vaultCrypto.js';
import { decodeVaultFile } from '../../../../main/core/vault/vaultFileDecode.js';
import { payloadAd, type VaultFileContents } from '../../../../main/core/vault/vaultFormat.js';
import { emptyVaultData } from '../../../../main/core/vault/vaultRecords.js';
import { TEST_PASSWORD, useVaultHarness } from '../../../support/vaultHarness.js';

/** What each layer of opening a vault file calls the damage it finds (the reason logged at unlock). */
const h = useVaultHarness();

async function good(): Promise<VaultFileContents> {
  await h.vault.create(TEST_PASSWORD);
  await h.vault.lock();
  return decodeVaultFile(await readFile(h.file.path));
}
const flipped = (s: Sealed): Sealed => {
  const ct = Buffer.from(s.ct);
  ct[0] = ct[0]! ^ 0x01;
  return { ...s, ct };
};
async function reason(run: () => unknown): Promise<string> {
  try {
    await run();
    return 'opened';
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return `${e.code}: ${(e.cause as Error | undefined)?.message ?? ''}`;
  }
}

describe('opening a vault file: the damage each layer names', () => {
  it('a wrapped key that fails authentication under the right password', async () => {
    const c = await good();
    expect(await reason(() => openWithPassword({ ...c, wrap: flipped(c.wrap) }, TEST_PASSWORD))).toBe(
      'VAULT_DAMAGED: wrapped key fails authentication under the right password',
    );
  });

  it('a payload that fails authentication, whole or in slices', async () => {
    const c = await good();
    const { dataKey } = await openWithPassword(c, TEST_PASSWORD);
    const bad = { ...c, payload: flipped(c.payload) };
    expect(await reason(() => openWithPassword(bad, TEST_PASSWORD))).toBe('VAULT_DAMAGED: payload fails authentication');
    expect(await reason(() => openWithDataKey(bad, dataKey))).toBe('VAULT_DAMAGED: payload fails authentication');
    expect(await reason(() => openWithDataKeySliced(bad, dataKey))).toBe('VAULT_DAMAGED: payload fails authentication');
  });

  it('a data key that does not match the key check', async () => {
    const c = await good();
    expect(await reason(() => openWithDataKey(c, randomBytes(32)))).toBe('VAULT_DAMAGED: key check mismatch');
    expect(await reason(() => openWithDataKeySliced(c, randomBytes(32)))).toBe('VAULT_DAMAGED: key check mismatch');
  });

  it('a payload of the other format than the header says', async () => {
    const c = await good();
    const { dataKey } = await openWithPassword(c, TEST_PASSWORD);
    const { journal: _j, ...rest } = c;
    const head = { ...rest, version: 1 as const };
    const asV1: VaultFileContents = { ...head, payload: seal(dataKey, encodePayload(emptyVaultData(), { journalKey: randomBytes(32), segments: [] }), payloadAd(head), randomBytes(12)) };
    expect(await reason(() => openWithDataKey(asV1, dataKey))).toBe('VAULT_DAMAGED: payload does not match the format version');
    expect(await reason(() => openWithDataKeySliced(asV1, dataKey))).toBe('VAULT_DAMAGED: payload does not match the format version');
  });

  it('a format-1 file opens without a journal name; a format-2 file names its journal', async () => {
    const c = await good();
    const opened = await openWithPassword(c, TEST_PASSWORD);
    expect(opened.journalName).toBe(c.journal);
    const { journal: _j, ...rest } = c;
    const head = { ...rest, version: 1 as const };
    const v1: VaultFileContents = { ...head, payload: seal(opened.dataKey, encodePayload(emptyVaultData()), payloadAd(head), randomBytes(12)) };
    expect('journalName' in openWithDataKey(v1, opened.dataKey)).toBe(false);
  });
});
