import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VaultAccounts } from '../../../../main/core/accounts/VaultAccounts.js';
import { createLogger } from '../../../../main/core/log.js';
import { DEFAULT_SETTINGS } from '../../../../preload/settings.js';
import { openConfSettings, SettingsStore } from '../../../../main/core/settings/SettingsStore.js';
import { fileLogSink } from '../../../../main/platform/fileLogSink.js';
import { TEST_PASSWORD, useVaultHarness } from '../../../support/vaultHarness.js';

// The public Hardhat/Anvil test account #0 (test/fakes/vectors.json): a PUBLIC TEST KEY, never for real funds.
const PUBLIC_TEST_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const AZION_PASSWORD = 'Azion-account-pw-7781';
const PERSONAL_TOKEN = 'azionpersonaltoken-abcdef-0001';
const NEW_MASTER = 'a brand new master password';

/** Every form a secret could leak in: plain, hex, base64 (and url-safe), and for the key its raw bytes. */
function forms(secret: string): Buffer[] {
  const utf8 = Buffer.from(secret, 'utf8');
  const out = [utf8, Buffer.from(utf8.toString('hex')), Buffer.from(utf8.toString('hex').toUpperCase()), Buffer.from(utf8.toString('base64')), Buffer.from(utf8.toString('base64url'))];
  if (/^0x[0-9a-f]{64}$/i.test(secret)) {
    const raw = Buffer.from(secret.slice(2), 'hex');
    out.push(raw, Buffer.from(secret.slice(2)), Buffer.from(secret.slice(2).toUpperCase()), Buffer.from(raw.toString('base64')), Buffer.from(raw.toString('base64url')));
  }
  return out;
}

/** The file, plus every base64 string in it decoded (ciphertext must not hide a plain secret). */
function expand(bytes: Buffer): Buffer[] {
  const decoded = [...bytes.toString('latin1').matchAll(/"([A-Za-z0-9+/]{16,}={0,2})"/g)].map((m) => Buffer.from(m[1]!, 'base64'));
  return [bytes, ...decoded];
}

const h = useVaultHarness();

describe('secrets at rest', () => {
  it('the vault file, its backups, settings and the log hold no password, key or token in any encoding', async () => {
    const logger = createLogger(fileLogSink(join(h.dir, 'logs', 'main.log')), h.redactor, () => h.clock.now());
    const vault = h.reopen({ logger });
    const settings = new SettingsStore(openConfSettings(h.dir));
    const accounts = new VaultAccounts({ vault, redactor: h.redactor, clock: h.clock, logger });

    await vault.create(TEST_PASSWORD);
    settings.set({ ...DEFAULT_SETTINGS, autoLockMinutes: 3 });
    await accounts.add({ kind: 'azion', label: 'Work', email: 'me@example.com', password: AZION_PASSWORD, personalToken: PERSONAL_TOKEN, mode: 'session' });
    await accounts.add({ kind: 'ocean', label: 'Ocean', providerUrl: 'https://p.example', key: { type: 'hex', privateKey: PUBLIC_TEST_KEY } });
    await accounts.add({ kind: 'ocean', label: 'Bad', providerUrl: 'https://p.example', key: { type: 'hex', privateKey: PUBLIC_TEST_KEY.slice(0, 40) } }).catch(() => undefined);
    // Something echoing secrets into the log (a provider error body, say) is redacted by construction.
    logger.error('provider said', { body: `bad credentials for ${AZION_PASSWORD} / key ${PUBLIC_TEST_KEY} / master ${TEST_PASSWORD}` });
    await vault.lock();
    await vault.unlock('wrong master password').catch(() => undefined);
    await vault.unlock(TEST_PASSWORD);
    for (let i = 0; i < 4; i++) await vault.update((d) => void (d.oceanExpirations[`k${i}`] = [i]));
    await vault.changePassword(TEST_PASSWORD, NEW_MASTER);
    logger.warn('after change', { echo: NEW_MASTER });
    await vault.lock();

    const files = [...(await readdir(h.dir)).map((f) => join(h.dir, f)), join(h.dir, 'logs', 'main.log')].filter((f) => !f.endsWith('logs'));
    const names = files.map((f) => f.slice(h.dir.length + 1)).sort();
    // The journals are scanned like the rest; the lock and the updates wrote at least one.
    expect(names.filter((f) => !/^vault\.json\.j-\d+-[0-9a-f]{6}$/.test(f))).toEqual(['logs/main.log', 'settings.json', 'vault.json', 'vault.json.bak1', 'vault.json.bak2', 'vault.json.bak3']);
    expect(names.some((f) => f.includes('.j-'))).toBe(true);
    const log = await readFile(join(h.dir, 'logs', 'main.log'), 'utf8');
    expect(log).toContain('[redacted]');
    expect(log).toContain('vault unlocked');

    for (const file of files) {
      const haystacks = expand(await readFile(file));
      for (const secret of [TEST_PASSWORD, NEW_MASTER, AZION_PASSWORD, PERSONAL_TOKEN, PUBLIC_TEST_KEY]) {
        for (const form of forms(secret)) {
          const leaked = haystacks.some((hay) => hay.includes(form));
          expect(leaked, `${file} holds a form of a secret (${form.length} bytes)`).toBe(false);
        }
      }
    }
  });
});
