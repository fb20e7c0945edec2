import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../../main/core/audit/AuditLog.js';
import { FIXTURE_V1 } from '../../../fixtures/vault-v1/fixtureV1.js';
import { codeOf, useVaultHarness } from '../../../support/vaultHarness.js';

const FIXTURE = join(import.meta.dirname, '../../../fixtures/vault-v1/vault.json');
const h = useVaultHarness(() => ({ kdf: FIXTURE_V1.kdf }));

/** The vault written by the format-1 code (test/fixtures/vault-v1) opens with everything it held. */
describe('format-1 vault (checked-in fixture)', () => {
  it('opens with its password and holds its accounts, tokens, audit trail and ledger', async () => {
    await copyFile(FIXTURE, h.file.path);
    expect(await codeOf(h.vault.unlock('not the fixture password'))).toBe('BAD_PASSWORD');
    await h.vault.unlock(FIXTURE_V1.password);
    const data = h.vault.read();
    expect(data.accounts).toEqual(FIXTURE_V1.accounts);
    expect(data.tokens).toEqual(FIXTURE_V1.tokens);
    expect(data.oceanExpirations).toEqual(FIXTURE_V1.oceanExpirations);
    const log = new AuditLog(h.vault, h.clock);
    const page = await Promise.resolve(log.page({ offset: 0, limit: 100 }));
    // 2 accounts, 3 × (mint + copy), the lock.
    expect(page.total).toBe(9);
    expect(page.entries.map((e) => e.action)).toEqual(['lock', 'copy', 'mint', 'copy', 'mint', 'copy', 'mint', 'account', 'account']);
    expect(page.chain).toEqual({ ok: true });
  });
});
