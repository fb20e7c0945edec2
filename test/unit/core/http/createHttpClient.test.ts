import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../../main/core/http/createHttpClient.js';
import type { FetchLike, HttpClient } from '../../../../main/core/http/httpTypes.js';
import { type FakeServer, startFakeServer } from '../../../fakes/fakeHttp.js';
import { FakeClock } from '../../../support/FakeClock.js';
import { captureLogger, rejectionOf, turns, waitUntil } from '../../../integration/providers/support.js';

const SECRET = 'Token s3cr3t-value-never-shown';

describe('createHttpClient against a loopback server', () => {
  let clock: FakeClock;
  let a: FakeServer;
  let b: FakeServer;
  let http: HttpClient;
  let log: ReturnType<typeof captureLogger>;

  beforeEach(async () => {
    clock = new FakeClock();
    const echo = (): { status: number; body: unknown } => ({ status: 200, body: { ok: true } });
    a = await startFakeServer({ clock, handler: echo });
    b = await startFakeServer({ clock, handler: echo });
    log = captureLogger();
    http = createHttpClient({ clock, logger: log.logger, timeoutMs: 5_000, connectTimeoutMs: 1_000, maxBytes: 1024 });
  });
  afterEach(async () => {
    await a.close();
    await b.close();
  });

  it('returns status, text and parsed JSON; sends JSON bodies with a content type', async () => {
    const res = await http.request({ method: 'POST', url: `${a.url}/x`, json: { n: 1 } });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(res.host).toBe(new URL(a.url).host);
    expect(a.requests[0]?.headers['content-type']).toBe('application/json');
    expect(a.requests[0]?.body).toBe('{"n":1}');
  });

  it('a body that is not JSON is BAD_RESPONSE when parsed, fine as text', async () => {
    a.failNext({ status: 200, body: '<html>hi</html>' });
    const res = await http.request({ method: 'GET', url: a.url });
    expect(res.text).toBe('<html>hi</html>');
    expect(() => res.json()).toThrow(expect.objectContaining({ code: 'BAD_RESPONSE' }));
  });

  it('refuses bodies over the cap, declared or streamed', async () => {
    a.failNext({ status: 200, body: 'x'.repeat(1025) });
    expect((await rejectionOf(http.request({ method: 'GET', url: a.url }))).code).toBe('BAD_RESPONSE');
    a.failNext({ status: 200, body: 'x'.repeat(4096), headers: { 'transfer-encoding': 'chunked' } });
    expect((await rejectionOf(http.request({ method: 'GET', url: a.url }))).code).toBe('BAD_RESPONSE');
    a.failNext({ status: 200, body: 'x'.repeat(1024) });
    expect((await http.request({ method: 'GET', url: a.url })).text).toHaveLength(1024);
  });

  it('connect timeout: no answer at all within connectTimeoutMs is TIMEOUT', async () => {
    a.delayNext(Infinity);
    const pending = rejectionOf(http.request({ method: 'GET', url: a.url }));
    await a.waitForRequest();
    clock.advance(999);
    clock.advance(1);
    const err = await pending;
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toMatch(/did not answer in time/);
  });

  it('total timeout: headers in time but a body that never ends is TIMEOUT at timeoutMs', async () => {
    a.delayNext({ ms: Infinity, phase: 'body' });
    let settled = false;
    const pending = rejectionOf(http.request({ method: 'GET', url: a.url })).finally(() => (settled = true));
    await a.waitForRequest();
    // Let the response headers arrive so the connect timer is cleared.
    await waitUntil(() => clock.pending() === 1);
    clock.advance(4_000);
    await turns(20);
    expect(settled).toBe(false);
    clock.advance(1_000);
    const err = await pending;
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toMatch(/took too long/);
  });

  it('a slow answer within the limits is fine (the fake delays on the same clock)', async () => {
    a.delayNext(500);
    const pending = http.request({ method: 'GET', url: a.url });
    await a.waitForRequest();
    clock.advance(500);
    expect((await pending).status).toBe(200);
  });

  it('cancellation through AbortSignal is CANCELLED, before or during the request', async () => {
    const before = new AbortController();
    before.abort();
    expect((await rejectionOf(http.request({ method: 'GET', url: a.url, signal: before.signal }))).code).toBe('CANCELLED');
    expect(a.requests).toHaveLength(0);

    a.delayNext(Infinity);
    const during = new AbortController();
    const pending = rejectionOf(http.request({ method: 'GET', url: a.url, signal: during.signal }));
    await a.waitForRequest();
    during.abort();
    expect((await pending).code).toBe('CANCELLED');
    expect(clock.pending()).toBe(0);
  });

  it('an unreachable server is NETWORK, naming the host only', async () => {
    const url = `${b.url}/path?signature=0xabc`;
    await b.close();
    const err = await rejectionOf(http.request({ method: 'GET', url }));
    expect(err.code).toBe('NETWORK');
    expect(err.message).toContain(new URL(url).host);
    expect(err.message).not.toContain('signature');
  });

  it('refuses URLs with userinfo without echoing them', async () => {
    const err = await rejectionOf(http.request({ method: 'GET', url: 'http://me:hunter22@127.0.0.1:1/' }));
    expect(err.code).toBe('BAD_ARGUMENT');
    expect(err.message).not.toContain('hunter22');
  });

  describe('redirects', () => {
    const credentials = { Authorization: SECRET, AuthToken: 'jwt-secret', Cookie: 'session=secret', Accept: 'application/json' };

    it('same origin keeps credentials', async () => {
      a.failNext({ status: 302, headers: { location: '/next' } });
      const res = await http.request({ method: 'GET', url: `${a.url}/start`, headers: credentials });
      expect(res.status).toBe(200);
      expect(a.requests[1]?.path).toBe('/next');
      expect(a.requests[1]?.headers['authorization']).toBe(SECRET);
    });

    it('another host (or port) is never followed: a typed error names the host, nothing reaches it', async () => {
      for (const [method, extra] of [
        ['GET', { headers: credentials }],
        ['DELETE', { headers: credentials }],
        ['GET', {}],
      ] as const) {
        for (const status of [301, 302, 303, 307, 308]) {
          a.failNext({ status, headers: { location: `${b.url}/elsewhere` } });
          const err = await rejectionOf(http.request({ method, url: `${a.url}/start`, ...extra }));
          expect(err.code).toBe('REDIRECT_REFUSED');
          expect(err.message).toContain(new URL(b.url).host);
          expect(err.message).not.toContain('elsewhere');
        }
      }
      expect(b.requests).toHaveLength(0);
    });

    it('the same host on another port is another origin', async () => {
      const other = new URL(b.url);
      a.failNext({ status: 302, headers: { location: `http://127.0.0.1:${other.port}/x` } });
      expect((await rejectionOf(http.request({ method: 'GET', url: a.url, headers: credentials }))).code).toBe('REDIRECT_REFUSED');
      expect(b.requests).toHaveLength(0);
    });

    it('303 turns a POST into a GET without body', async () => {
      a.failNext({ status: 303, headers: { location: '/done' } });
      await http.request({ method: 'POST', url: a.url, json: { secret: 1 } });
      expect(a.requests[1]).toMatchObject({ method: 'GET', body: '' });
    });

    it('307 to another origin with a body (a signature) is not followed', async () => {
      a.failNext({ status: 307, headers: { location: `${b.url}/steal` } });
      const err = await rejectionOf(http.request({ method: 'POST', url: a.url, json: { signature: '0xsig' } }));
      expect(err.code).toBe('REDIRECT_REFUSED');
      expect(b.requests).toHaveLength(0);
    });

    it('gives up after 5 redirects', async () => {
      a.failNext({ status: 302, headers: { location: '/loop' }, times: 10 });
      expect((await rejectionOf(http.request({ method: 'GET', url: a.url }))).code).toBe('BAD_RESPONSE');
      expect(a.requests).toHaveLength(6);
    });

    it('non-web redirect targets are refused', async () => {
      a.failNext({ status: 302, headers: { location: 'file:///etc/passwd' } });
      expect((await rejectionOf(http.request({ method: 'GET', url: a.url }))).code).toBe('BAD_RESPONSE');
    });
  });

  it('logs method, redacted URL and status, never credentials or query secrets', async () => {
    a.failNext({ status: 302, headers: { location: `/x?token=tok-secret-123` } });
    await http.request({ method: 'GET', url: `${a.url}/tokens/abcdef0123456789?signature=0xsig-secret`, headers: { Authorization: SECRET } });
    b.failNext({ status: 200, body: 'not json' });
    await http.request({ method: 'GET', url: `${b.url}/?password=pw-secret` });
    const text = log.lines.join('\n');
    expect(text).toContain('"status":200');
    for (const secret of ['abcdef0123456789', '0xsig-secret', 'tok-secret-123', 'pw-secret', 's3cr3t']) expect(text).not.toContain(secret);
  });
});

