import { describe, expect, it } from 'vitest';
import { httpAnswer } from '../../../../support/httpAnswer.js';
import { AppError } from '../../../../../main/core/errors.js';
import type { HttpResponse } from '../../../../../main/core/http/httpTypes.js';
import { oceanNodeError, pythonProviderError, unconfirmedRevoke } from '../../../../../main/core/providers/ocean/oceanErrors.js';

const HOST = 'provider.example:8030';
// 2026-01-01T00:00:00Z
const NOW = Date.UTC(2026, 0, 1, 0, 0, 0);

/** An answer from the Provider's token endpoint, as the HTTP client hands it over. */
const answer = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse =>
  httpAnswer(status, body, { url: `https://${HOST}/api/services/createAuthToken?signature=0xsecret`, headers });

const provider = (status: number, body: unknown, headers?: Record<string, string>): AppError => pythonProviderError(answer(status, body, headers), NOW);
const node = (status: number, body: unknown, headers?: Record<string, string>): AppError => oceanNodeError(answer(status, body, headers), NOW);
const fields = (errors: unknown): AppError => provider(400, { message: 'Validation error', errors, success: false });

describe('pythonProviderError: a 400 with errors.<field>', () => {
  it('a stale nonce (errors.signature as a string) is NONCE_TOO_LOW, retryable, and says a preview fetches the current one', () => {
    const err = fields({ signature: 'Invalid signature expected nonce (7) > current nonce (3).' });
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('NONCE_TOO_LOW');
    expect(err.retryable).toBe(true);
    expect(err.message).toContain(`${HOST} expected a newer nonce`);
    expect(err.message).toContain('Preview again');
  });

  it('a wrong signer is SIGNATURE_REJECTED and never quotes the server text (it echoes the signature and address)', () => {
    const err = fields({ signature: 'Invalid signature 0xdeadbeef for ethereum address 0xabc, message 0xabc3 and nonce 3. Got 0xdef' });
    expect(err.code).toBe('SIGNATURE_REJECTED');
    expect(err.retryable).toBe(false);
    expect(err.message).toContain(`${HOST} rejected the signature`);
    expect(err.message).toContain("key and URL belong together");
    expect(err.message).not.toContain('0xdeadbeef');
    expect(err.message).not.toContain('0xabc');
  });

  it('a missing signature (a list) says the signature is missing', () => {
    const err = fields({ signature: ['The signature field is required.'] });
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toContain(`The provider (${HOST}) says the signature is missing`);
  });

  it('a list of messages is read as one text, its parts joined by a space', () => {
    expect(fields({ signature: ['Invalid signature expected', 'nonce (7) > current nonce (3).'] }).code).toBe('NONCE_TOO_LOW');
  });

  it('non-string entries of a list are ignored, nested lists too', () => {
    const err = fields({ expiration: [['The expiration must be an integer.'], 12] });
    expect(err.message).toContain('must be in the future');
    expect(err.message).not.toContain('whole seconds');
  });

  it('an expiration that is not digits asks for whole seconds, as a list or as a string', () => {
    for (const value of [['The expiration must be an integer.'], 'The expiration must be an integer.']) {
      const err = fields({ expiration: value });
      expect(err.code).toBe('BAD_REQUEST');
      expect(err.message).toContain(`The provider (${HOST}) wants the expiry as whole seconds`);
    }
  });

  it('an expiration in the past (or milliseconds) asks for a later expiry', () => {
    const err = fields({ expiration: ['Invalid timestamp provided.'] });
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toContain(`The provider (${HOST}) refused the expiry time`);
    expect(err.message).toContain('Choose a later expiry');
  });

  it('a nonce that is not a number says so', () => {
    const err = fields({ nonce: ['The nonce must be a number.'] });
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toContain(`The provider (${HOST}) could not read the nonce as a number`);
  });

  it('another field is named, with what to check', () => {
    for (const field of ['address', 'token', 'chainId']) {
      const err = fields({ [field]: [`The ${field} field is required.`] });
      expect(err.code).toBe('BAD_REQUEST');
      expect(err.message).toContain(`The provider (${HOST}) says the "${field}" field is missing or wrong`);
      expect(err.message).toContain("Check the account's address and provider URL");
    }
  });

  it('a field name that looks like a value (a token, an address) is not quoted', () => {
    for (const field of ['eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.sig', '0xabcdef', 'x y', 'chain-id']) {
      const err = fields({ [field]: ['bad'] });
      expect(err.code).toBe('BAD_REQUEST');
      expect(err.message).toContain(`The provider (${HOST}) says a field is missing or wrong`);
      expect(err.message).not.toContain(field);
    }
    expect(fields({ token_: ['bad'] }).message).toContain('the "token_" field');
  });

  it('only the first failing field in the provider\'s order is reported, whatever the key order', () => {
    expect(fields({ signature: 'Invalid signature 0x1', expiration: ['Invalid timestamp provided.'] }).message).toContain('refused the expiry time');
    expect(fields({ signature: ['The signature field is required.'], nonce: ['The nonce must be a number.'] }).message).toContain('nonce as a number');
    expect(fields({ zeta: ['x'], nonce: ['The nonce must be a number.'] }).message).toContain('nonce as a number');
    expect(fields({ nonce: ['The nonce must be a number.'], address: ['The address field is required.'] }).message).toContain('"address" field');
  });

  it('with no known field, the first key is reported', () => {
    expect(fields({ zeta: ['x'], alpha: ['y'] }).message).toContain('"zeta" field');
  });

  it('a field value that is neither text nor list (null, a number, an object) gives the field\'s general message, not a TypeError', () => {
    for (const value of [null, 5, { text: 'The expiration must be an integer.' }, true]) {
      const err = fields({ expiration: value });
      expect(err).toBeInstanceOf(AppError);
      expect(err.message).toContain('refused the expiry time');
      expect(fields({ signature: value }).code).toBe('SIGNATURE_REJECTED');
    }
  });

  it('an empty or null errors object falls back to the error text, then to the general 400', () => {
    expect(provider(400, { errors: {}, error: 'Token is expired.' }).code).toBe('TOKEN_EXPIRED');
    expect(provider(400, { errors: null, error: 'Token is invalid.' }).message).toContain('does not recognise this token');
    const err = provider(400, { errors: {} });
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toContain(`The provider (${HOST}) refused the request (HTTP 400)`);
    expect(err.message).not.toContain('""');
    expect(provider(400, { errors: ['The nonce must be a number.'] }).message).toContain('refused the request (HTTP 400)');
  });
});

