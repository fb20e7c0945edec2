import { createHash } from 'node:crypto';
import { copyFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../../main/core/audit/AuditLog.js';
import { genesisHash, journalAd } from '../../../../main/core/vault/journalFormat.js';
import { FORMAT, FORMAT_VERSION, keyCheckInput, payloadAd, wrapAd } from '../../../../main/core/vault/vaultFormat.js';
import { decodeVaultFile } from '../../../../main/core/vault/vaultFileDecode.js';
import { FIXTURE_V2 } from '../../../fixtures/vault-v2/fixtureV2.js';
import { codeOf, useVaultHarness } from '../../../support/vaultHarness.js';

/**
 * test/fixtures/vault-v2/ is a vault written by the format-2 code (makeFixture.ts), committed as bytes.
 * Every vault on a user's disk looks like it: if a change to the format name, the version or any
 * associated-data string made it unreadable, every existing vault would be VAULT_DAMAGED. So this test
 * must never be "fixed" by regenerating the fixture; a real format change comes with a migration.
 */
const FIXTURE_DIR = join(import.meta.dirname, '../../../fixtures/vault-v2');
const h = useVaultHarness(() => ({ kdf: FIXTURE_V2.kdf }));

async function installFixture(): Promise<void> {
  for (const f of await readdir(FIXTURE_DIR)) {
    if (f.startsWith('vault.json')) await copyFile(join(FIXTURE_DIR, f), join(h.dir, f));
  }
}

describe('the committed format-2 reference vault', () => {
  it('opens with its password: accounts and tokens from the file, updates from its journal, the trail from closed journals', async () => {
    await installFixture();
    expect(await codeOf(h.vault.unlock('not the fixture password'))).toBe('BAD_PASSWORD');
    await h.vault.unlock(FIXTURE_V2.password);
    const data = h.vault.read();
    expect(data.accounts).toEqual(FIXTURE_V2.accounts);
    expect(data.tokens).toEqual(FIXTURE_V2.tokens);
    expect(data.oceanExpirations).toEqual(FIXTURE_V2.oceanExpirations);
    const page = await new AuditLog(h.vault, h.clock).page({ offset: 0, limit: 100 });
    // 2 accounts, 3 mints, 2 copies, the lock.
    expect(page.entries.map((e) => e.action)).toEqual(['lock', 'copy', 'mint', 'copy', 'mint', 'mint', 'account', 'account']);
    expect(page.chain).toEqual({ ok: true });
  });

  it('pins the format name and version in the file', async () => {
    const bytes = await readFile(join(FIXTURE_DIR, 'vault.json'));
    expect(JSON.parse(bytes.toString('utf8'))).toMatchObject({ format: 'token-vault', version: 2 });
    expect(FORMAT).toBe('token-vault');
    expect(FORMAT_VERSION).toBe(2);
    const c = decodeVaultFile(bytes);
    expect(c.version).toBe(2);
    expect(c.journal).toMatch(/^vault\.json\.j-/);
  });

  it('pins every associated-data string the fixture was sealed with', async () => {
    const c = decodeVaultFile(await readFile(join(FIXTURE_DIR, 'vault.json')));
    const id = c.vaultId;
    expect(wrapAd(id, c.kdf).toString('latin1')).toBe(`token-vault/v1/wrap\0${id}\0scrypt:1024:8:1:${c.kdf.salt.toString('base64')}`);
    expect(keyCheckInput(id).toString('latin1')).toBe(`token-vault/v1/key-check\0${id}`);
    expect(payloadAd(c).toString('latin1')).toBe(`token-vault/v2/payload\0${id}\0${c.generation}\0${c.writtenAt}\0${c.journal}`);
    expect(payloadAd({ ...c, version: 1 }).toString('latin1')).toBe(`token-vault/v1/payload\0${id}\0${c.generation}\0${c.writtenAt}`);
    const ids = { vaultId: id, epoch: c.generation };
    const genesis = createHash('sha256').update(`token-vault/v2/journal-genesis\0${id}\0${c.generation}`).digest();
    expect(genesisHash(ids).equals(genesis)).toBe(true);
    expect(journalAd(ids, 7, genesis).equals(Buffer.concat([Buffer.from(`token-vault/v2/journal\0${id}\0${c.generation}\x007\0`), genesis]))).toBe(true);
  });

  it('its AD binds the vault id: the same file under another id, checksum recomputed, is VAULT_DAMAGED', async () => {
    await installFixture();
    const bytes = await readFile(join(h.dir, 'vault.json'));
    const c = decodeVaultFile(bytes);
    const otherId = c.vaultId.replace(/^./, (ch) => (ch === 'a' ? 'b' : 'a'));
    const renamed = bytes.toString('utf8').replace(c.vaultId, otherId);
    const body = JSON.parse(renamed) as Record<string, unknown>;
    delete body['sha256'];
    const sum = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    await h.file.write(Buffer.from(JSON.stringify({ ...body, sha256: sum }), 'utf8'), () => true);
    expect(await codeOf(h.vault.unlock(FIXTURE_V2.password))).toBe('VAULT_DAMAGED');
  });
});
