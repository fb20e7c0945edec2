import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../main/core/services.js';
import { createLogger } from '../../main/core/log.js';
import { Redactor } from '../../main/core/redact.js';
import { createServices } from '../../main/services.js';
import { FakeClock } from '../support/FakeClock.js';
import { MemoryClipboard } from '../support/MemoryClipboard.js';
import { TEST_KDF, TEST_PASSWORD } from '../support/vaultHarness.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tv-stack-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('createServices: the one composition', () => {
  it('wires vault, accounts, settings and auto-lock over one data directory', async () => {
    const clock = new FakeClock();
    const redactor = new Redactor();
    const platform = () => ({ os: 'linux' as const, tray: false, notifications: false, globalShortcut: false, limitations: [] });
    const app = createServices({ dataDir: dir, clock, redactor, logger: createLogger({ write: () => undefined }, redactor), platform, kdf: TEST_KDF, emit: () => undefined, clipboard: new MemoryClipboard(), fetch: fetch });
    const services: Services = app;

    await services.vault.create(TEST_PASSWORD);
    await services.accounts.add({ kind: 'azion', label: 'Work', email: 'me@example.com', password: 'account password', mode: 'session' });
    expect((await services.settings.view()).keychain).toEqual({ available: false, backend: 'unknown', secure: false, enabled: false });
    await services.settings.update({ autoLockMinutes: 2 });
    // One data directory holds the settings, the vault and its journal.
    expect(await readdir(dir)).toEqual(expect.arrayContaining(['settings.json', 'vault.json']));

    clock.advance(2 * 60_000); // the new setting applies at once
    await clock.flush();
    // Locking writes its audit entry first (a real file write), so the status is polled.
    await expect.poll(() => services.vault.status()).toBe('locked');
    await services.vault.unlock(TEST_PASSWORD);
    expect((await services.accounts.list()).map((a) => a.label)).toEqual(['Work']);
    // The account change, the auto-lock and the unlock are in the trail, recorded before the AuditLog was built.
    const actions = (await services.audit.page({ offset: 0, limit: 50 })).entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['account', 'lock', 'unlock']));
    await app.dispose();
  });
});
