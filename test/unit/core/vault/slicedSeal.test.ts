import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sealVaultFileSliced } from '../../../../main/core/vault/slicedSeal.js';
import { emptyVaultData, type TokenRecord } from '../../../../main/core/vault/vaultRecords.js';
import { decodePayload, decodePayloadSliced, encodePayload } from '../../../../main/core/vault/payload.js';
import { openWithDataKey, openWithDataKeySliced, wrapWithPassword } from '../../../../main/core/vault/vaultCrypto.js';
import { encodeVaultFile } from '../../../../main/core/vault/vaultFormat.js';
import { decodeVaultFile } from '../../../../main/core/vault/vaultFileDecode.js';
import { TEST_KDF } from '../../../support/vaultHarness.js';

describe('sealing a vault file in slices', () => {
  it('writes a canonical file that opens to the same data, for every size around the slice bounds', async () => {
    const dataKey = randomBytes(32);
    const material = await wrapWithPassword('vault-slice-1234', dataKey, 'a password for slices', TEST_KDF, randomBytes);
    for (const n of [0, 1, 499, 500, 501, 1700]) {
      const data = emptyVaultData();
      data.tokens = Array.from({ length: n }, (_, i): TokenRecord => ({ id: `t${i}`, accountId: 'a', kind: 'azion-session', value: 'v'.repeat(400 + (i % 7)), createdAt: i, expiresAt: i + 1, state: 'active' }));
      data.oceanExpirations = { k: [1] };
      const store = { journalKey: randomBytes(32), segments: [] };
      const bytes = await sealVaultFileSliced({ material, dataKey, data, generation: 7, writtenAt: 1234, random: randomBytes, store, journal: 'vault.json.j-7-abcdef' });
      const contents = decodeVaultFile(bytes);
      expect(encodeVaultFile(contents).equals(bytes)).toBe(true);
      const opened = openWithDataKey(contents, dataKey);
      expect(opened.data).toEqual(data);
      expect(opened.store?.journalKey.equals(store.journalKey)).toBe(true);
      expect(opened.journalName).toBe('vault.json.j-7-abcdef');
      expect((await openWithDataKeySliced(contents, dataKey)).data).toEqual(data);
    }
  });

  it('parses a payload line by line to what parsing it whole gives, and calls a broken line damage', async () => {
    const data = emptyVaultData();
    data.tokens = Array.from({ length: 1200 }, (_, i): TokenRecord => ({ id: `t${i}`, accountId: 'a', kind: 'azion-session', value: `v\n"${i}`, createdAt: i, expiresAt: i + 1, state: 'active' }));
    const plain = encodePayload(data);
    expect(plain.toString('utf8').split('\n')).toHaveLength(5);
    expect(await decodePayloadSliced(plain)).toEqual(decodePayload(plain));
    // Written before the payload was laid out in lines: one line, parsed whole.
    const whole = Buffer.from(JSON.stringify(data), 'utf8');
    expect((await decodePayloadSliced(whole)).data).toEqual(data);
    const text = plain.toString('utf8');
    for (const broken of [text.replace(',\n', '\n'), text.replace('}\n', '}\n,'), text.replace('\n]}', ']}').replace(/\n([^\n]*)$/, '\n$1\n]'), text.slice(0, -3) + '}]}']) {
      await expect(decodePayloadSliced(Buffer.from(broken, 'utf8'))).rejects.toMatchObject({ code: 'VAULT_DAMAGED' });
    }
  });
});
