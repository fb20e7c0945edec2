import { describe, expect, it } from 'vitest';
import { thrownAppError } from '../../../support/thrownAppError.js';
import { type Hop, isRedirect, nextHop } from '../../../../main/core/http/redirects.js';

const JSON_HEADERS = { 'Content-Type': 'application/json', Authorization: 'Token t' };

function hop(over: Partial<Hop> = {}): Hop {
  return { url: new URL('https://api.example.test/v4/tokens'), method: 'POST', headers: { ...JSON_HEADERS }, body: '{"a":1}', ...over };
}


describe('isRedirect', () => {
  it.each([301, 302, 303, 307, 308])('%i is a redirect', (s) => expect(isRedirect(s)).toBe(true));
  it.each([200, 204, 300, 304, 305, 306, 400, 401])('%i is not', (s) => expect(isRedirect(s)).toBe(false));
});

describe('nextHop: the method and body follow the fetch standard', () => {
  it.each([301, 302])('%i after POST becomes GET without body and without Content-Type', (status) => {
    const next = nextHop(hop(), status, '/v4/other');
    expect(next.method).toBe('GET');
    expect(next.body).toBeUndefined();
    expect(next.headers).toEqual({ Authorization: 'Token t' });
    expect(next.url.href).toBe('https://api.example.test/v4/other');
  });

  it('the Content-Type header is dropped whatever its case', () => {
    const next = nextHop(hop({ headers: { 'content-type': 'application/json', 'CONTENT-TYPE': 'x', Accept: 'a' } }), 303, '/n');
    expect(next.headers).toEqual({ Accept: 'a' });
  });

  it('303 after any method becomes GET without body', () => {
    for (const method of ['POST', 'DELETE', 'PUT'] as const) {
      const next = nextHop(hop({ method }), 303, '/n');
      expect(next).toMatchObject({ method: 'GET', body: undefined });
      expect(next.headers).not.toHaveProperty('Content-Type');
    }
  });

  it.each([301, 302, 307, 308])('DELETE with a JSON body keeps its method, body and Content-Type on %i', (status) => {
    const next = nextHop(hop({ method: 'DELETE' }), status, '/v4/tokens/1');
    expect(next.method).toBe('DELETE');
    expect(next.body).toBe('{"a":1}');
    expect(next.headers).toEqual(JSON_HEADERS);
  });

  it.each([307, 308])('POST keeps its method and body on %i', (status) => {
    const next = nextHop(hop(), status, '/n');
    expect(next).toMatchObject({ method: 'POST', body: '{"a":1}' });
    expect(next.headers).toEqual(JSON_HEADERS);
  });

  it('a GET without body keeps no Content-Type even on 307', () => {
    const next = nextHop(hop({ method: 'GET', body: undefined }), 307, '/n');
    expect(next).toMatchObject({ method: 'GET', body: undefined });
    expect(next.headers).toEqual({ Authorization: 'Token t' });
  });

  it('the headers of the current hop are not changed in place', () => {
    const current = hop();
    nextHop(current, 302, '/n');
    expect(current.headers).toEqual(JSON_HEADERS);
    expect(current.body).toBe('{"a":1}');
  });
});

describe('nextHop: where a redirect may go', () => {
  it('https → https on the same origin is followed, with credentials stripped from the URL', () => {
    const next = nextHop(hop(), 307, 'https://user:pw@api.example.test/v5/tokens?x=1');
    expect(next.url.href).toBe('https://api.example.test/v5/tokens?x=1');
    expect(next.url.username).toBe('');
    expect(next.url.password).toBe('');
  });

  it('http → http on the same origin is followed', () => {
    const next = nextHop(hop({ url: new URL('http://127.0.0.1:8030/a') }), 302, 'http://127.0.0.1:8030/b');
    expect(next.url.href).toBe('http://127.0.0.1:8030/b');
  });

  it('https → http is REDIRECT_REFUSED and says it was unencrypted', () => {
    const err = thrownAppError(() => nextHop(hop(), 302, 'http://api.example.test/v4/tokens'));
    expect(err.code).toBe('REDIRECT_REFUSED');
    expect(err.message).toContain('unencrypted');
  });

  it('http → https of the same host is another origin: refused', () => {
    const err = thrownAppError(() => nextHop(hop({ url: new URL('http://api.example.test/a') }), 301, 'https://api.example.test/a'));
    expect(err.code).toBe('REDIRECT_REFUSED');
    expect(err.message).toContain('another server');
  });

  it.each(['https://evil.example.test/v4/tokens', 'https://api.example.test:8443/v4/tokens'])('another host or port is refused: %s', (location) => {
    const err = thrownAppError(() => nextHop(hop(), 307, location));
    expect(err.code).toBe('REDIRECT_REFUSED');
    expect(err.message).toContain('another server');
  });

  it('an unparsable Location is BAD_RESPONSE, not a TypeError', () => {
    const err = thrownAppError(() => nextHop(hop(), 302, 'https://exa mple.test:99999/'));
    expect(err.code).toBe('BAD_RESPONSE');
    expect(err.message).toContain('not valid');
  });

  it.each(['ftp://api.example.test/x', 'file:///etc/passwd', 'javascript:alert(1)'])('a non-web Location is BAD_RESPONSE: %s', (location) => {
    const err = thrownAppError(() => nextHop(hop(), 302, location));
    expect(err.code).toBe('BAD_RESPONSE');
    expect(err.message).toContain('non-web');
  });
});