describe('pythonProviderError: a 400 with an error text', () => {
  it('an expired token is TOKEN_EXPIRED: nothing is left to revoke', () => {
    const err = provider(400, { error: 'Token is expired.' });
    expect(err.code).toBe('TOKEN_EXPIRED');
    expect(err.message).toContain(`The provider (${HOST}) says this token has already expired`);
  });

  it('a deleted token is ALREADY_GONE', () => {
    const err = provider(400, { error: 'Token is deleted.' });
    expect(err.code).toBe('ALREADY_GONE');
    expect(err.message).toContain(`The provider (${HOST}) says this token was already revoked`);
  });

  it('an invalid token is BAD_REQUEST and points at the provider URL', () => {
    const err = provider(400, { error: 'Token is invalid.' });
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.retryable).toBe(false);
    expect(err.message).toContain(`The provider (${HOST}) does not recognise this token`);
    expect(err.message).toContain("check the account's provider URL");
  });

  it('any other text, or none, is the general 400', () => {
    for (const body of [{ error: 'Something else.' }, {}, { error: ['Token is expired.'] }, { error: 42 }]) {
      const err = provider(400, body);
      expect(err.code).toBe('BAD_REQUEST');
      expect(err.message).toContain(`The provider (${HOST}) refused the request (HTTP 400)`);
      expect(err.message).toContain("Check the account's provider URL");
    }
  });

  it('a body that is not JSON, null or a list is the general 400, never a TypeError', () => {
    for (const body of ['<html>Bad Request</html>', 'null', '["Token is expired."]', '"Token is expired."', '']) {
      const err = provider(400, body);
      expect(err).toBeInstanceOf(AppError);
      expect(err.code).toBe('BAD_REQUEST');
      expect(err.message).toContain('refused the request (HTTP 400)');
    }
  });
});

