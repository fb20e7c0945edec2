import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../main/core/services.js';
import { createLogger } from '../../main/core/log.js';
import { Redactor } from '../../main/core/redact.js';
import { createServices } from '../../main/services.js';
import { FakeClock } from '../support/FakeClock.js';
import { MemoryClipboard } from '../support/MemoryClipboard.js';
import { startTestServices, type TestServices } from '../support/testServices.js';
import { TEST_KDF, TEST_PASSWORD } from '../support/vaultHarness.js';

describe('createServices', () => {
  let t: TestServices | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('records lock and unlock (creating opens the vault: the first unlock) in the audit trail, between account changes', async () => {
    t = await startTestServices({ clock: new FakeClock() });
    const { services } = t;
    await services.vault.create(TEST_PASSWORD);
    await services.accounts.add({ kind: 'azion', label: 'a', email: 'a@example.com', password: 'pw-not-real', mode: 'session' });
    await services.vault.lock();
    await services.vault.unlock(TEST_PASSWORD);
    await expect.poll(async () => (await services.audit.page({ offset: 0, limit: 50 })).entries.map((e) => e.action)).toEqual(['unlock', 'lock', 'account', 'unlock']);
    const page = await services.audit.page({ offset: 0, limit: 50 });
    expect(page.chain).toEqual({ ok: true });
  });

  it('pushes status, account and token events to the window', async () => {
    t = await startTestServices({ clock: new FakeClock() });
    await t.services.vault.create(TEST_PASSWORD);
    await t.services.accounts.add({ kind: 'azion', label: 'a', email: 'a@example.com', password: 'pw-not-real', mode: 'session' });
    await t.services.vault.lock();
    const types = t.events.map((e) => e.type);
    expect(types).toContain('vault-status');
    expect(types).toContain('accounts-changed');
    expect(t.events.filter((e) => e.type === 'vault-status').map((e) => (e as { status: string }).status)).toEqual(['unlocked', 'locked']);
  });
});

describe('createServices: the one composition', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('wires vault, accounts, settings and auto-lock over one data directory', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tv-stack-'));
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
