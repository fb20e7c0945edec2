import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../../main/core/errors.js';
import type { HttpRequest, HttpResponse } from '../../../../../main/core/http/httpTypes.js';
import { type AzionCall, createAzionCall, DEFAULT_RATE_LIMIT_POLICY } from '../../../../../main/core/providers/azion/azionCall.js';
import { AZION_ACCEPT, basicAuth, createSessionToken, revokeSessionToken } from '../../../../../main/core/providers/azion/azionSession.js';
import type { StoredTokenRef } from '../../../../../main/core/providers/types.js';
import { type FakeAzion, startFakeAzion } from '../../../../fakes/fakeAzion.js';
import { FakeClock } from '../../../../support/FakeClock.js';
import { rejectionOf, testHttp } from '../../../../integration/providers/support.js';

const EMAIL = 'dev@example.com';
const PASSWORD = 'correct horse: battery staple';
const DAY_MS = 24 * 60 * 60_000;

describe('basicAuth', () => {
  it('is "Basic " and base64 of the UTF-8 "email:password", with no trailing newline', () => {
    expect(basicAuth('dev@example.com', 'secret')).toBe('Basic ZGV2QGV4YW1wbGUuY29tOnNlY3JldA==');
    // Non-ASCII in UTF-8 (not Latin-1), and a colon in the password kept after the first one.
    const header = basicAuth('dév@example.com', 'pä:ss');
    expect(header).toBe(`Basic ${Buffer.from('dév@example.com:pä:ss', 'utf8').toString('base64')}`);
    expect(Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8')).toBe('dév@example.com:pä:ss');
    expect(header).not.toMatch(/\s$/);
  });
});

describe('Azion session tokens against the fake Azion', () => {
  let clock: FakeClock;
  let fake: FakeAzion;
  let deps: { call: AzionCall; clock: FakeClock };

  beforeEach(async () => {
    clock = new FakeClock();
    fake = await startFakeAzion({ clock, accounts: [{ email: EMAIL, password: PASSWORD }] });
    const sleep = async (ms: number): Promise<void> => clock.jump(ms);
    deps = { call: createAzionCall({ http: testHttp(clock), clock, sleep, policy: DEFAULT_RATE_LIMIT_POLICY }), clock };
  });
  afterEach(() => fake.close());

  const create = (leftover?: (token: StoredTokenRef, error: unknown) => void, password = PASSWORD): ReturnType<typeof createSessionToken> =>
    createSessionToken(deps, { authBase: fake.url, email: EMAIL, password, ...(leftover ? { leftover } : {}) });
  const revoke = (token: string, password = PASSWORD): ReturnType<typeof revokeSessionToken> =>
    revokeSessionToken(deps, { authBase: fake.url, email: EMAIL, password, token });

  describe('createSessionToken', () => {
    it('POSTs /tokens with the v3 Accept, JSON Content-Type and Basic auth, and reads token and dates', async () => {
      const session = await create();
      expect(fake.requests).toHaveLength(1);
      const req = fake.requests[0]!;
      expect(req.method).toBe('POST');
      expect(req.path).toBe('/tokens');
      expect(req.headers['accept']).toBe(AZION_ACCEPT);
      expect(req.headers['content-type']).toBe('application/json');
      expect(req.headers['authorization']).toBe(basicAuth(EMAIL, PASSWORD));
      expect(session.token).toMatch(/^[0-9a-f]{40}$/);
      expect(fake.sessions().has(session.token)).toBe(true);
      // The fake prints microseconds; milliseconds are kept.
      expect(session.createdAt).toBe(clock.now());
      expect(session.expiresAt).toBe(clock.now() + DAY_MS);
    });

    it('takes 200 as created too', async () => {
      fake.behaviour.createStatus = 200;
      const session = await create();
      expect(session.expiresAt).toBe(clock.now() + DAY_MS);
    });

    it('trims the token and dates a token without created_at from the clock', async () => {
      fake.failNext({ status: 201, body: { token: '  abc123  ', expires_at: '2026-11-24 12:00:00.000000+00:00' }, match: { method: 'POST' } });
      clock.jump(1_234);
      expect(await create()).toEqual({ token: 'abc123', createdAt: clock.now(), expiresAt: Date.UTC(2026, 10, 24, 12, 0, 0) });
    });

    it('a wrong password is BAD_CREDENTIALS, sent once and never retried', async () => {
      for (const status of [401, 403] as const) {
        fake.behaviour.wrongPasswordStatus = status;
        fake.reset();
        const err = await rejectionOf(create(undefined, 'not the password'));
        expect(err.code).toBe('BAD_CREDENTIALS');
        expect(err.message).toContain(`Azion (${new URL(fake.url).host}) refused the email and password of this account.`);
        expect(err.message).not.toContain('not the password');
        expect(fake.requests).toHaveLength(1);
      }
    });

    it('a 400 that echoes the password quotes the reason with the password redacted', async () => {
      fake.failNext({ status: 400, body: { detail: `The password "${PASSWORD}" is not accepted here.` }, match: { method: 'POST' } });
      const err = await rejectionOf(create());
      expect(err.code).toBe('BAD_REQUEST');
      expect(err.message).toContain('"The password "[redacted]" is not accepted here."');
      expect(err.message).not.toContain(PASSWORD);
    });

    for (const [what, body] of [
      ['an empty object', {}],
      ['a blank token', { token: '   ', expires_at: '2026-11-24 12:00:00.000000+00:00' }],
      ['a token that is no string', { token: 12345, expires_at: '2026-11-24 12:00:00.000000+00:00' }],
      ['JSON null', null],
      ['a list', [{ token: 'abc123' }]],
    ] as const) {
      it(`an answer without a token (${what}) is BAD_RESPONSE, and nothing is revoked`, async () => {
        fake.failNext({ status: 201, body: body === null ? 'null' : body, headers: { 'content-type': 'application/json' }, match: { method: 'POST' } });
        const left: StoredTokenRef[] = [];
        const err = await rejectionOf(create((t) => left.push(t)));
        expect(err).toBeInstanceOf(AppError);
        expect(err.code).toBe('BAD_RESPONSE');
        expect(err.message).toBe(
          `Azion (${new URL(fake.url).host}) answered without a usable token or expiry date. Check the account's authentication base URL, then try again.`,
        );
        expect(fake.requests.map((r) => r.method)).toEqual(['POST']);
        expect(left).toEqual([]);
      });
    }

    it('a 201 that is not JSON is BAD_RESPONSE, not a raw TypeError', async () => {
      fake.failNext({ status: 201, headers: { 'content-type': 'text/html' }, body: '<html>Welcome to the hotel Wi-Fi</html>', match: { method: 'POST' } });
      const err = await rejectionOf(create());
      expect(err).toBeInstanceOf(AppError);
      expect(err.code).toBe('BAD_RESPONSE');
    });

    for (const [what, extra] of [
      ['no expiry', {}],
      ['an expiry that is no date', { expires_at: 'tomorrow' }],
      ['an expiry that is no string', { expires_at: 1_795_000_000 }],
    ] as const) {
      it(`a token with ${what} is revoked at once with the same Basic auth, then BAD_RESPONSE`, async () => {
        // A real session the fake knows, so the revoke is confirmed.
        const real = await create();
        fake.reset();
        fake.failNext({ status: 201, body: { token: real.token, ...extra }, match: { method: 'POST' } });
        const left: StoredTokenRef[] = [];
        const err = await rejectionOf(create((t) => left.push(t)));
        expect(err.code).toBe('BAD_RESPONSE');
        expect(err.message).toContain('answered without a usable token or expiry date');
        expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /tokens', `DELETE /tokens/${real.token}`]);
        expect(fake.requests[1]?.headers['authorization']).toBe(basicAuth(EMAIL, PASSWORD));
        expect(fake.sessions().has(real.token)).toBe(false);
        expect(left).toEqual([]);
      });
    }

    it('an undated token whose revoke fails goes to the leftover sink, kept for 24 h from now, with its base', async () => {
      fake.failNext({ status: 201, body: { token: 'undated-session-token' }, match: { method: 'POST' } });
      fake.failNext({ status: 500, body: { detail: 'A server error occurred.' }, match: { method: 'DELETE' } });
      clock.jump(5_000);
      const left: { token: StoredTokenRef; error: unknown }[] = [];
      const err = await rejectionOf(create((token, error) => left.push({ token, error })));
      expect(err.code).toBe('BAD_RESPONSE');
      expect(err.message).toContain('answered without a usable token or expiry date');
      expect(left).toHaveLength(1);
      expect(left[0]?.token).toStrictEqual({ kind: 'azion-session', value: 'undated-session-token', expiresAt: clock.now() + DAY_MS, meta: { base: fake.url } });
      expect(left[0]?.error).toBeInstanceOf(AppError);
      expect((left[0]?.error as AppError).code).toBe('SERVER_ERROR');
    });

    it('without a leftover sink, a failed revoke of an undated token still ends in BAD_RESPONSE', async () => {
      fake.failNext({ status: 201, body: { token: 'undated-session-token' }, match: { method: 'POST' } });
      fake.failNext({ status: 500, body: { detail: 'A server error occurred.' }, match: { method: 'DELETE' } });
      const err = await rejectionOf(create());
      expect(err).toBeInstanceOf(AppError);
      expect(err.code).toBe('BAD_RESPONSE');
      expect(err.message).toContain('answered without a usable token or expiry date');
    });
  });

  describe('revokeSessionToken', () => {
    it('DELETEs /tokens/{token} with Basic auth: 204 is revoked, then 404 is already gone', async () => {
      const { token } = await create();
      expect(await revoke(token)).toBe('revoked');
      const del = fake.requests[1]!;
      expect(del.method).toBe('DELETE');
      expect(del.path).toBe(`/tokens/${token}`);
      expect(del.headers['accept']).toBe(AZION_ACCEPT);
      expect(del.headers['authorization']).toBe(basicAuth(EMAIL, PASSWORD));
      expect(await revoke(token)).toBe('already-gone');
    });

    it('puts the token in the path URL-encoded', async () => {
      fake.failNext({ status: 204, match: { method: 'DELETE' } });
      expect(await revoke('a/b c')).toBe('revoked');
      expect(fake.requests[0]?.target).toBe('/tokens/a%2Fb%20c');
    });

    for (const status of [200, 202, 299]) {
      it(`a ${status} confirms nothing: a retryable BAD_RESPONSE, and the token still works`, async () => {
        const { token } = await create();
        fake.failNext({ status, body: { ok: true }, match: { method: 'DELETE' } });
        const err = await rejectionOf(revoke(token));
        expect(err.code).toBe('BAD_RESPONSE');
        expect(err.retryable).toBe(true);
        expect(err.message).toContain(`answered the revoke with HTTP ${status} instead of confirming it (204)`);
        expect(fake.sessions().has(token)).toBe(true);
      });
    }

    for (const status of [300, 304]) {
      it(`a ${status} without a Location is an unexpected status, not read as an unconfirmed revoke`, async () => {
        fake.failNext({ status, match: { method: 'DELETE' } });
        const err = await rejectionOf(revoke('some-token'));
        expect(err.code).toBe('BAD_RESPONSE');
        expect(err.retryable).toBe(false);
        expect(err.message).toBe(`Azion (${new URL(fake.url).host}) answered with an unexpected status (HTTP ${status}). Check the account's base URLs.`);
      });
    }

    it('a wrong password is BAD_CREDENTIALS about the email and password, not an unconfirmed revoke', async () => {
      const { token } = await create();
      for (const status of [401, 403] as const) {
        fake.behaviour.wrongPasswordStatus = status;
        const err = await rejectionOf(revoke(token, 'not the password'));
        expect(err.code).toBe('BAD_CREDENTIALS');
        expect(err.retryable).toBe(false);
        expect(err.message).toContain('refused the email and password of this account');
      }
      expect(fake.sessions().has(token)).toBe(true);
    });

    it('a 5xx is SERVER_ERROR', async () => {
      fake.badGatewayNext();
      const err = await rejectionOf(revoke('some-token'));
      expect(err.code).toBe('SERVER_ERROR');
      expect(err.retryable).toBe(true);
    });

    it('a 400 echoing the token and the password quotes neither', async () => {
      const token = 'session-token-value-1234';
      fake.failNext({ status: 400, body: { detail: `Token ${token} cannot be deleted with password ${PASSWORD}.` }, match: { method: 'DELETE' } });
      const err = await rejectionOf(revoke(token));
      expect(err.code).toBe('BAD_REQUEST');
      expect(err.message).toContain('"Token [redacted] cannot be deleted with password [redacted]."');
      expect(err.message).not.toContain(token);
      expect(err.message).not.toContain(PASSWORD);
    });
  });
});

describe('revokeSessionToken on any status the call port hands over', () => {
  /** The AzionCall port answering every request with `status` (the HTTP client itself never resolves a 1xx). */
  const answering = (status: number): AzionCall => async (req: HttpRequest): Promise<HttpResponse> => ({
    status,
    headers: new Headers(),
    url: req.url,
    host: new URL(req.url).host,
    text: '',
    json: () => {
      throw new AppError('BAD_RESPONSE', 'not JSON');
    },
  });

  it('a status below 200 is an unexpected status, not an unconfirmed revoke', async () => {
    const clock = new FakeClock();
    const err = await rejectionOf(
      revokeSessionToken({ call: answering(199), clock }, { authBase: 'https://api.azionapi.example', email: EMAIL, password: PASSWORD, token: 't0ken' }),
    );
    expect(err.code).toBe('BAD_RESPONSE');
    expect(err.retryable).toBe(false);
    expect(err.message).toBe("Azion (api.azionapi.example) answered with an unexpected status (HTTP 199). Check the account's base URLs.");
  });
});