describe('pythonProviderError: other statuses', () => {
  it('401 and 403 are SIGNATURE_REJECTED', () => {
    for (const status of [401, 403]) {
      const err = provider(status, { error: 'Forbidden' });
      expect(err.code).toBe('SIGNATURE_REJECTED');
      expect(err.message).toContain(`${HOST} rejected the signature`);
    }
  });

  it('503 (the provider\'s fault or a malformed address) says to try again and check the address', () => {
    const err = provider(503, { error: 'boom', context: {} });
    expect(err.code).toBe('SERVER_ERROR');
    expect(err.retryable).toBe(true);
    expect(err.message).toContain(`The provider (${HOST}) could not handle the request (HTTP 503)`);
    expect(err.message).toContain("check the account's address");
  });

  it('other 5xx are a server problem of the provider', () => {
    for (const status of [500, 502, 504]) {
      const err = provider(status, 'Internal Server Error');
      expect(err.code).toBe('SERVER_ERROR');
      expect(err.retryable).toBe(true);
      expect(err.message).toContain(`The provider (${HOST}) had a server problem (HTTP ${status})`);
      expect(err.message).toContain('Try again in a minute');
    }
  });

  it('404 and 405 mean no auth tokens at this address', () => {
    for (const status of [404, 405]) {
      const err = provider(status, 'Not Found');
      expect(err.code).toBe('BAD_REQUEST');
      expect(err.message).toContain(`The provider at ${HOST} does not offer auth tokens at this address (HTTP ${status})`);
    }
  });

  it('other 4xx are a refusal naming the status', () => {
    for (const status of [402, 409, 410, 422, 499]) {
      const err = provider(status, { error: 'nope' });
      expect(err.code).toBe('BAD_REQUEST');
      expect(err.message).toContain(`The provider (${HOST}) refused the request (HTTP ${status})`);
      expect(err.message).toContain('Check the account settings');
    }
  });

  it('a status below 400 that is not the success asked for is an unexpected answer', () => {
    for (const status of [201, 204, 302, 399]) {
      const err = provider(status, '');
      expect(err.code).toBe('BAD_RESPONSE');
      expect(err.message).toContain(`The provider (${HOST}) answered with an unexpected status (HTTP ${status})`);
    }
  });

  it('429 is RATE_LIMITED at the time Retry-After gives, shown as UTC time of day', () => {
    const err = provider(429, { error: 'Too many requests' }, { 'Retry-After': '90' });
    expect(err.code).toBe('RATE_LIMITED');
    expect(err.retryable).toBe(true);
    expect(err.retryAt).toBe(NOW + 90_000);
    expect(err.toData().retryAt).toBe(NOW + 90_000);
    expect(err.message).toContain(`The provider (${HOST}) is limiting requests`);
    expect(err.message).toContain('Try again after 00:01:30 UTC.');
    expect(err.message).not.toContain('2026');
  });

  it('429 without a reset header waits a few seconds from now', () => {
    const err = provider(429, '');
    expect(err.retryAt).toBe(NOW + 5_000);
    expect(err.retryAt).toBeGreaterThan(NOW);
    expect(err.message).toContain('Try again after 00:00:05 UTC.');
  });
});

