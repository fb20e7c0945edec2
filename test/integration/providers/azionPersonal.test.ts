import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AZION_PERSONAL_MAX_EXPIRY } from '../../../main/core/providers/azion/azionPersonal.js';
import { createAzionProvider } from '../../../main/core/providers/azion/azionProvider.js';
import type { Provider, StoredTokenRef } from '../../../main/core/providers/types.js';
import type { AzionConfig, AzionSecrets } from '../../../main/core/vault/vaultRecords.js';
import { type FakeAzion, startFakeAzion } from '../../fakes/fakeAzion.js';
import { FakeClock } from '../../support/FakeClock.js';
import { azionConfig, rejectionOf, testHttp } from './support.js';

const EMAIL = 'dev@example.com';
const PASSWORD = 'correct horse: battery staple';
const START = Date.UTC(2026, 10, 23, 12, 0, 0);
/** Azion's clock runs a little ahead of ours: what it says about a token must win over our guess. */
const SKEW_MS = 4_321;
const DAY = 86_400_000;
const ERROR_MESSAGE = 'Choose an expiry for the personal token between a minute from now and 9 February 2038.';

describe('Azion personal tokens: create and revoke against the fake Azion', () => {
  let clock: FakeClock;
  let serverClock: FakeClock;
  let fake: FakeAzion;
  let provider: Provider;
  let config: AzionConfig;
  let host: string;
  const secrets: AzionSecrets = { kind: 'azion', password: PASSWORD };

  beforeEach(async () => {
    clock = new FakeClock(START);
    serverClock = new FakeClock(START + SKEW_MS);
    fake = await startFakeAzion({ clock: serverClock, accounts: [{ email: EMAIL, password: PASSWORD }] });
    provider = createAzionProvider({ http: testHttp(clock), clock });
    config = azionConfig(fake.url, EMAIL, 'personal');
    host = new URL(fake.url).host;
  });
  afterEach(() => fake.close());

  const creates = (): { body: Record<string, unknown>; authorization: string | undefined }[] =>
    fake.requests
      .filter((r) => r.method === 'POST' && r.path === '/iam/personal_tokens')
      .map((r) => ({ body: JSON.parse(r.body) as Record<string, unknown>, authorization: r.headers['authorization'] }));
  const personalDeletes = (): string[] => fake.requests.filter((r) => r.method === 'DELETE' && r.path.startsWith('/iam/')).map((r) => r.path);
  /** A pasted personal token: no session is opened, so a refusal before any request shows as an empty log. */
  const pasted: AzionSecrets = { kind: 'azion', personalToken: `azion${'p'.repeat(35)}` };

  describe('the expiry it asks for', () => {
    it.each([
      ['exactly a minute away', 60_000],
      ['half a minute away', 30_000],
      ['now', 0],
      ['in the past', -DAY],
    ])('refuses an expiry %s before sending anything, saying what is allowed', async (_label, offset) => {
      const err = await rejectionOf(provider.mint({ config, secrets: pasted, expiresAt: clock.now() + offset }));
      expect(err.code).toBe('BAD_ARGUMENT');
      expect(err.message).toBe(ERROR_MESSAGE);
      expect(fake.requests).toHaveLength(0);
    });

    it('refuses one second past 2038-02-09 23:59:59 UTC, and takes that last second itself', async () => {
      const err = await rejectionOf(provider.mint({ config, secrets: pasted, expiresAt: AZION_PERSONAL_MAX_EXPIRY + 1 }));
      expect(err.code).toBe('BAD_ARGUMENT');
      expect(err.message).toBe(ERROR_MESSAGE);
      expect(fake.requests).toHaveLength(0);

      const token = await provider.mint({ config, secrets, expiresAt: AZION_PERSONAL_MAX_EXPIRY });
      expect(creates()[0]?.body['expires_at']).toBe('2038-02-09T23:59:59Z');
      expect(token.expiresAt).toBe(AZION_PERSONAL_MAX_EXPIRY);
    });

    it('with email and password too, a refused expiry opens no helper session', async () => {
      const err = await rejectionOf(provider.mint({ config, secrets, expiresAt: clock.now() + 30_000 }));
      expect(err.code).toBe('BAD_ARGUMENT');
      expect(err.message).toBe(ERROR_MESSAGE);
      expect(fake.requests).toHaveLength(0);
    });

    it('takes an expiry just over a minute away', async () => {
      const token = await provider.mint({ config, secrets, expiresAt: clock.now() + 61_000 });
      expect(token.expiresAt).toBe(clock.now() + 61_000);
      expect(fake.personalTokens()).toHaveLength(1);
    });
  });

  it('POSTs exactly name, RFC 3339 UTC expiry and a description saying who made it', async () => {
    const expiresAt = clock.now() + 7 * DAY + 1_234;
    await provider.mint({ config, secrets, expiresAt, name: 'ci deploy' });
    expect(creates()).toHaveLength(1);
    expect(creates()[0]?.body).toEqual({ name: 'ci deploy', expires_at: '2026-11-30T12:00:01Z', description: 'Created by Token Vault' });
    expect(fake.personalTokens()[0]?.description).toBe('Created by Token Vault');
  });

  describe('reading the answer', () => {
    it('a 200 is as good as the documented 201', async () => {
      fake.behaviour.personalCreateStatus = 200;
      const token = await provider.mint({ config, secrets, name: 'two hundred' });
      const stored = fake.personalTokens();
      expect(stored).toHaveLength(1);
      expect(token.value).toBe(stored[0]?.key);
      expect(token.serverId).toBe(stored[0]?.uuid);
    });

    it('reads a v4 answer, which wraps the token in "results"', async () => {
      fake.behaviour.personalEnvelope = 'results';
      const expiresAt = clock.now() + 15 * DAY;
      const token = await provider.mint({ config, secrets, expiresAt, name: 'v4' });
      const stored = fake.personalTokens()[0];
      expect(token).toMatchObject({ kind: 'azion-personal', value: stored?.key, serverId: stored?.uuid, createdAt: START + SKEW_MS, expiresAt });
    });

    it("dates the token by Azion's clock, not ours", async () => {
      const token = await provider.mint({ config, secrets, name: 'skewed' });
      expect(token.createdAt).toBe(START + SKEW_MS);
      expect(token.createdAt).toBe(fake.personalTokens()[0]?.created);
    });

    it("Azion's expires_at wins over the one asked for", async () => {
      const key = `azion${'K'.repeat(35)}`;
      fake.failNext({
        status: 201,
        body: { uuid: 'f1e2d3c4-0000-4000-8000-000000000001', name: 'n', key, created: '2026-11-23 11:59:58.250000+00:00', expires_at: '2026-11-24 00:00:00.000000+00:00' },
        match: { method: 'POST', path: '/iam/personal_tokens' },
      });
      const token = await provider.mint({ config, secrets, expiresAt: clock.now() + DAY, name: 'n' });
      expect(token.value).toBe(key);
      expect(token.createdAt).toBe(Date.UTC(2026, 10, 23, 11, 59, 58, 250));
      expect(token.expiresAt).toBe(Date.UTC(2026, 10, 24));
    });

    it('trims whitespace around the key and the uuid', async () => {
      const key = `azion${'T'.repeat(35)}`;
      fake.failNext({
        status: 201,
        body: { uuid: ' 0b1c2d3e-0000-4000-8000-000000000002\n', key: `  ${key} `, created: new Date(START).toISOString(), expires_at: new Date(START + DAY).toISOString() },
        match: { method: 'POST', path: '/iam/personal_tokens' },
      });
      const token = await provider.mint({ config, secrets, expiresAt: START + DAY });
      expect(token.value).toBe(key);
      expect(token.serverId).toBe('0b1c2d3e-0000-4000-8000-000000000002');
    });

    it('without created or expires_at: our clock, and the asked expiry to the whole second', async () => {
      fake.behaviour.personalAnswerOmits = ['created', 'expires_at'];
      const expiresAt = clock.now() + 7 * DAY + 1_234;
      const token = await provider.mint({ config, secrets, expiresAt });
      expect(token.createdAt).toBe(START);
      expect(token.expiresAt).toBe(clock.now() + 7 * DAY + 1_000);
    });

    it('with unreadable dates: the same fallback', async () => {
      fake.failNext({
        status: 201,
        body: { uuid: '0b1c2d3e-0000-4000-8000-000000000003', key: `azion${'U'.repeat(35)}`, created: 'today', expires_at: 'in a week' },
        match: { method: 'POST', path: '/iam/personal_tokens' },
      });
      const token = await provider.mint({ config, secrets, expiresAt: clock.now() + 2 * DAY + 999 });
      expect(token.createdAt).toBe(START);
      expect(token.expiresAt).toBe(clock.now() + 2 * DAY);
    });
  });

  describe('an answer it cannot use', () => {
    const without = (what: 'key' | 'id' | 'key and id'): string => `Azion (${host}) answered without the new token's ${what}`;
    /** No id: nothing Token Vault can delete, so the person is sent to the console. */
    const noId = (name: string, what: 'id' | 'key and id' = 'id'): string =>
      `${without(what)}, so Token Vault cannot delete it. Check Azion's console for a token named "${name}" and delete it, then try again.`;

    it('without the key: the token Azion made is deleted at once and the mint is BAD_RESPONSE', async () => {
      fake.behaviour.personalAnswerOmits = ['key'];
      const left: StoredTokenRef[] = [];
      const err = await rejectionOf(provider.mint({ config, secrets, name: 'ci deploy', leftover: (t) => void left.push(t) }));
      expect(err.code).toBe('BAD_RESPONSE');
      expect(err.message).toBe(`${without('key')}, so Token Vault deleted that token again. Try again; if it keeps happening, check that the account's API base URL points at Azion.`);
      expect(err.message).not.toContain(PASSWORD);
      expect(fake.personalTokens()).toHaveLength(0);
      const del = fake.requests.find((r) => r.method === 'DELETE' && r.path.startsWith('/iam/'));
      expect(del?.headers['authorization']).toBe(creates()[0]?.authorization);
      expect(left).toEqual([]);
      // The helper session is gone too: nothing of this mint is left anywhere.
      expect(fake.sessions().size).toBe(0);
    });

    it('without the uuid: nothing to address, so no delete is tried and nothing is queued', async () => {
      fake.behaviour.personalAnswerOmits = ['uuid'];
      const left: StoredTokenRef[] = [];
      const err = await rejectionOf(provider.mint({ config, secrets, name: 'no id', leftover: (t) => void left.push(t) }));
      expect(err.code).toBe('BAD_RESPONSE');
      expect(err.message).toBe(noId('no id'));
      expect(personalDeletes()).toEqual([]);
      expect(left).toEqual([]);
      // The user is told to delete it in the console: it does exist there.
      expect(fake.personalTokens().map((t) => t.name)).toEqual(['no id']);
    });

    it('without key and uuid, or with a body that is not an object: BAD_RESPONSE', async () => {
      for (const body of [{ detail: 'Created.' }, ['azion', 'uuid'], { key: 42, uuid: 7 }]) {
        fake.failNext({ status: 201, body, match: { method: 'POST', path: '/iam/personal_tokens' } });
        const err = await rejectionOf(provider.mint({ config, secrets, name: 'odd' }));
        expect(err.code).toBe('BAD_RESPONSE');
        expect(err.message).toBe(noId('odd', 'key and id'));
      }
      expect(personalDeletes()).toEqual([]);
    });

    it('a key-less token whose delete fails is queued for cleanup with its uuid, expiry and base', async () => {
      fake.behaviour.personalAnswerOmits = ['key'];
      fake.failNext({ status: 503, body: { detail: 'Service unavailable.' }, match: { method: 'DELETE', path: /^\/iam\/personal_tokens\// } });
      const apiBase = `${fake.url}/`;
      const expiresAt = clock.now() + 3 * DAY + 777;
      const left: { token: StoredTokenRef; error: unknown }[] = [];
      const err = await rejectionOf(
        provider.mint({ config: { ...config, apiBase }, secrets, expiresAt, name: 'queued', leftover: (token, error) => void left.push({ token, error }) }),
      );
      expect(err.code).toBe('BAD_RESPONSE');
      expect(err.message).toBe(`${without('key')}, and deleting that token failed; Token Vault will retry the delete in the background. Try the mint again.`);
      const uuid = fake.personalTokens()[0]?.uuid;
      expect(uuid).toBeDefined();
      expect(left.map((l) => l.token)).toEqual([{ kind: 'azion-personal', value: '', serverId: uuid, expiresAt, meta: { base: apiBase } }]);
      expect((left[0]?.error as { code?: string }).code).toBe('SERVER_ERROR');
    });

    it('without a cleanup queue, a failed take-back still ends in the same BAD_RESPONSE', async () => {
      fake.behaviour.personalAnswerOmits = ['key'];
      fake.failNext({ status: 503, body: { detail: 'Service unavailable.' }, match: { method: 'DELETE', path: /^\/iam\/personal_tokens\// } });
      const err = await rejectionOf(provider.mint({ config, secrets, name: 'unqueued' }));
      expect(err.code).toBe('BAD_RESPONSE');
      expect(err.message).toBe(`${without('key')}, and deleting that token failed. Check Azion's console for a token named "unqueued" and delete it, then try again.`);
    });
  });

  describe('revoke', () => {
    const minted = (): Promise<StoredTokenRef> => provider.mint({ config, secrets, name: 'to revoke' });
    const deleteMatch = { method: 'DELETE', path: /^\/iam\/personal_tokens\// };

    it('a 5xx is SERVER_ERROR (not an unconfirmed delete), and the token stays', async () => {
      const token = await minted();
      fake.failNext({ status: 503, body: { detail: 'Service unavailable.' }, match: deleteMatch });
      const err = await rejectionOf(provider.revoke({ config, secrets, token }));
      expect(err.code).toBe('SERVER_ERROR');
      expect(err.message).toMatch(/HTTP 503/);
      expect(fake.personalTokens()).toHaveLength(1);
    });

    it('a 401 to the DELETE is BAD_CREDENTIALS', async () => {
      const token = await minted();
      fake.failNext({ status: 401, body: { detail: 'Invalid token.' }, match: deleteMatch });
      expect((await rejectionOf(provider.revoke({ config, secrets, token }))).code).toBe('BAD_CREDENTIALS');
    });

    it('a 300 is an unexpected status, not an unconfirmed delete', async () => {
      const token = await minted();
      fake.failNext({ status: 300, body: { detail: 'Multiple choices.' }, match: deleteMatch });
      const err = await rejectionOf(provider.revoke({ config, secrets, token }));
      expect(err.code).toBe('BAD_RESPONSE');
      expect(err.message).toBe(`Azion (${host}) answered with an unexpected status (HTTP 300). Check the account's base URLs.`);
      expect(err.retryable).not.toBe(true);
    });

    it.each([200, 202, 299])('a %i is not a confirmation: BAD_RESPONSE, retryable, token kept', async (status) => {
      const token = await minted();
      fake.failNext({ status, body: { ok: true }, match: deleteMatch });
      const err = await rejectionOf(provider.revoke({ config, secrets, token }));
      expect(err.code).toBe('BAD_RESPONSE');
      expect(err.message).toContain(`HTTP ${status} instead of confirming it (204)`);
      expect(err.retryable).toBe(true);
      expect(fake.personalTokens()).toHaveLength(1);
    });

    it("a refusal quoting the pasted credential never shows it", async () => {
      const credential = 'pasted-credential-0123';
      fake.failNext({ status: 400, body: { detail: `Token ${credential} may not delete this token.` }, match: deleteMatch });
      const token: StoredTokenRef = { kind: 'azion-personal', value: 'v', serverId: 'a0b1c2d3-0000-4000-8000-000000000009', expiresAt: START + DAY, meta: { base: fake.url } };
      const err = await rejectionOf(provider.revoke({ config, secrets: { kind: 'azion', personalToken: credential }, token }));
      expect(err.code).toBe('BAD_REQUEST');
      expect(err.message).toContain('Token [redacted] may not delete this token.');
      expect(err.message).not.toContain(credential);
      expect(fake.requests).toHaveLength(1);
    });
  });
});
