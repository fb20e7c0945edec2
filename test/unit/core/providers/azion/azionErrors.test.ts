import { describe, expect, it } from 'vitest';
import { httpAnswer } from '../../../../support/httpAnswer.js';
import { AppError } from '../../../../../main/core/errors.js';
import type { HttpResponse } from '../../../../../main/core/http/httpTypes.js';
import {
  AZION_FALLBACK_RETRY_MS,
  azionError,
  isRecord,
  serverDetail,
  unconfirmedAzionRevoke,
} from '../../../../../main/core/providers/azion/azionErrors.js';

const HOST = 'api.azion.example:8443';
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

/** An answer from Azion's session endpoint, as the HTTP client hands it over. */
const answer = (status: number, body: unknown = undefined, headers: Record<string, string> = {}): HttpResponse =>
  httpAnswer(status, body, { url: `https://${HOST}/tokens`, headers });

/** The text serverDetail quotes from a JSON body, with no secrets to scrub. */
const detailOf = (body: unknown, secrets: readonly string[] = []): string | undefined => serverDetail(answer(400, body), secrets);

describe('azionError: refused credentials (401/403)', () => {
  for (const status of [401, 403]) {
    it(`a refused personal token (HTTP ${status}) says to paste a new one`, () => {
      const err = azionError(answer(status, { detail: 'Invalid token.' }), 'personal-token', NOW, []);
      expect(err).toBeInstanceOf(AppError);
      expect(err.code).toBe('BAD_CREDENTIALS');
      expect(err.retryable).toBe(false);
      expect(err.message).toBe(
        `Azion (${HOST}) refused this account's personal token: it may have expired or been revoked. Paste a new personal token in the account settings.`,
      );
    });

    it(`a refused session token (HTTP ${status}) says the password worked but the user may not manage personal tokens`, () => {
      const err = azionError(answer(status, { detail: 'You do not have permission to perform this action.' }), 'session-token', NOW, []);
      expect(err.code).toBe('BAD_CREDENTIALS');
      expect(err.retryable).toBe(false);
      expect(err.message).toBe(
        `Azion (${HOST}) accepted the email and password but refused to manage personal tokens with them (HTTP ${status}). Check that this Azion user may manage personal tokens, or paste a personal token instead.`,
      );
    });

    it(`a refused password (HTTP ${status}) says to check it, that nothing was retried, and offers the SSO way out`, () => {
      const err = azionError(answer(status, { detail: 'Invalid username/password.' }), 'password', NOW, []);
      expect(err.code).toBe('BAD_CREDENTIALS');
      expect(err.retryable).toBe(false);
      expect(err.message).toBe(
        `Azion (${HOST}) refused the email and password of this account. Check them in the account settings; Token Vault did not retry, so repeated attempts cannot lock the account. If this Azion account signs in with single sign-on or two-factor authentication, paste a personal token instead.`,
      );
    });
  }

  it('never quotes the server text of a refusal, so an echoed secret cannot reach the message', () => {
    for (const credential of ['password', 'personal-token', 'session-token'] as const) {
      const err = azionError(answer(401, { detail: 'Invalid token azionSECRETSECRET.' }), credential, NOW, ['azionSECRETSECRET']);
      expect(err.message).not.toContain('SECRET');
      expect(err.message).not.toContain('Invalid token');
    }
  });
});