describe('oceanNodeError', () => {
  it('a stale nonce (400 or 401) is NONCE_TOO_LOW', () => {
    for (const status of [400, 401]) {
      const err = node(status, { error: 'Invalid nonce: 3 is not a valid nonce' });
      expect(err.code).toBe('NONCE_TOO_LOW');
      expect(err.message).toContain(`${HOST} expected a newer nonce`);
    }
  });

  it('a bad signature (400 or 401) is SIGNATURE_REJECTED', () => {
    for (const status of [400, 401]) {
      for (const error of ['Invalid signature', 'Address mismatch', 'Auth failed']) {
        const err = node(status, { error });
        expect(err.code).toBe('SIGNATURE_REJECTED');
        expect(err.message).toContain(`${HOST} rejected the signature`);
      }
    }
  });

  it('any other 401 (a revoked or tampered token) is SIGNATURE_REJECTED too', () => {
    for (const body of [{ error: 'Invalid token' }, 'Unauthorized', {}]) {
      expect(node(401, body).code).toBe('SIGNATURE_REJECTED');
    }
  });

  it('any other 400 says the node refused an incomplete request and may be older than v1.0', () => {
    for (const body of [{ error: 'Missing required parameters' }, 'Bad Request', 'null', [1]]) {
      const err = node(400, body);
      expect(err.code).toBe('BAD_REQUEST');
      expect(err.message).toContain(`The Ocean Node (${HOST}) refused the request as incomplete (HTTP 400)`);
      expect(err.message).toContain('older than v1.0');
    }
  });

  it('a 403 about rate limits is RATE_LIMITED by the Ocean Node', () => {
    const err = node(403, { error: 'Rate limit exceeded' }, { 'X-Ratelimit-Reset': '30' });
    expect(err.code).toBe('RATE_LIMITED');
    expect(err.retryAt).toBe(NOW + 30_000);
    expect(err.message).toContain(`The Ocean Node (${HOST}) is limiting requests`);
    expect(err.message).toContain('00:00:30 UTC');
    const fallback = node(403, { error: 'rate limit' });
    expect(fallback.retryAt).toBe(NOW + 5_000);
  });

  it('any other 403 is SIGNATURE_REJECTED', () => {
    for (const body of [{ error: 'Forbidden' }, 'Forbidden']) {
      const err = node(403, body);
      expect(err.code).toBe('SIGNATURE_REJECTED');
      expect(err.retryAt).toBeUndefined();
    }
  });

  it('429 is RATE_LIMITED by the Ocean Node', () => {
    const err = node(429, '');
    expect(err.code).toBe('RATE_LIMITED');
    expect(err.message).toContain(`The Ocean Node (${HOST}) is limiting requests`);
  });

  it('every 5xx, 503 included, is a server problem of the Ocean Node', () => {
    for (const status of [500, 503]) {
      const err = node(status, { error: 'boom' });
      expect(err.code).toBe('SERVER_ERROR');
      expect(err.message).toContain(`The Ocean Node (${HOST}) had a server problem (HTTP ${status})`);
      expect(err.message).not.toContain('address');
    }
  });

  it('404 and 405 mean no auth tokens at this address; other statuses name the Ocean Node', () => {
    expect(node(404, '').message).toContain(`The Ocean Node at ${HOST} does not offer auth tokens at this address (HTTP 404)`);
    expect(node(405, '').message).toContain('(HTTP 405)');
    expect(node(409, '').message).toContain(`The Ocean Node (${HOST}) refused the request (HTTP 409)`);
    expect(node(302, '').message).toContain(`The Ocean Node (${HOST}) answered with an unexpected status (HTTP 302)`);
  });
});

describe('unconfirmedRevoke', () => {
  it('names the party, keeps the token and is retryable', () => {
    const p = unconfirmedRevoke(HOST, 'provider');
    expect(p.code).toBe('BAD_RESPONSE');
    expect(p.retryable).toBe(true);
    expect(p.message).toContain(`The provider (${HOST}) answered the revoke without confirming it`);
    expect(p.message).toContain('Retry the revoke');
    const n = unconfirmedRevoke(HOST, 'node');
    expect(n.code).toBe('BAD_RESPONSE');
    expect(n.retryable).toBe(true);
    expect(n.message).toContain(`The Ocean Node (${HOST}) answered the revoke without confirming it`);
  });
});
