import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../../main/core/errors.js';
import type { HttpResponse } from '../../../../../main/core/http/httpTypes.js';
import { fetchStoredNonce, floorDecimal, parseNonceBody } from '../../../../../main/core/providers/ocean/oceanNonce.js';
import { type FakeResponse, type FakeServer, startFakeServer } from '../../../../fakes/fakeHttp.js';
import { TEST_KEY } from '../../../../fakes/vectors.js';
import { FakeClock } from '../../../../support/FakeClock.js';
import { rejectionOf, testHttp } from '../../../../integration/providers/support.js';

describe('floorDecimal edges', () => {
  it('ignores whitespace around the number, as a server padding its value would send it', () => {
    expect(floorDecimal(' 12 ')).toBe(12n);
    expect(floorDecimal('\t1700000000000.5\n')).toBe(1700000000000n);
  });

  it('a negative exponent that moves the point left of every digit floors to 0, not to leading digits', () => {
    expect(floorDecimal('123e-5')).toBe(0n);
    expect(floorDecimal('123e-3')).toBe(0n);
    expect(floorDecimal('123e-2')).toBe(1n);
    expect(floorDecimal('12.5e-1')).toBe(1n);
  });

  it('an exponent exactly as long as the fraction gives the whole number', () => {
    expect(floorDecimal('1.25e2')).toBe(125n);
    expect(floorDecimal('125e0')).toBe(125n);
  });
});

describe('parseNonceBody edges', () => {
  it.each([
    ['null', 'null'],
    ['a JSON string', '"7"'],
    ['a JSON number', '7'],
    ['a JSON boolean', 'true'],
    ['an empty array', '[]'],
    ['an array of bodies', '[{"nonce": "7"}]'],
    ['an object without nonce', '{"value": 7}'],
    ['a null nonce', '{"nonce": null}'],
    ['a boolean nonce', '{"nonce": true}'],
    ['an object nonce', '{"nonce": {"value": 7}}'],
    ['not JSON', '{"nonce": 7'],
    ['empty', ''],
  ])('%s gives undefined, never a TypeError', (_label, text) => {
    expect(parseNonceBody(text)).toBeUndefined();
  });

  it('reads a number nonce whatever the spacing around the colon', () => {
    expect(parseNonceBody('{"nonce":5}')).toBe(5n);
    expect(parseNonceBody('{"nonce" : 5}')).toBe(5n);
    expect(parseNonceBody('{"nonce":\n  9007199254740993}')).toBe(9007199254740993n);
    expect(parseNonceBody('{"nonce": " 7 "}')).toBe(7n);
  });

  it('reads only a number value from the raw text: a key that is not a number there gives nothing', () => {
    // The last duplicate key wins in JSON.parse: the value is null, whatever number came first.
    expect(parseNonceBody('{"nonce": 5, "nonce": null}')).toBeUndefined();
    // A key spelled with an escape is "nonce" to JSON.parse but not in the raw text.
    expect(parseNonceBody('{"non\\u0063e": 5}')).toBeUndefined();
  });

  it('never reads another "nonce" than the one JSON.parse kept: a nested or earlier duplicate key is unreadable', () => {
    expect(parseNonceBody('{"nonce": 5, "nonce": 9}')).toBeUndefined();
    expect(parseNonceBody('{"meta": {"nonce": 1}, "nonce": 99}')).toBeUndefined();
    // The same number twice is still that number.
    expect(parseNonceBody('{"nonce": 7, "nonce": 7.0}')).toBe(7n);
    expect(parseNonceBody('{"nonce": 1.7e12}')).toBe(1700000000000n);
  });
});

describe('fetchStoredNonce', () => {
  let clock: FakeClock;
  let server: FakeServer;
  let answer: FakeResponse;

  beforeEach(async () => {
    clock = new FakeClock(1767225600000);
    answer = { status: 200, body: { nonce: '41' } };
    server = await startFakeServer({ clock, handler: () => answer });
  });
  afterEach(() => server.close());

  const seen: HttpResponse[] = [];
  const onError = (res: HttpResponse): AppError => {
    seen.push(res);
    return new AppError('SERVER_ERROR', `mapped ${res.status}`);
  };
  const fetchIt = (signal?: AbortSignal): Promise<bigint> =>
    fetchStoredNonce(testHttp(clock), { base: server.url, address: TEST_KEY.address, signal, onError });

  it('GETs /api/services/nonce with the address and reads the stored nonce', async () => {
    expect(await fetchIt()).toBe(41n);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.method).toBe('GET');
    expect(server.requests[0]?.path).toBe('/api/services/nonce');
    expect(server.requests[0]?.query.get('userAddress')).toBe(TEST_KEY.address);
  });

  it("passes the caller's signal on: a cancelled call sends nothing", async () => {
    const err = await rejectionOf(fetchIt(AbortSignal.abort()));
    expect(err.code).toBe('CANCELLED');
    expect(server.requests).toHaveLength(0);
  });

  it('a status other than 200 goes to the flavour error mapping, even with a nonce in the body', async () => {
    seen.length = 0;
    answer = { status: 404, body: { nonce: '41' } };
    const err = await rejectionOf(fetchIt());
    expect(err).toMatchObject({ code: 'SERVER_ERROR', message: 'mapped 404' });
    expect(seen.map((r) => r.status)).toEqual([404]);
  });

  it.each([
    ['a web page', { status: 200, body: '<html>login</html>' }],
    ['null', { status: 200, body: 'null' }],
    ['an array', { status: 200, body: [] }],
    ['a nonce that is not a number', { status: 200, body: { nonce: 'soon' } }],
  ])('%s is BAD_RESPONSE naming the host and what to check', async (_label, a: FakeResponse) => {
    answer = a;
    const err = await rejectionOf(fetchIt());
    expect(err.code).toBe('BAD_RESPONSE');
    expect(err.message).toBe(`${new URL(server.url).host} answered the nonce request with something Token Vault could not read. Check the provider URL.`);
  });
});
