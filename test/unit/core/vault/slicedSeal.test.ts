import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sealVaultFileSliced } from '../../../../main/core/vault/slicedSeal.js';
import { emptyVaultData, type TokenRecord } from '../../../../main/core/vault/types.js';
import { openWithDataKey, wrapWithPassword } from '../../../../main/core/vault/vaultCrypto.js';
import { decodeVaultFile, encodeVaultFile } from '../../../../main/core/vault/vaultFormat.js';
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
      const bytes = await sealVaultFileSliced(material, dataKey, data, 7, 1234, randomBytes, store, 'vault.json.j-7-abcdef');
      const contents = decodeVaultFile(bytes);
      expect(encodeVaultFile(contents).equals(bytes)).toBe(true);
      const opened = openWithDataKey(contents, dataKey);
      expect(opened.data).toEqual(data);
      expect(opened.store?.journalKey.equals(store.journalKey)).toBe(true);
      expect(opened.journalName).toBe('vault.json.j-7-abcdef');
    }
  });
});
