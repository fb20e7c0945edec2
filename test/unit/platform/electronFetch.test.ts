/**
 * The Electron fetch adapter keeps every guarantee of the HTTP layer. Electron's `net` cannot run
 * here, so `net.request` is stood in for by a ClientRequest look-alike on node:http that behaves
 * as Electron documents it: with `redirect: 'manual'` a 3xx is a 'redirect' event (the request is
 * cancelled unless followed), anything else a 'response' whose body is a stream, failures 'error'
 * with Chromium's net::ERR_* text.
 */
import { EventEmitter } from 'node:events';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { ClientRequest, ClientRequestConstructorOptions, Session } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../main/core/http/createHttpClient.js';
import { classifyConnectionFailure } from '../../../main/core/http/networkErrors.js';
import { createElectronFetch, describeProxy, electronNetworkInfo, type ElectronNet } from '../../../main/platform/electronFetch.js';
import { type FakeServer, startFakeServer } from '../../fakes/fakeHttp.js';
import { FakeClock } from '../../support/FakeClock.js';
import { rejectionOf } from '../../integration/providers/support.js';

/** Electron's ClientRequest, as far as the adapter uses it. */
class StandInRequest extends EventEmitter {
  readonly #headers: Record<string, string> = {};
  readonly #chunks: string[] = [];
  #inner: ReturnType<typeof httpRequest> | undefined;
  constructor(readonly options: ClientRequestConstructorOptions) {
    super();
  }
  setHeader(name: string, value: string): void {
    this.#headers[name] = value;
  }
  write(chunk: string): void {
    this.#chunks.push(chunk);
  }
  abort(): void {
    this.#inner?.destroy();
    this.emit('abort');
  }
  end(): void {
    const inner = httpRequest(this.options.url!, { method: this.options.method ?? 'GET', headers: this.#headers }, (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      if (this.options.redirect === 'manual' && [301, 302, 303, 307, 308].includes(status)) {
        const location = new URL(String(res.headers.location), this.options.url).href;
        this.emit('redirect', status, this.options.method ?? 'GET', location, res.headers);
        res.resume();
        return;
      }
      this.emit('response', res);
    });
    this.#inner = inner;
    inner.on('error', (e: NodeJS.ErrnoException) => this.emit('error', new Error(e.code === 'ECONNREFUSED' ? 'net::ERR_CONNECTION_REFUSED' : `net::ERR_FAILED ${e.message}`)));
    for (const c of this.#chunks) inner.write(c);
    inner.end();
  }
}

describe('createElectronFetch through the real HTTP client', () => {
  let a: FakeServer;
  let b: FakeServer;
  const made: StandInRequest[] = [];
  const net: ElectronNet = {
    request(options) {
      const r = new StandInRequest(options);
      made.push(r);
      return r as unknown as ClientRequest;
    },
  };
  const session = { id: 'token-vault-network' } as unknown as Session;
  const clock = new FakeClock();
  const http = createHttpClient({ fetch: createElectronFetch(net, session), clock, timeoutMs: 5_000, connectTimeoutMs: 1_000, maxBytes: 1024 });

  beforeEach(async () => {
    a = await startFakeServer({ clock, handler: (req) => ({ status: 200, body: { path: req.path, body: req.body } }) });
    b = await startFakeServer({ clock, handler: () => ({ status: 200, body: { stolen: true } }) });
    made.length = 0;
  });
  afterEach(async () => {
    await a.close();
    await b.close();
  });

  it('sends method, headers and body in a session of its own, without cookies or cache', async () => {
    const res = await http.request({ method: 'POST', url: `${a.url}/x`, headers: { Authorization: 'Token t' }, json: { n: 1 } });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ path: '/x', body: '{"n":1}' });
    expect(a.requests[0]?.headers['authorization']).toBe('Token t');
    expect(made[0]?.options).toMatchObject({ session, redirect: 'manual', credentials: 'omit', useSessionCookies: false, cache: 'no-store' });
  });

  it('hands redirects back: same origin is followed, another origin is refused and never reached', async () => {
    a.failNext({ status: 302, headers: { location: '/next' } });
    expect((await http.request({ method: 'GET', url: `${a.url}/start` })).json()).toMatchObject({ path: '/next' });
    a.failNext({ status: 307, headers: { location: `${b.url}/steal` } });
    const err = await rejectionOf(http.request({ method: 'GET', url: `${a.url}/start`, headers: { Authorization: 'Token t' } }));
    expect(err.code).toBe('REDIRECT_REFUSED');
    expect(b.requests).toHaveLength(0);
  });

  it('keeps the body cap and the timeouts', async () => {
    a.failNext({ status: 200, body: 'x'.repeat(4096) });
    expect((await rejectionOf(http.request({ method: 'GET', url: a.url }))).code).toBe('BAD_RESPONSE');
    a.delayNext(Infinity);
    const pending = rejectionOf(http.request({ method: 'GET', url: a.url }));
    await a.waitForRequest(undefined, a.requests.length);
    clock.advance(1_000);
    expect((await pending).code).toBe('TIMEOUT');
  });

  it("turns Chromium's failures into NETWORK naming the host only", async () => {
    const url = `${b.url}/p?signature=0xsecret`;
    await b.close();
    b = await startFakeServer({ clock, handler: () => ({ status: 200 }) });
    const err = await rejectionOf(http.request({ method: 'GET', url }));
    expect(err.code).toBe('NETWORK');
    expect(err.message).not.toContain('0xsecret');
  });
});

describe("Chromium's certificate and proxy errors are named", () => {
  it.each([
    ['net::ERR_CERT_AUTHORITY_INVALID', 'CERT_UNTRUSTED'],
    ['net::ERR_CERT_COMMON_NAME_INVALID', 'CERT_WRONG_HOST'],
    ['net::ERR_CERT_DATE_INVALID', 'CERT_EXPIRED'],
    ['net::ERR_PROXY_AUTH_REQUESTED', 'PROXY_REFUSED'],
    ['net::ERR_TUNNEL_CONNECTION_FAILED', 'PROXY_REFUSED'],
  ])('%s → %s', (text, code) => {
    const e = new TypeError('fetch failed', { cause: new Error(text) });
    expect(classifyConnectionFailure(e, 'api.example.com')?.code).toBe(code);
  });

  it('an unrelated failure is left to the caller (NETWORK)', () => {
    expect(classifyConnectionFailure(new TypeError('fetch failed', { cause: new Error('net::ERR_CONNECTION_REFUSED') }), 'h')).toBeUndefined();
  });
});

describe('which proxy Settings shows', () => {
  it.each([
    ['DIRECT', 'system settings: none (direct connection)'],
    ['PROXY corp.example:3128; DIRECT', 'system settings: http://corp.example:3128'],
    ['HTTPS secure.example:443', 'system settings: https://secure.example:443'],
    ['SOCKS5 127.0.0.1:1080', 'system settings: socks5://127.0.0.1:1080'],
  ])('%s', (pac, shown) => expect(describeProxy(pac)).toBe(shown));

  it('asks the session and keeps the last answer', async () => {
    const session = { resolveProxy: async () => 'PROXY corp.example:3128' } as unknown as Session;
    const info = electronNetworkInfo(session);
    await info.refresh();
    expect(info.view()).toEqual({ stack: 'chromium', proxy: 'system settings: http://corp.example:3128' });
  });
});
