import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../support/FakeClock.js';
import { startTestServices, type TestServices } from '../support/testServices.js';

const PASSWORD = 'services test password 1';

describe('createServices', () => {
  let t: TestServices | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('records lock and unlock (creating opens the vault: the first unlock) in the audit trail, between account changes', async () => {
    t = await startTestServices({ clock: new FakeClock() });
    const { services } = t;
    await services.vault.create(PASSWORD);
    await services.accounts.add({ kind: 'azion', label: 'a', email: 'a@example.com', password: 'pw-not-real', mode: 'session' });
    await services.vault.lock();
    await services.vault.unlock(PASSWORD);
    await expect.poll(async () => (await services.audit.page({ offset: 0, limit: 50 })).entries.map((e) => e.action)).toEqual(['unlock', 'lock', 'account', 'unlock']);
    const page = await services.audit.page({ offset: 0, limit: 50 });
    expect(page.chain).toEqual({ ok: true });
  });

  it('pushes status, account and token events to the window', async () => {
    t = await startTestServices({ clock: new FakeClock() });
    await t.services.vault.create(PASSWORD);
    await t.services.accounts.add({ kind: 'azion', label: 'a', email: 'a@example.com', password: 'pw-not-real', mode: 'session' });
    await t.services.vault.lock();
    const types = t.events.map((e) => e.type);
    expect(types).toContain('vault-status');
    expect(types).toContain('accounts-changed');
    expect(t.events.filter((e) => e.type === 'vault-status').map((e) => (e as { status: string }).status)).toEqual(['unlocked', 'locked']);
  });
});
