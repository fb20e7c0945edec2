import { describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../../main/core/http/createHttpClient.js';
import type { FetchLike, HttpClientOptions } from '../../../../main/core/http/httpTypes.js';
import { FakeClock } from '../../../support/FakeClock.js';
import { captureLogger, rejectionOf } from '../../../integration/providers/support.js';

/** A peer that answers from a script, recording what it was sent (no TLS server on loopback for https). */
function scripted(answers: Array<() => Response | Promise<Response>>): { fetch: FetchLike; sent: Array<{ url: string; init: RequestInit }> } {
  const sent: Array<{ url: string; init: RequestInit }> = [];
  const fetch: FetchLike = async (url, init) => {
    sent.push({ url, init: init ?? {} });
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    return next();
  };
  return { fetch, sent };
}

const client = (fetch: FetchLike, o: Partial<HttpClientOptions> = {}) =>
  createHttpClient({ fetch, clock: new FakeClock(), timeoutMs: 1_000, connectTimeoutMs: 500, maxBytes: 1024, ...o });

describe('createHttpClient: the rules of every request', () => {
  it('a JSON body gets Content-Type application/json unless the caller set one (in any case)', async () => {
    const { fetch, sent } = scripted([() => new Response('{}'), () => new Response('{}'), () => new Response('{}')]);
    const http = client(fetch);
    await http.request({ method: 'POST', url: 'https://h.example/a', json: { a: 1 } });
    await http.request({ method: 'POST', url: 'https://h.example/a', json: { a: 1 }, headers: { 'content-type': 'application/vnd.x+json' } });
    await http.request({ method: 'GET', url: 'https://h.example/a' });
    expect(sent[0]!.init.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(sent[0]!.init.body).toBe('{"a":1}');
    expect(sent[1]!.init.headers).toEqual({ 'content-type': 'application/vnd.x+json' });
    expect(sent[2]!.init.headers).toEqual({});
    expect(sent[2]!.init).not.toHaveProperty('body');
    expect(sent[2]!.init.method).toBe('GET');
  });

  it('json() parses once and keeps the value; its error names the host and status', async () => {
    const { fetch } = scripted([() => new Response('{"n":1}'), () => new Response('nope', { status: 502 })]);
    const http = client(fetch);
    const res = await http.request({ method: 'GET', url: 'https://h.example:8443/p?q=1' });
    expect(res.json()).toBe(res.json());
    expect(res.url).toBe('https://h.example:8443/p?q=1');
    expect(res.host).toBe('h.example:8443');
    const bad = await http.request({ method: 'GET', url: 'https://h.example/p' });
    expect(bad.status).toBe(502);
    expect(() => bad.json()).toThrow("h.example answered (HTTP 502) with something that is not JSON. Check the account's base URL, then try again.");
  });

  it('a 407 is the proxy asking for credentials, whatever the method; its body is not read', async () => {
    const { fetch } = scripted([() => new Response('secret proxy page', { status: 407 })]);
    const err = await rejectionOf(client(fetch).request({ method: 'POST', url: 'http://h.example/', json: {} }));
    expect(err.code).toBe('PROXY_REFUSED');
    expect(err.message).toMatch(/HTTP 407/);
  });

  it('follows at most maxRedirects same-origin redirects, then says so; a redirect without Location is the answer', async () => {
    const hop = () => new Response(null, { status: 302, headers: { location: '/again' } });
    const { fetch, sent } = scripted([hop, hop, hop]);
    const err = await rejectionOf(client(fetch, { maxRedirects: 2 }).request({ method: 'GET', url: 'https://h.example/' }));
    expect(err).toMatchObject({ code: 'BAD_RESPONSE', message: "h.example redirected too many times. Check the account's base URL." });
    expect(sent).toHaveLength(3);

    const bare = scripted([() => new Response('moved', { status: 301 })]);
    const res = await client(bare.fetch).request({ method: 'GET', url: 'https://h.example/' });
    expect(res.status).toBe(301);
    expect(res.text).toBe('moved');
  });

  it('the default redirect limit is 5', async () => {
    const hop = () => new Response(null, { status: 307, headers: { location: '/again' } });
    const { fetch, sent } = scripted([hop, hop, hop, hop, hop, hop, hop]);
    expect((await rejectionOf(client(fetch).request({ method: 'GET', url: 'https://h.example/' }))).code).toBe('BAD_RESPONSE');
    expect(sent).toHaveLength(6);
  });

  it('bad request URLs are BAD_ARGUMENT with what to do, before anything is sent', async () => {
    const { fetch, sent } = scripted([]);
    const http = client(fetch);
    expect(await rejectionOf(http.request({ method: 'GET', url: 'not a url' }))).toMatchObject({
      code: 'BAD_ARGUMENT',
      message: "The account's base URL is not a valid address. Enter it as https://host/path.",
    });
    expect(await rejectionOf(http.request({ method: 'GET', url: 'ftp://h.example/' }))).toMatchObject({
      code: 'BAD_ARGUMENT',
      message: "The account's base URL must start with https:// (or http:// for a local server).",
    });
    expect((await rejectionOf(http.request({ method: 'GET', url: 'https://user@h.example/' }))).message).toMatch(/contains a user name or password/);
    expect((await rejectionOf(http.request({ method: 'GET', url: 'https://:pw@h.example/' }))).message).toMatch(/contains a user name or password/);
    expect(sent).toHaveLength(0);
  });

  it('errors name the host only, with what to do', async () => {
    const aborted = new AbortController();
    aborted.abort();
    const { fetch } = scripted([
      () => Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 10.0.0.1:443') })),
      () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'CERT_HAS_EXPIRED' } })),
    ]);
    const http = client(fetch);
    expect(await rejectionOf(http.request({ method: 'GET', url: 'https://h.example/p' }))).toMatchObject({
      code: 'NETWORK',
      message: "Could not reach h.example. Check your connection and the account's base URL, then try again.",
    });
    expect((await rejectionOf(http.request({ method: 'GET', url: 'https://h.example/p' }))).code).toBe('CERT_EXPIRED');
    expect(await rejectionOf(http.request({ method: 'GET', url: 'https://h.example/p', signal: aborted.signal }))).toMatchObject({
      code: 'CANCELLED',
      message: 'The request to h.example was cancelled.',
    });
  });

  it('connect and total timeouts say which, and a failure is logged with its code', async () => {
    const clock = new FakeClock();
    const log = captureLogger();
    const never: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    const http = createHttpClient({ fetch: never, clock, logger: log.logger, timeoutMs: 1_000, connectTimeoutMs: 500, maxBytes: 1024 });
    const connect = rejectionOf(http.request({ method: 'GET', url: 'https://h.example/' }));
    clock.advance(500);
    expect(await connect).toMatchObject({
      code: 'TIMEOUT',
      message: "h.example did not answer in time. Check your connection and the account's base URL, then try again.",
    });
    const slow = createHttpClient({ fetch: never, clock, timeoutMs: 1_000, connectTimeoutMs: 5_000, maxBytes: 1024 });
    const total = rejectionOf(slow.request({ method: 'GET', url: 'https://h.example/' }));
    clock.advance(1_000);
    expect(await total).toMatchObject({
      code: 'TIMEOUT',
      message: "h.example took too long to answer. Try again; check the account's base URL if it keeps happening.",
    });
    expect(clock.pending()).toBe(0);
    expect(log.lines.some((l) => l.includes('"msg":"http failed"') && l.includes('"code":"TIMEOUT"') && l.includes('"method":"GET"'))).toBe(true);
  });

  it('a body over the cap: the limit in bytes or MiB, naming the host', async () => {
    const { fetch } = scripted([() => new Response('x'.repeat(2000)), () => new Response('x'.repeat(3 * 1024 * 1024))]);
    expect((await rejectionOf(client(fetch).request({ method: 'GET', url: 'https://h.example/' }))).message).toBe(
      "The answer from h.example was larger than 1024 bytes, which no token server sends. Check the account's base URL, then try again.",
    );
    expect((await rejectionOf(client(fetch, { maxBytes: 2 * 1024 * 1024 }).request({ method: 'GET', url: 'https://h.example/' }))).message).toMatch(
      /larger than 2 MiB,/,
    );
  });

  it('a declared length over the cap is refused before the body is read; an empty body is an empty text', async () => {
    let pulled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled = true;
        c.enqueue(new Uint8Array(10));
      },
    }, { highWaterMark: 0 });
    const { fetch } = scripted([() => new Response(body, { headers: { 'content-length': '5000' } }), () => new Response(null, { status: 204 })]);
    const http = client(fetch);
    expect((await rejectionOf(http.request({ method: 'GET', url: 'https://h.example/' }))).code).toBe('BAD_RESPONSE');
    expect(pulled).toBe(false);
    expect((await http.request({ method: 'GET', url: 'https://h.example/' })).text).toBe('');
  });
});
