import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seal } from '../../main/core/vault/aead.js';
import { encodePayload } from '../../main/core/vault/payload.js';
import { openWithPassword } from '../../main/core/vault/vaultCrypto.js';
import { decodeVaultFile } from '../../main/core/vault/vaultFileDecode.js';
import { encodeVaultFile, payloadAd, type VaultFileContents } from '../../main/core/vault/vaultFormat.js';
import type { AuditEntry } from '../../main/core/vault/vaultRecords.js';
import { FIXTURE_V1 } from '../fixtures/vault-v1/fixtureV1.js';

/** The checked-in format-1 vault (test/fixtures/vault-v1), as written by the format-1 code. */
export const FORMAT1_FIXTURE = join(import.meta.dirname, '../fixtures/vault-v1/vault.json');

/**
 * The format-1 fixture re-sealed with another audit trail (its password stays FIXTURE_V1.password):
 * `trail(entries)` gets the fixture's own entries and returns the trail to seal. The result is a
 * format-1 file as that code wrote it (no journal, the trail in the payload); the entries' hash chain
 * is whatever `trail` makes of it.
 */
export async function format1With(trail: (entries: AuditEntry[]) => AuditEntry[]): Promise<Buffer> {
  const contents = decodeVaultFile(await readFile(FORMAT1_FIXTURE));
  if (contents.version !== 1) throw new Error('the fixture is not format 1');
  const opened = await openWithPassword(contents, FIXTURE_V1.password);
  const plain = encodePayload({ ...opened.data, audit: trail(opened.data.audit as AuditEntry[]) });
  const { payload: _p, ...head } = contents;
  const resealed: VaultFileContents = { ...head, payload: seal(opened.dataKey, plain, payloadAd(head), randomBytes(12)) };
  return encodeVaultFile(resealed);
}
