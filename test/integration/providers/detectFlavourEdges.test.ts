import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../main/core/errors.js';
import { createFlavourDetector, type FlavourDetector } from '../../../main/core/providers/ocean/detectFlavour.js';
import { type FakeResponse, type FakeServer, startFakeServer } from '../../fakes/fakeHttp.js';
import { FakeClock } from '../../support/FakeClock.js';
import { rejectionOf, testHttp } from './support.js';

/**
 * createFlavourDetector against a loopback server whose home page the test scripts: what each answer of
 * GET / makes of the server (Provider, Node, or an error), and when the detector asks again.
 */
describe('Ocean flavour detection from GET /', () => {
  let server: FakeServer;
  let answer: FakeResponse;
  let clock: FakeClock;
  let detector: FlavourDetector;
  const host = (): string => new URL(server.url).host;

  beforeEach(async () => {
    answer = { status: 200, body: { software: 'Provider', version: '2.1.6' } };
    clock = new FakeClock();
    // Only the home page (and, for the path-prefix case, the prefixed one) is a home page.
    server = await startFakeServer({
      handler: (req) => (req.path === '/' || req.path === '/ocean/' ? answer : { status: 404, body: { error: 'not found' } }),
    });
    detector = createFlavourDetector(testHttp(clock), clock);
  });
  afterEach(() => server.close());

  const softwareSays = (software: unknown): void => {
    answer = { status: 200, body: { software } };
  };

  it.each([
    ['Provider', 'provider'],
    ['provider', 'provider'],
    ['PROVIDER', 'provider'],
    ['  Provider\n', 'provider'],
    ['Ocean-Node', 'node'],
    ['Ocean Node', 'node'],
    ['ocean-node', 'node'],
    ['OceanNode', 'node'],
    [' Ocean-Node  ', 'node'],
  ] as const)('software %j is %s', async (software, flavour) => {
    softwareSays(software);
    await expect(detector.detect(server.url)).resolves.toBe(flavour);
    expect(detector.known(server.url)).toBe(flavour);
  });

  it.each(['providerX', 'xprovider', 'Provider 2', 'Ocean  Node', 'Ocean_Node', 'my-ocean-node', 'ocean-node2', 'Ocean-Nodes', 'Ocean', 'Node', 'Azion', '', 42, null, ['Provider'], { name: 'Provider' }])(
    'software %j is neither: UNSUPPORTED_PROVIDER, naming the host, nothing cached',
    async (software) => {
      softwareSays(software);
      const error = await rejectionOf(detector.detect(server.url));
      expect(error).toBeInstanceOf(AppError);
      expect(error.code).toBe('UNSUPPORTED_PROVIDER');
      expect(error.message).toContain(host());
      expect(error.message).toContain('Ocean Provider or Ocean Node');
      expect(detector.known(server.url)).toBeUndefined();
    },
  );

  it.each<[string, FakeResponse]>([
    ['a JSON array', { status: 200, body: [{ software: 'Provider' }] }],
    ['JSON null', { status: 200, body: 'null', headers: { 'content-type': 'application/json' } }],
    ['a JSON string', { status: 200, body: '"Provider"', headers: { 'content-type': 'application/json' } }],
    ['a JSON number', { status: 200, body: '7', headers: { 'content-type': 'application/json' } }],
    ['HTML', { status: 200, body: '<html><body>Provider</body></html>', headers: { 'content-type': 'text/html' } }],
    ['an empty body', { status: 200 }],
    ['the right body with 404', { status: 404, body: { software: 'Provider' } }],
    ['the right body with 201', { status: 201, body: { software: 'Ocean-Node' } }],
    ['the right body with 400', { status: 400, body: { software: 'Provider' } }],
  ])('%s is UNSUPPORTED_PROVIDER, not cached, never a raw error', async (_name, scripted) => {
    answer = scripted;
    const error = await rejectionOf(detector.detect(server.url));
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('UNSUPPORTED_PROVIDER');
    expect(error.message).toContain(host());
    expect(detector.known(server.url)).toBeUndefined();
  });

  it('asks once per base and then answers from the cache; `fresh` asks again and replaces the answer', async () => {
    await expect(detector.detect(server.url)).resolves.toBe('provider');
    await expect(detector.detect(server.url)).resolves.toBe('provider');
    await expect(detector.detect(server.url, undefined, false)).resolves.toBe('provider');
    expect(server.requests).toHaveLength(1);

    // The server at that URL is now a Node: the cache still says Provider until asked fresh.
    softwareSays('Ocean-Node');
    await expect(detector.detect(server.url)).resolves.toBe('provider');
    expect(server.requests).toHaveLength(1);
    await expect(detector.detect(server.url, undefined, true)).resolves.toBe('node');
    expect(server.requests).toHaveLength(2);
    expect(detector.known(server.url)).toBe('node');
    await expect(detector.detect(server.url)).resolves.toBe('node');
    expect(server.requests).toHaveLength(2);
  });

  it('caches per base: another base is asked for itself', async () => {
    const other = `${server.url}/ocean`;
    await expect(detector.detect(server.url)).resolves.toBe('provider');
    expect(detector.known(other)).toBeUndefined();
    softwareSays('Ocean-Node');
    await expect(detector.detect(other)).resolves.toBe('node');
    expect(server.requests.map((r) => r.path)).toEqual(['/', '/ocean/']);
    expect(detector.known(server.url)).toBe('provider');
  });

  it('asks for `{base}/` (the home page under a path prefix), with Accept JSON', async () => {
    softwareSays('Ocean-Node');
    await expect(detector.detect(`${server.url}/ocean/`)).resolves.toBe('node');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.method).toBe('GET');
    expect(server.requests[0]?.target).toBe('/ocean/');
    expect(server.requests[0]?.headers['accept']).toBe('application/json');
  });

  it('a failed detection is not cached: the next call asks again', async () => {
    softwareSays('Azion');
    expect((await rejectionOf(detector.detect(server.url))).code).toBe('UNSUPPORTED_PROVIDER');
    softwareSays('Provider');
    await expect(detector.detect(server.url)).resolves.toBe('provider');
    expect(server.requests).toHaveLength(2);
  });

  it('passes the caller\'s signal on: an aborted call is CANCELLED', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await rejectionOf(detector.detect(server.url, controller.signal));
    expect(error.code).toBe('CANCELLED');
    expect(server.requests).toHaveLength(0);
  });

  it('429 is RATE_LIMITED, retryable, naming the host; with Retry-After it carries retryAt', async () => {
    answer = { status: 429, body: 'slow down', headers: { 'content-type': 'text/plain' } };
    const bare = await rejectionOf(detector.detect(server.url));
    expect(bare).toBeInstanceOf(AppError);
    expect(bare.code).toBe('RATE_LIMITED');
    expect(bare.retryable).toBe(true);
    expect(bare.retryAt).toBeUndefined();
    expect((bare as AppError).toData()).not.toHaveProperty('retryAt');
    expect(bare.message).toBe(`${host()} is limiting requests. Try again in a minute.`);

    answer = { status: 429, body: { software: 'Provider' }, headers: { 'retry-after': '12' } };
    const timed = await rejectionOf(detector.detect(server.url));
    expect(timed.code).toBe('RATE_LIMITED');
    expect(timed.retryable).toBe(true);
    expect(timed.retryAt).toBe(clock.now() + 12_000);
    expect(detector.known(server.url)).toBeUndefined();
  });

  it.each([500, 502, 503, 599])('%i is SERVER_ERROR, retryable, naming the host and the status, even with the right body', async (status) => {
    answer = { status, body: { software: 'Provider' } };
    const error = await rejectionOf(detector.detect(server.url));
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('SERVER_ERROR');
    expect(error.retryable).toBe(true);
    expect(error.message).toBe(`${host()} had a server problem (HTTP ${status}) while Token Vault checked what it is. Try again in a minute.`);
    expect(detector.known(server.url)).toBeUndefined();
  });

  it('499 is not a server error: the server does not look like an Ocean server', async () => {
    answer = { status: 499, body: { software: 'Provider' } };
    expect((await rejectionOf(detector.detect(server.url))).code).toBe('UNSUPPORTED_PROVIDER');
  });
});