describe('createHttpClient with an https peer (stub fetch: no TLS server on loopback)', () => {
  it('never follows https → http, so the http URL is never fetched', async () => {
    const fetched: string[] = [];
    const fetch: FetchLike = async (url) => {
      fetched.push(url);
      return new Response(null, { status: 302, headers: { location: 'http://api.example.com/tokens' } });
    };
    const http = createHttpClient({ fetch, clock: new FakeClock(), timeoutMs: 1000, connectTimeoutMs: 1000, maxBytes: 1024 });
    const err = await rejectionOf(http.request({ method: 'POST', url: 'https://api.example.com/tokens', headers: { Authorization: SECRET } }));
    expect(err.code).toBe('REDIRECT_REFUSED');
    expect(fetched).toEqual(['https://api.example.com/tokens']);
  });

  it('passes redirect: manual so fetch itself never follows', async () => {
    let init: RequestInit | undefined;
    const fetch: FetchLike = async (_url, i) => {
      init = i;
      return new Response('{}', { status: 200 });
    };
    const http = createHttpClient({ fetch, clock: new FakeClock(), timeoutMs: 1000, connectTimeoutMs: 1000, maxBytes: 1024 });
    await http.request({ method: 'GET', url: 'https://api.example.com/' });
    expect(init?.redirect).toBe('manual');
  });
});
