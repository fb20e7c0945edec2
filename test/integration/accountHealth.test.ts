/**
 * Account health, end to end through the real composition and a loopback Azion: checking an
 * account's credentials is one call (a wrong password is never retried), and the last failure stays
 * on the account (in the vault) across lock, unlock and a restart, until a call succeeds.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAzion, type FakeAzion } from '../fakes/index.js';
import { FakeClock } from '../support/FakeClock.js';
import { startTestServices, type TestServices } from '../support/testServices.js';
import { TestPresence } from '../support/TestPresence.js';

const MASTER = 'correct horse battery staple 42';
const EMAIL = 'ops@example.com';
const PASSWORD = 'Azion-account-pw-7781';

describe('account health', () => {
  const clock = new FakeClock(Date.now());
  let azion: FakeAzion;
  let dataDir: string;
  let app: TestServices;
  let id: string;

  const healthOf = async (a: TestServices) => (await a.services.accounts.list()).find((x) => x.id === id)?.health;

  beforeAll(async () => {
    azion = await startFakeAzion({ accounts: [{ email: EMAIL, password: PASSWORD }] });
    dataDir = await mkdtemp(join(tmpdir(), 'tv-health-'));
    app = await startTestServices({ clock, dataDir, presence: new TestPresence(clock) });
    await app.services.vault.create(MASTER);
    const bases = { authBase: azion.url, apiBase: azion.url, checkBase: azion.url };
    id = (await app.services.accounts.add({ kind: 'azion', label: 'prod', email: EMAIL, password: 'not-the-password', mode: 'session', ...bases })).id;
  });

  afterAll(async () => {
    await app?.close();
    await azion?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a wrong password is one call, never retried, and the failure is kept on the account', async () => {
    azion.requests.length = 0;
    await expect(app.services.tokens.checkAccount(id)).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    expect(azion.requests).toHaveLength(1);
    const health = await healthOf(app);
    expect(health).toMatchObject({ at: clock.now(), error: { code: 'BAD_CREDENTIALS' } });
    expect(health?.error?.message).not.toContain('not-the-password');
    expect(app.events.some((e) => e.type === 'accounts-changed' && e.accounts.some((a) => a.health?.error?.code === 'BAD_CREDENTIALS'))).toBe(true);
  });

  it('a failed mint is kept too, and the failure survives lock, unlock and a restart', async () => {
    clock.advance(60_000);
    await expect(app.services.tokens.mint(id, {})).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    expect((await healthOf(app))?.at).toBe(clock.now());
    await app.services.vault.lock();
    await app.services.vault.unlock(MASTER);
    expect((await healthOf(app))?.error?.code).toBe('BAD_CREDENTIALS');
    await app.close();
    app = await startTestServices({ clock, dataDir, presence: new TestPresence(clock) });
    await app.services.vault.unlock(MASTER);
    expect((await healthOf(app))?.error?.code).toBe('BAD_CREDENTIALS');
  });

  it('a success clears it: the right password, checked, then minted', async () => {
    await app.services.accounts.update(id, { password: PASSWORD });
    // Changing the secret alone says nothing yet: the failure stays until a call succeeds.
    expect((await healthOf(app))?.error?.code).toBe('BAD_CREDENTIALS');
    await app.services.tokens.checkAccount(id);
    expect(await healthOf(app)).toEqual({ at: clock.now(), error: null });
    await app.services.tokens.mint(id, {});
    expect((await healthOf(app))?.error).toBeNull();
  });

  it('a declined or cancelled call says nothing about the credentials', async () => {
    const before = await healthOf(app);
    await expect(app.services.tokens.mint(id, { expiresAt: clock.now() - 1 })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
    expect(await healthOf(app)).toEqual(before);
  });
});
