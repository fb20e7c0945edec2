import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryExpirationLedger } from '../../../../../main/core/providers/memoryExpirationLedger.js';
import { createOceanProvider } from '../../../../../main/core/providers/ocean/oceanProvider.js';
import type { Provider } from '../../../../../main/core/providers/types.js';
import type { OceanSecrets } from '../../../../../main/core/vault/vaultRecords.js';
import { type FakeOceanProvider, startFakeOceanProvider } from '../../../../fakes/fakeOceanProvider.js';
import { signJwt } from '../../../../fakes/jwtHs256.js';
import { TEST_KEY } from '../../../../fakes/vectors.js';
import { FakeClock } from '../../../../support/FakeClock.js';
import { oceanConfig, rejectionOf, testHttp } from '../../../../integration/providers/support.js';

// 2026-01-01T00:00:00Z, a day after the fake clock's start.
const WANTED = 1767225600;
const CREATE = { path: '/api/services/createAuthToken' };
const secrets: OceanSecrets = { kind: 'ocean', privateKey: TEST_KEY.privateKey };

describe('Python Provider mint: what a 200 must hold', () => {
  let clock: FakeClock;
  let fake: FakeOceanProvider;
  let provider: Provider;

  beforeEach(async () => {
    clock = new FakeClock(Date.UTC(2025, 11, 31, 0, 0, 0));
    fake = await startFakeOceanProvider({ clock });
    provider = createOceanProvider({ http: testHttp(clock), clock, ledger: createMemoryExpirationLedger() });
  });
  afterEach(() => fake.close());

  const mint = (): ReturnType<Provider['mint']> => provider.mint({ config: oceanConfig(`${fake.url}/`, TEST_KEY.address, 'provider'), secrets, expiresAt: WANTED * 1000 });

  it.each([
    ['no token field', { ok: true }],
    ['a null body', null],
    ['a token that is not a string', { token: 42 }],
    ['an empty token', { token: '' }],
    ['a token that is not a JWT', { token: 'not-a-jwt' }],
    ['a JWT with a space in it', { token: 'a.b c.d' }],
    ['two parts only', { token: 'abc.def' }],
  ])('%s is BAD_RESPONSE, so no token reaches the vault', async (_label, body) => {
    fake.failNext({ status: 200, body, match: CREATE });
    const err = await rejectionOf(mint());
    expect(err.code).toBe('BAD_RESPONSE');
    expect(err.message).toContain('without a token');
  });

  it('a body that is not JSON at all is BAD_RESPONSE', async () => {
    fake.failNext({ status: 200, body: '<html>proxy</html>', match: CREATE });
    expect((await rejectionOf(mint())).code).toBe('BAD_RESPONSE');
  });

  it('the token\'s own exp wins over the requested expiration when the server shortens the lifetime', async () => {
    const shortened = WANTED - 3600;
    fake.failNext({ status: 200, body: { token: signJwt({ exp: shortened, address: TEST_KEY.address }, 'k') }, match: CREATE });
    const token = await mint();
    expect(token.expiresAt).toBe(shortened * 1000);
  });

  it('a server that grants exactly what was asked gives the requested expiration', async () => {
    const token = await mint();
    expect(token.expiresAt).toBe(WANTED * 1000);
    expect(token.createdAt).toBe(clock.now());
  });

  it.each([
    ['no exp', { address: TEST_KEY.address }],
    ['a string exp', { exp: String(WANTED - 60) }],
    ['a fractional exp', { exp: WANTED - 0.5 }],
    ['an exp beyond safe integers', { exp: 2 ** 60 }],
  ])('a JWT with %s falls back to the requested expiration', async (_label, payload) => {
    fake.failNext({ status: 200, body: { token: signJwt(payload, 'k') }, match: CREATE });
    expect((await mint()).expiresAt).toBe(WANTED * 1000);
  });

  it('a JWT whose payload is not JSON falls back to the requested expiration', async () => {
    fake.failNext({ status: 200, body: { token: 'eyJhbGciOiJIUzI1NiJ9.bm90LWpzb24.c2ln' }, match: CREATE });
    expect((await mint()).expiresAt).toBe(WANTED * 1000);
  });
});