describe('azionError: the other statuses', () => {
  it('406 is NOT_ACCEPTABLE and names the API version to check', () => {
    const err = azionError(answer(406, { detail: 'Could not satisfy the request Accept header.' }), 'password', NOW, []);
    expect(err.code).toBe('NOT_ACCEPTABLE');
    expect(err.message).toBe(
      `Azion (${HOST}) refused the API version Token Vault asks for (version 3). Check that the account's base URL points at Azion's v3 API.`,
    );
  });

  it("429 is RATE_LIMITED, retryable, with retryAt from Retry-After and that time (UTC, to the second) in the message", () => {
    const err = azionError(answer(429, { detail: 'Request was throttled.' }, { 'retry-after': '65' }), 'password', NOW, []);
    expect(err.code).toBe('RATE_LIMITED');
    expect(err.retryable).toBe(true);
    expect(err.retryAt).toBe(NOW + 65_000);
    expect(err.message).toBe(`Azion (${HOST}) is limiting requests (about 200 a minute are allowed). Try again after 12:01:05 UTC.`);
  });

  it("429 without Retry-After reads Azion's X-Ratelimit-Reset (an ISO time without zone)", () => {
    const err = azionError(answer(429, undefined, { 'x-ratelimit-reset': '2026-11-23T12:00:42.123446' }), 'personal-token', NOW, []);
    expect(err.retryAt).toBe(Date.UTC(2026, 10, 23, 12, 0, 42, 123));
    expect(err.message).toContain('Try again after 12:00:42 UTC.');
  });

  it("429 with neither header falls back to the CLI's first wait of 5 s", () => {
    const err = azionError(answer(429, 'Too Many Requests'), 'session-token', NOW, []);
    expect(AZION_FALLBACK_RETRY_MS).toBe(5_000);
    expect(err.code).toBe('RATE_LIMITED');
    expect(err.retryAt).toBe(NOW + 5_000);
    expect(err.message).toContain('Try again after 12:00:05 UTC.');
  });

  it('5xx, JSON or an HTML proxy page, is a retryable SERVER_ERROR with the status', () => {
    for (const res of [answer(500, { detail: 'A server error occurred.' }), answer(502, '<html><h1>502 Bad Gateway</h1></html>'), answer(503)]) {
      const err = azionError(res, 'password', NOW, []);
      expect(err.code).toBe('SERVER_ERROR');
      expect(err.retryable).toBe(true);
      expect(err.message).toBe(`Azion (${HOST}) had a server problem (HTTP ${res.status}). Try again in a minute.`);
    }
  });

  it('404 is BAD_REQUEST pointing at the base URLs, without quoting DRF\'s "Not found."', () => {
    const err = azionError(answer(404, { detail: 'Not found.' }), 'personal-token', NOW, []);
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.retryable).toBe(false);
    expect(err.message).toBe(`Azion (${HOST}) does not know this address (HTTP 404). Check the account's base URLs.`);
  });

  it('another 4xx is BAD_REQUEST quoting the server\'s reason', () => {
    const err = azionError(answer(400, { expires_at: ['Expiration date must be in the future and before 2038-02-10.'] }), 'personal-token', NOW, []);
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.retryable).toBe(false);
    expect(err.message).toBe(
      `Azion (${HOST}) refused the request (HTTP 400): "expires_at: Expiration date must be in the future and before 2038-02-10.". Check the account settings and the chosen expiry, then try again.`,
    );
  });

  it('a 4xx with nothing to quote (HTML, empty, no known shape) still says what to check, with no empty quote', () => {
    for (const res of [answer(400, '<html>Bad Request</html>'), answer(409), answer(422, { count: 3 })]) {
      const err = azionError(res, 'password', NOW, []);
      expect(err.code).toBe('BAD_REQUEST');
      expect(err.message).toBe(
        `Azion (${HOST}) refused the request (HTTP ${res.status}). Check the account settings and the chosen expiry, then try again.`,
      );
    }
  });

  it('a 4xx quoting a secret it was given shows it redacted', () => {
    const err = azionError(answer(400, { detail: 'Token azionABCDEF is not valid for this account.' }), 'personal-token', NOW, ['azionABCDEF']);
    expect(err.message).toContain('"Token [redacted] is not valid for this account."');
    expect(err.message).not.toContain('azionABCDEF');
  });

  it('a status that is no error (3xx, 1xx, 2xx) is BAD_RESPONSE pointing at the base URLs', () => {
    for (const status of [300, 304, 399, 101, 200]) {
      const err = azionError(answer(status, { detail: 'Multiple choices.' }), 'password', NOW, []);
      expect(err.code).toBe('BAD_RESPONSE');
      expect(err.retryable).toBe(false);
      expect(err.message).toBe(`Azion (${HOST}) answered with an unexpected status (HTTP ${status}). Check the account's base URLs.`);
    }
  });
});

describe('unconfirmedAzionRevoke', () => {
  it('is a retryable BAD_RESPONSE that says the token was kept and to retry', () => {
    const err = unconfirmedAzionRevoke(HOST, 200);
    expect(err.code).toBe('BAD_RESPONSE');
    // BAD_RESPONSE is not retryable by default: here it must be, so the revoke queue asks again.
    expect(err.retryable).toBe(true);
    expect(err.retryAt).toBeUndefined();
    expect(err.message).toBe(
      `Azion (${HOST}) answered the revoke with HTTP 200 instead of confirming it (204), so the token may still work and was kept. Retry the revoke; check the account's base URLs if it repeats.`,
    );
  });
});

