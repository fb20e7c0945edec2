import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAzionProvider } from '../../../main/core/providers/azion/azionProvider.js';
import type { Provider, StoredTokenRef } from '../../../main/core/providers/types.js';
import type { AzionSecrets } from '../../../main/core/vault/vaultRecords.js';
import { type FakeAzion, startFakeAzion } from '../../fakes/fakeAzion.js';
import { FakeClock } from '../../support/FakeClock.js';
import { azionConfig, rejectionOf, testHttp } from './support.js';

const EMAIL = 'dev@example.com';
const PASSWORD = 'correct horse: battery staple';

describe('Azion provider against the fake Azion', () => {
  let clock: FakeClock;
  let fake: FakeAzion;
  let provider: Provider;
  let waits: number[];
  const secrets: AzionSecrets = { kind: 'azion', password: PASSWORD };

  beforeEach(async () => {
    clock = new FakeClock();
    fake = await startFakeAzion({ clock, accounts: [{ email: EMAIL, password: PASSWORD }] });
    waits = [];
    // 429 waits pass on the FakeClock at once: no test sleeps.
    const sleep = async (ms: number): Promise<void> => {
      waits.push(ms);
      clock.jump(ms);
    };
    provider = createAzionProvider({ http: testHttp(clock), clock, sleep });
  });
  afterEach(() => fake.close());

  const session = azionConfig.bind(null);

  describe('session tokens', () => {
    it('mints with Basic auth (no trailing newline) and the version-3 Accept header', async () => {
      const token = await provider.mint({ config: session(fake.url, EMAIL), secrets });
      const req = fake.requests[0];
      expect(req?.method).toBe('POST');
      expect(req?.path).toBe('/tokens');
      expect(req?.headers['accept']).toBe('application/json; version=3');
      expect(req?.headers['content-type']).toBe('application/json');
      const decoded = Buffer.from((req?.headers['authorization'] ?? '').replace(/^Basic /, ''), 'base64').toString('utf8');
      expect(decoded).toBe(`${EMAIL}:${PASSWORD}`);
      expect(token.kind).toBe('azion-session');
      expect(fake.sessions().has(token.value)).toBe(true);
      // The v3 date "YYYY-MM-DD hh:mm:ss.µµµµµµ+00:00", read to the millisecond.
      expect(token.createdAt).toBe(clock.now());
      expect(token.expiresAt).toBe(clock.now() + 24 * 3_600_000);
    });

    it.each([
      ['v2 dates and 200', 2 as const, 200 as const],
      ['v3 dates and 201', 3 as const, 201 as const],
    ])('accepts %s', async (_label, dateFormat, createStatus) => {
      fake.behaviour.dateFormat = dateFormat;
      fake.behaviour.createStatus = createStatus;
      const token = await provider.mint({ config: session(fake.url, EMAIL), secrets });
      expect(token.expiresAt).toBe(clock.now() + 24 * 3_600_000);
    });

    it('a 2xx without a token or a readable expiry is BAD_RESPONSE, and a returned token is taken back', async () => {
      fake.failNext({ status: 201, body: { token: 'a'.repeat(40), expires_at: 'tomorrow' } });
      expect((await rejectionOf(provider.mint({ config: session(fake.url, EMAIL), secrets }))).code).toBe('BAD_RESPONSE');
      expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /tokens', `DELETE /tokens/${'a'.repeat(40)}`]);
      fake.failNext({ status: 200, body: { expires_at: '2026-11-24 12:00:00.000000+00:00' } });
      expect((await rejectionOf(provider.mint({ config: session(fake.url, EMAIL), secrets }))).code).toBe('BAD_RESPONSE');
    });

    it('revokes with DELETE /tokens/{token} → 204, and a second revoke finds it already gone (404)', async () => {
      const token = await provider.mint({ config: session(fake.url, EMAIL), secrets });
      const ref: StoredTokenRef = token;
      expect(await provider.revoke({ config: session(fake.url, EMAIL), secrets, token: ref })).toBe('revoked');
      expect(fake.sessions().has(token.value)).toBe(false);
      expect(await provider.revoke({ config: session(fake.url, EMAIL), secrets, token: ref })).toBe('already-gone');
      const del = fake.requests.find((r) => r.method === 'DELETE');
      expect(del?.headers['authorization']).toMatch(/^Basic /);
    });

    it('needs the password: without one it refuses before any request', async () => {
      const err = await rejectionOf(provider.mint({ config: session(fake.url, EMAIL), secrets: { kind: 'azion' } }));
      expect(err.code).toBe('BAD_CREDENTIALS');
      expect(fake.requests).toHaveLength(0);
    });
  });

  describe('checking credentials (saving an account)', () => {
    it('email and password: one POST /tokens, its session token revoked at once', async () => {
      await provider.checkCredentials!({ config: session(fake.url, EMAIL), secrets });
      expect(fake.requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{40}/, '{t}')}`)).toEqual(['POST /tokens', 'DELETE /tokens/{t}']);
      expect(fake.sessions().size).toBe(0);
    });

    it('a session whose revoke fails is handed to the cleanup queue, not dropped', async () => {
      const left: { kind: string; value: string; expiresAt: number }[] = [];
      fake.failNext({ status: 503, body: 'down', match: { method: 'DELETE' } });
      await provider.checkCredentials!({ config: session(fake.url, EMAIL), secrets, leftover: (token) => void left.push(token) });
      const live = [...fake.sessions().keys()];
      expect(live).toHaveLength(1);
      expect(left).toEqual([expect.objectContaining({ kind: 'azion-session', value: live[0] })]);
      expect(left[0]!.expiresAt).toBe(fake.sessions().get(live[0]!)!.expiresAt);
    });

    it.each([401, 403] as const)('a wrong password (%i) is BAD_CREDENTIALS after one call, never retried', async (status) => {
      fake.behaviour.wrongPasswordStatus = status;
      const err = await rejectionOf(provider.checkCredentials!({ config: session(fake.url, EMAIL), secrets: { kind: 'azion', password: 'not it' } }));
      expect(err.code).toBe('BAD_CREDENTIALS');
      expect(fake.requests).toHaveLength(1);
    });

    it('a pasted personal token: one GET /user/me with it', async () => {
      const token = await provider.mint({ config: azionConfig(fake.url, EMAIL, 'personal'), secrets });
      fake.requests.length = 0;
      await provider.checkCredentials!({ config: azionConfig(fake.url, EMAIL, 'personal'), secrets: { kind: 'azion', personalToken: token.value } });
      expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /user/me']);
      const err = await rejectionOf(provider.checkCredentials!({ config: azionConfig(fake.url, EMAIL, 'personal'), secrets: { kind: 'azion', personalToken: `azion${'x'.repeat(35)}` } }));
      expect(err.code).toBe('BAD_CREDENTIALS');
      expect(err.message).not.toContain('x'.repeat(35));
      expect(fake.requests).toHaveLength(2);
    });
  });

  describe('personal tokens', () => {
    const personal = (url: string): ReturnType<typeof azionConfig> => azionConfig(url, EMAIL, 'personal');

    it('creates one through a session token with the chosen expiry, stores key and uuid, then drops the helper session', async () => {
      const expiresAt = clock.now() + 7 * 86_400_000 + 1234;
      const token = await provider.mint({ config: personal(fake.url), secrets, expiresAt, name: 'ci deploy' });
      expect(token.kind).toBe('azion-personal');
      expect(token.value).toMatch(/^azion[A-Za-z0-9]{35}$/);
      const stored = fake.personalTokens();
      expect(stored).toHaveLength(1);
      expect(token.serverId).toBe(stored[0]?.uuid);
      expect(token.expiresAt).toBe(Math.floor(expiresAt / 1000) * 1000);
      expect(stored[0]?.name).toBe('ci deploy');
      const create = fake.requests.find((r) => r.path === '/iam/personal_tokens');
      expect(JSON.parse(create?.body ?? '{}')).toMatchObject({ name: 'ci deploy', expires_at: new Date(Math.floor(expiresAt / 1000) * 1000).toISOString().replace('.000Z', 'Z') });
      expect(create?.headers['authorization']).toMatch(/^Token [0-9a-f]{40}$/);
      expect(fake.requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{40}/, '{t}')}`)).toEqual([
        'POST /tokens',
        'POST /iam/personal_tokens',
        'DELETE /tokens/{t}',
      ]);
      expect(fake.sessions().size).toBe(0);
    });

    it('defaults to 30 days, refuses expiries past 2038-02-09 locally', async () => {
      const token = await provider.mint({ config: personal(fake.url), secrets });
      expect(token.expiresAt).toBe(clock.now() + 30 * 86_400_000);
      const err = await rejectionOf(provider.mint({ config: personal(fake.url), secrets, expiresAt: Date.UTC(2038, 1, 11) }));
      expect(err.code).toBe('BAD_ARGUMENT');
    });

    it('revokes by uuid with a fresh session token; 404 afterwards is already gone', async () => {
      const token = await provider.mint({ config: personal(fake.url), secrets });
      expect(await provider.revoke({ config: personal(fake.url), secrets, token })).toBe('revoked');
      expect(fake.personalTokens()).toHaveLength(0);
      expect(await provider.revoke({ config: personal(fake.url), secrets, token })).toBe('already-gone');
      expect(fake.requests.filter((r) => r.method === 'DELETE' && r.path.startsWith('/iam/')).map((r) => r.path)).toEqual([
        `/iam/personal_tokens/${token.serverId}`,
        `/iam/personal_tokens/${token.serverId}`,
      ]);
    });

    it('with a pasted personal token (SSO/MFA users) never uses Basic auth', async () => {
      const bootstrap = await provider.mint({ config: personal(fake.url), secrets });
      fake.reset();
      const pasted: AzionSecrets = { kind: 'azion', personalToken: bootstrap.value };
      const token = await provider.mint({ config: personal(fake.url), secrets: pasted });
      expect(await provider.revoke({ config: personal(fake.url), secrets: pasted, token })).toBe('revoked');
      expect(fake.requests.every((r) => r.headers['authorization'] === `Token ${bootstrap.value}`)).toBe(true);
      expect(fake.requests.some((r) => r.path === '/tokens')).toBe(false);
    });

    it('a rejected pasted token says to paste a new one', async () => {
      const err = await rejectionOf(provider.mint({ config: personal(fake.url), secrets: { kind: 'azion', personalToken: `azion${'x'.repeat(35)}` } }));
      expect(err.code).toBe('BAD_CREDENTIALS');
      expect(err.message).toMatch(/personal token/);
    });

    it('the fake pages personal token lists like Azion (count, total_pages, links)', async () => {
      for (let i = 0; i < 3; i++) await provider.mint({ config: personal(fake.url), secrets, name: `t${i}` });
      const key = (await provider.mint({ config: personal(fake.url), secrets, name: 't3' })).value;
      const res = await fetch(`${fake.url}/iam/personal_tokens?page=2&page_size=3`, { headers: { Accept: 'application/json; version=3', Authorization: `Token ${key}` } });
      const body = (await res.json()) as { count: number; total_pages: number; links: { next: string | null; previous: string | null }; results: { name: string }[] };
      expect(body.count).toBe(4);
      expect(body.total_pages).toBe(2);
      expect(body.links.next).toBeNull();
      expect(body.links.previous).toBe(`${fake.url}/iam/personal_tokens?page=1&page_size=3`);
      expect(body.results.map((r) => r.name)).toEqual(['t3']);
      expect(body.results[0]).not.toHaveProperty('key');
    });
  });

  describe('check through /user/me', () => {
    it('valid while live, invalid once revoked (401), unknown on 429, 5xx and network failure', async () => {
      const config = session(fake.url, EMAIL);
      const token = await provider.mint({ config, secrets });
      const check = (): Promise<string> | undefined => provider.check?.({ config, secrets, token });
      expect(await check()).toBe('valid');
      const me = fake.requests.at(-1);
      expect(me?.path).toBe('/user/me');
      expect(me?.headers['authorization']).toBe(`Token ${token.value}`);
      expect(me?.headers['accept']).toBe('application/json; version=3');

      fake.throttleNext({ retryAfterSeconds: 1 });
      expect(await check()).toBe('unknown');
      fake.badGatewayNext();
      expect(await check()).toBe('unknown');
      fake.failNext({ status: 403, body: { detail: 'You do not have permission to perform this action.' } });
      expect(await check()).toBe('invalid');

      await provider.revoke({ config, secrets, token });
      expect(await check()).toBe('invalid');
      const other = await provider.mint({ config, secrets });
      clock.jump(24 * 3_600_000 + 1);
      expect(await provider.check?.({ config, secrets, token: other })).toBe('invalid');
      await fake.close();
      expect(await check()).toBe('unknown');
    });
  });

  describe('errors and retries', () => {
    const mint = (): Promise<unknown> => provider.mint({ config: session(fake.url, EMAIL), secrets });

    it.each([401, 403] as const)('a wrong password (%i) is BAD_CREDENTIALS after exactly one request', async (status) => {
      fake.behaviour.wrongPasswordStatus = status;
      const err = await rejectionOf(provider.mint({ config: session(fake.url, EMAIL), secrets: { kind: 'azion', password: 'wrong' } }));
      expect(err.code).toBe('BAD_CREDENTIALS');
      expect(err.retryable).toBe(false);
      expect(fake.requests).toHaveLength(1);
    });

    it.each([
      ['missing Authorization', { detail: 'Authentication credentials were not provided.' }],
      ['malformed Basic', { detail: 'Invalid basic header. Credentials not correctly base64 encoded.' }],
    ])('%s (401) is BAD_CREDENTIALS, never retried', async (_label, body) => {
      fake.failNext({ status: 401, body, times: 5 });
      expect((await rejectionOf(mint())).code).toBe('BAD_CREDENTIALS');
      expect(fake.requests).toHaveLength(1);
    });

    it('406 (Accept version) is NOT_ACCEPTABLE', async () => {
      fake.failNext({ status: 406, body: { detail: 'Could not satisfy the request Accept header.' } });
      expect((await rejectionOf(mint())).code).toBe('NOT_ACCEPTABLE');
    });

    it('the fake itself answers 406 to a wrong Accept version', async () => {
      const res = await fetch(`${fake.url}/tokens`, { method: 'POST', headers: { Accept: 'application/json; version=9' } });
      expect(res.status).toBe(406);
    });

    it.each([500, 502, 503])('%i with JSON is SERVER_ERROR', async (status) => {
      fake.failNext({ status, body: { detail: 'A server error occurred.' } });
      expect((await rejectionOf(mint())).code).toBe('SERVER_ERROR');
    });

    it('an HTML 502 page is SERVER_ERROR, not a parse failure', async () => {
      fake.badGatewayNext();
      const err = await rejectionOf(mint());
      expect(err.code).toBe('SERVER_ERROR');
      expect(err.message).toMatch(/502/);
    });

    it('v4 error bodies and other 4xx are BAD_REQUEST quoting the server detail', async () => {
      fake.failNext({ status: 400, body: { errors: [{ status: '400', code: '1', title: 'Bad Request', detail: 'expires_at is invalid' }] } });
      const err = await rejectionOf(mint());
      expect(err.code).toBe('BAD_REQUEST');
      expect(err.message).toContain('expires_at is invalid');
    });

    it('429 with Retry-After waits that long (on the clock) and retries', async () => {
      fake.throttleNext({ retryAfterSeconds: 3 });
      await mint();
      expect(waits).toEqual([3000]);
      expect(fake.requests).toHaveLength(2);
    });

    it('429 with only X-Ratelimit-Reset (no zone: UTC) waits until then', async () => {
      fake.throttleNext({ resetInMs: 7_000 });
      await mint();
      // The header has microseconds truncated to ms: the wait is exactly the reset time.
      expect(waits).toEqual([7_000]);
      expect(fake.requests).toHaveLength(2);
    });

    it('429 without any reset hint is not retried: RATE_LIMITED with a retry time', async () => {
      fake.throttleNext({});
      const err = await rejectionOf(mint());
      expect(err.code).toBe('RATE_LIMITED');
      expect(err.retryAt).toBe(clock.now() + 5_000);
      expect(fake.requests).toHaveLength(1);
      expect(waits).toEqual([]);
    });

    it('429 whose wait exceeds the cap is handed to the user with retryAt', async () => {
      fake.throttleNext({ retryAfterSeconds: 120, v4: true });
      const err = await rejectionOf(mint());
      expect(err.code).toBe('RATE_LIMITED');
      expect(err.retryAt).toBe(clock.now() + 120_000);
      expect(fake.requests).toHaveLength(1);
    });

    it('stops retrying after the retry budget', async () => {
      fake.throttleNext({ retryAfterSeconds: 1, times: 5 });
      expect((await rejectionOf(mint())).code).toBe('RATE_LIMITED');
      expect(fake.requests).toHaveLength(3);
      expect(waits).toEqual([1000, 1000]);
    });

    it('a slow Azion is TIMEOUT on the clock, and a cancelled mint is CANCELLED without retry', async () => {
      fake.delayNext(Infinity);
      const slow = rejectionOf(mint());
      await fake.waitForRequest();
      clock.advance(2_000);
      expect((await slow).code).toBe('TIMEOUT');

      fake.delayNext(Infinity);
      const ctrl = new AbortController();
      const cancelled = rejectionOf(provider.mint({ config: session(fake.url, EMAIL), secrets, signal: ctrl.signal }));
      await fake.waitForRequest(undefined, 1);
      ctrl.abort();
      expect((await cancelled).code).toBe('CANCELLED');
      expect(fake.requests).toHaveLength(2);
    });

    it('the fake enforces 200 requests a minute on its own', async () => {
      fake.behaviour.rateLimitPerMinute = 2;
      await mint();
      await mint();
      const err = await rejectionOf(mint());
      // The window resets at the next clock minute, 60 s away: beyond the 30 s cap, so not waited for.
      expect(err.code).toBe('RATE_LIMITED');
      expect(err.retryAt).toBe(Math.ceil((clock.now() + 1) / 60_000) * 60_000);
      expect(fake.requests).toHaveLength(3);
    });
  });
});
