import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../../main/core/services.js';
import { createLogger } from '../../../../main/core/log.js';
import { Redactor } from '../../../../main/core/redact.js';
import { createVaultStack } from '../../../../main/core/createVaultStack.js';
import { FakeClock } from '../../../support/FakeClock.js';
import { TEST_KDF, TEST_PASSWORD } from '../../../support/vaultHarness.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tv-stack-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('createVaultStack', () => {
  it('wires vault, accounts, settings and auto-lock over one data directory', async () => {
    const clock = new FakeClock();
    const redactor = new Redactor();
    const platform = () => ({ os: 'linux' as const, tray: false, notifications: false, globalShortcut: false, limitations: [] });
    const stack = createVaultStack({ dataDir: dir, clock, redactor, logger: createLogger({ write: () => undefined }, redactor), platform, kdf: TEST_KDF });
    const services: Pick<Services, 'vault' | 'accounts' | 'settings'> = stack;

    await services.vault.create(TEST_PASSWORD);
    await services.accounts.add({ kind: 'azion', label: 'Work', email: 'me@example.com', password: 'account password', mode: 'session' });
    expect((await services.settings.view()).keychain).toEqual({ available: false, backend: 'unknown', secure: false, enabled: false });
    await services.settings.update({ autoLockMinutes: 2 });
    expect((await readdir(dir)).sort()).toEqual(['settings.json', 'vault.json', 'vault.json.bak1']);

    clock.advance(2 * 60_000); // the new setting applies at once
    await clock.flush();
    expect(await services.vault.status()).toBe('locked');
    await services.vault.unlock(TEST_PASSWORD);
    expect((await services.accounts.list()).map((a) => a.label)).toEqual(['Work']);
  });
});