describe('serverDetail', () => {
  it('quotes v3 {"detail"}', () => {
    expect(detailOf({ detail: 'Invalid page.' })).toBe('Invalid page.');
  });

  it('quotes v4 errors[0] as "title: detail", or whichever of the two is a string', () => {
    expect(detailOf({ errors: [{ status: '400', title: 'Bad Request', detail: 'name is too long' }, { title: 'Second' }] })).toBe('Bad Request: name is too long');
    expect(detailOf({ errors: [{ detail: 'name is too long' }] })).toBe('name is too long');
    expect(detailOf({ errors: [{ title: 'Bad Request', detail: 42 }] })).toBe('Bad Request');
    expect(detailOf({ errors: [{ code: '10010' }] })).toBeUndefined();
  });

  it('reads an "errors" list that holds no objects as a DRF field', () => {
    expect(detailOf({ errors: ['Something went wrong.'] })).toBe('errors: Something went wrong.');
    expect(detailOf({ errors: [], name: ['This field is required.'] })).toBe('errors: ; name: This field is required.');
  });

  it('quotes DRF field errors {"field": ["msg", …]} as "field: msg msg; field: msg"', () => {
    expect(detailOf({ name: ['This field is required.'], expires_at: ['Datetime has wrong format.', 'Use ISO 8601.'] })).toBe(
      'name: This field is required.; expires_at: Datetime has wrong format. Use ISO 8601.',
    );
  });

  it('skips fields that are not lists of strings', () => {
    expect(detailOf({ status: 400, code: [10010], mixed: [1, 'one'], nested: { a: ['x'] }, name: ['This field is required.'] })).toBe(
      'name: This field is required.',
    );
    expect(detailOf({ status: 400, code: [10010] })).toBeUndefined();
  });

  it('is undefined for bodies with nothing to quote: not JSON, empty, null, a list, a string, an empty object', () => {
    expect(serverDetail(answer(502, '<html><h1>502 Bad Gateway</h1></html>'), [])).toBeUndefined();
    expect(serverDetail(answer(400), [])).toBeUndefined();
    expect(detailOf(null)).toBeUndefined();
    expect(detailOf([['a list is not a field map']])).toBeUndefined();
    expect(detailOf('"a bare JSON string"')).toBeUndefined();
    expect(detailOf({})).toBeUndefined();
    expect(detailOf({ detail: '' })).toBeUndefined();
  });

  it('redacts every occurrence of each given secret of 4 characters or more, and leaves shorter ones', () => {
    expect(detailOf({ detail: 'pass abcd and abcd again' }, ['abcd'])).toBe('pass [redacted] and [redacted] again');
    expect(detailOf({ detail: 'pass abc is short' }, ['abc'])).toBe('pass abc is short');
    expect(detailOf({ detail: 'nothing secret here' }, [''])).toBe('nothing secret here');
    expect(detailOf({ name: ['hunter2hunter2 is taken'] }, ['x', 'hunter2hunter2'])).toBe('name: [redacted] is taken');
  });

  it('with no secrets given, quotes the server text unchanged', () => {
    expect(detailOf({ detail: 'A token with this name already exists.' })).toBe('A token with this name already exists.');
  });

  it('strips well-known secret shapes even when not given as secrets', () => {
    expect(detailOf({ detail: 'Header Authorization: Token abcdef was refused' })).toBe('Header Authorization: [redacted] was refused');
  });

  it('keeps 200 characters whole and cuts a longer text to 199 and an ellipsis', () => {
    const exactly200 = `${'q'.repeat(150)}${'w'.repeat(50)}`;
    expect(detailOf({ detail: exactly200 })).toBe(exactly200);

    const of201 = `${exactly200}z`;
    const cut = detailOf({ detail: of201 });
    expect(cut).toBe(`${exactly200.slice(0, 199)}…`);
    expect(cut).toHaveLength(200);

    expect(detailOf({ detail: 'x'.repeat(5_000) })).toBe(`${'x'.repeat(199)}…`);
    expect(detailOf({ detail: 'short' })).toBe('short');
  });

  it('redacts before cutting, so a secret straddling character 200 leaves no part behind', () => {
    const secret = 'azionSTRADDLINGSECRET';
    // 210 characters as sent, 199 once redacted: whole.
    const cut = detailOf({ detail: `${'q'.repeat(180)}${secret} and more` }, [secret]);
    expect(cut).toBe(`${'q'.repeat(180)}[redacted] and more`);
    const longer = detailOf({ detail: `${'q'.repeat(195)}${secret}${'z'.repeat(20)}` }, [secret]);
    expect(longer).toBe(`${'q'.repeat(195)}[red…`);
    expect(longer).not.toContain('azion');
  });
});

describe('isRecord', () => {
  it('holds for plain objects only', () => {
    expect(isRecord({})).toBe(true);
    expect(isRecord({ a: 1 })).toBe(true);
    expect(isRecord(null)).toBe(false);
    expect(isRecord([])).toBe(false);
    expect(isRecord('x')).toBe(false);
    expect(isRecord(1)).toBe(false);
    expect(isRecord(undefined)).toBe(false);
  });
});
