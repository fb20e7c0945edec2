import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryExpirationLedger, type MemoryExpirationLedger } from '../../../main/core/providers/memoryExpirationLedger.js';
import { createOceanProvider } from '../../../main/core/providers/ocean/oceanProvider.js';
import type { Provider } from '../../../main/core/providers/types.js';
import type { OceanSecrets } from '../../../main/core/vault/vaultRecords.js';
import { type FakeOceanProvider, startFakeOceanProvider } from '../../fakes/fakeOceanProvider.js';
import { TEST_KEY, vectors } from '../../fakes/vectors.js';
import { FakeClock } from '../../support/FakeClock.js';
import { oceanConfig, rejectionOf, testHttp } from './support.js';

// The vectors' expiration, 2026-01-01T00:00:00Z: the clock starts the day before so it is in the future.
const VECTOR_EXPIRATION = 1767225600;
const ADDRESS = TEST_KEY.address;
const secrets: OceanSecrets = { kind: 'ocean', privateKey: TEST_KEY.privateKey };

describe('Ocean Python Provider flavour against the fake provider', () => {
  let clock: FakeClock;
  let fake: FakeOceanProvider;
  let ledger: MemoryExpirationLedger;
  let provider: Provider;

  beforeEach(async () => {
    clock = new FakeClock(Date.UTC(2025, 11, 31, 12, 0, 0));
    fake = await startFakeOceanProvider({ clock });
    ledger = createMemoryExpirationLedger();
    provider = createOceanProvider({ http: testHttp(clock), clock, ledger });
  });
  afterEach(() => fake.close());

  const config = (): ReturnType<typeof oceanConfig> => oceanConfig(`${fake.url}/`, ADDRESS);
  const mint = (expiresAt = VECTOR_EXPIRATION * 1000): ReturnType<Provider['mint']> => provider.mint({ config: config(), secrets, expiresAt });

  it('detects the flavour from GET / once per URL', async () => {
    await mint();
    await mint(VECTOR_EXPIRATION * 1000 + 60_000);
    expect(fake.requests.filter((r) => r.path === '/')).toHaveLength(1);
  });

  describe.each(vectors.provider)('vector nonce $nonce', (v) => {
    it('sends exactly the vector request line, and the fake accepts it', async () => {
      // floor(stored) + 1 = vector nonce; "0.5" also proves the floor.
      const stored = v.nonce === '1' ? '0.5' : (BigInt(v.nonce) - 1n).toString();
      fake.setNonce(ADDRESS, stored);
      const token = await mint();
      const create = fake.requests.find((r) => r.path === '/api/services/createAuthToken');
      expect(`${create?.method} ${create?.target}`).toBe(v.createRequest);
      expect(token.kind).toBe('ocean-provider');
      expect(token.expiresAt).toBe(VECTOR_EXPIRATION * 1000);
      expect(fake.tokenStatus(token.value, ADDRESS)).toBe('valid');
      expect(token.meta).toEqual({ flavour: 'provider', providerUrl: fake.url, address: ADDRESS });
    });
  });

  it('previews address, nonce, message and expiry, and mint signs exactly the approved preview', async () => {
    fake.setNonce(ADDRESS, '136');
    const preview = await provider.previewMint?.({ config: config(), secrets, expiresAt: VECTOR_EXPIRATION * 1000 });
    expect(preview).toEqual({
      address: ADDRESS,
      nonce: '137',
      message: `${ADDRESS}137`,
      expiresAt: VECTOR_EXPIRATION * 1000,
      flavour: 'provider',
      providerUrl: fake.url,
    });
    fake.reset();
    const token = await provider.mint({ config: config(), secrets, ...(preview ? { approved: preview } : {}) });
    // No second nonce fetch: the approved nonce is what gets signed.
    expect(fake.requests.map((r) => r.path)).toEqual(['/api/services/createAuthToken']);
    expect(fake.requests[0]?.query.get('signature')).toBe(vectors.provider.find((x) => x.nonce === '137')?.signature);
    expect(fake.tokenStatus(token.value, ADDRESS)).toBe('valid');
  });

  it('refuses a preview that is not this account\'s', async () => {
    const preview = await provider.previewMint?.({ config: config(), secrets, expiresAt: VECTOR_EXPIRATION * 1000 });
    if (!preview) throw new Error('no preview');
    const err = await rejectionOf(provider.mint({ config: config(), secrets, approved: { ...preview, message: `${ADDRESS}999` } }));
    expect(err.code).toBe('BAD_ARGUMENT');
  });

  it('reads nonces above 2^53 exactly, as JSON numbers too', async () => {
    fake.behaviour.nonceShape = 'number';
    fake.setNonce(ADDRESS, '123456789012345678901.9');
    const preview = await provider.previewMint?.({ config: config(), secrets, expiresAt: VECTOR_EXPIRATION * 1000 });
    expect(preview?.nonce).toBe('123456789012345678902');
    await provider.mint({ config: config(), secrets, ...(preview ? { approved: preview } : {}) });
  });

  describe('expiration seconds are never reused (re-minting a revoked pair un-revokes it)', () => {
    it('moves to the next unused second and records it before sending', async () => {
      const first = await mint();
      const second = await mint();
      expect(first.expiresAt).toBe(VECTOR_EXPIRATION * 1000);
      expect(second.expiresAt).toBe((VECTOR_EXPIRATION + 1) * 1000);
      expect(ledger.toJSON()).toEqual({ [`${fake.url}|${ADDRESS}`]: [VECTOR_EXPIRATION, VECTOR_EXPIRATION + 1] });
    });

    it('a failed mint still uses up its second (the server may have minted before we lost the answer)', async () => {
      fake.failNext({ status: 503, body: { error: 'boom', context: {} }, match: { path: '/api/services/createAuthToken' } });
      expect((await rejectionOf(mint())).code).toBe('SERVER_ERROR');
      expect(ledger.has(fake.url, ADDRESS, VECTOR_EXPIRATION)).toBe(true);
      expect((await mint()).expiresAt).toBe((VECTOR_EXPIRATION + 1) * 1000);
    });

    it('after revoke, a new mint for the same wanted time cannot resurrect the revoked token', async () => {
      const token = await mint();
      expect(await provider.revoke({ config: config(), secrets, token })).toBe('revoked');
      expect(fake.tokenStatus(token.value, ADDRESS)).toBe('Token is deleted.');
      const again = await mint();
      expect(again.value).not.toBe(token.value);
      expect(fake.tokenStatus(token.value, ADDRESS)).toBe('Token is deleted.');
    });

    it('the fake reproduces the quirk: the same pair minted again is un-revoked', async () => {
      const token = await mint();
      await provider.revoke({ config: config(), secrets, token });
      const replay = fake.requests.find((r) => r.path === '/api/services/createAuthToken');
      const res = await fetch(`${fake.url}${replay?.target ?? ''}`);
      expect(((await res.json()) as { token: string }).token).toBe(token.value);
      expect(fake.tokenStatus(token.value, ADDRESS)).toBe('valid');
    });
  });

  describe('revoke', () => {
    it('sends DELETE with a JSON body (signature never in a header) and a fresh nonce signature', async () => {
      const token = await mint();
      fake.reset();
      expect(await provider.revoke({ config: config(), secrets, token })).toBe('revoked');
      const del = fake.requests.find((r) => r.method === 'DELETE');
      expect(del?.path).toBe('/api/services/deleteAuthToken');
      expect(del?.headers['content-type']).toBe('application/json');
      expect(del?.target).toBe('/api/services/deleteAuthToken');
      const body = JSON.parse(del?.body ?? '{}') as Record<string, string>;
      expect(Object.keys(body).sort()).toEqual(['address', 'nonce', 'signature', 'token']);
      expect(body['nonce']).toBe('2');
      expect(body['signature']).toBe(vectors.provider.find((x) => x.nonce === '2')?.signature);
    });

    it('a deleted token is already gone; an expired one too (it cannot be deleted)', async () => {
      const token = await mint();
      await provider.revoke({ config: config(), secrets, token });
      expect(await provider.revoke({ config: config(), secrets, token })).toBe('already-gone');
      const other = await mint();
      clock.jump(2 * 86_400_000);
      expect(await provider.revoke({ config: config(), secrets, token: other })).toBe('already-gone');
      expect(fake.requests.filter((r) => r.method === 'DELETE')).toHaveLength(3);
    });

    it('revokes at the URL the token was minted at, even after the account URL changed', async () => {
      const token = await mint();
      const moved = { ...config(), providerUrl: 'http://127.0.0.1:9/' };
      expect(await provider.revoke({ config: moved, secrets, token })).toBe('revoked');
    });
  });

  it('serializes requests for one (provider, address)', async () => {
    await Promise.all([mint(), mint(VECTOR_EXPIRATION * 1000 + 5000), mint()]);
    const sequence = fake.requests.filter((r) => r.path !== '/').map((r) => (r.path.endsWith('nonce') ? 'n' : 'c')).join('');
    expect(sequence).toBe('ncncnc');
    expect(Object.values(ledger.toJSON())[0]).toEqual([VECTOR_EXPIRATION, VECTOR_EXPIRATION + 1, VECTOR_EXPIRATION + 5]);
  });

  describe('every row of the error table maps to its code', () => {
    const sig = '0xdeadbeef';
    const rows: [string, number, unknown, string][] = [
      ['missing field', 400, { message: 'Validation error', errors: { address: ['The address field is required.'] }, success: false }, 'BAD_REQUEST'],
      ['expiration not digits', 400, { message: 'Validation error', errors: { expiration: ['The expiration must be an integer.'] }, success: false }, 'BAD_REQUEST'],
      ['expiration ≤ now', 400, { message: 'Validation error', errors: { expiration: ['Invalid timestamp provided.'] }, success: false }, 'BAD_REQUEST'],
      ['nonce not numeric', 400, { message: 'Validation error', errors: { nonce: ['The nonce must be a number.'] }, success: false }, 'BAD_REQUEST'],
      ['nonce below stored (string)', 400, { message: 'Validation error', errors: { signature: 'Invalid signature expected nonce (5) > current nonce (2).' }, success: false }, 'NONCE_TOO_LOW'],
      ['nonce below stored (list)', 400, { message: 'Validation error', errors: { signature: ['Invalid signature expected nonce (5) > current nonce (2).'] }, success: false }, 'NONCE_TOO_LOW'],
      ['wrong signer (string)', 400, { message: 'Validation error', errors: { signature: `Invalid signature ${sig} for ethereum address ${ADDRESS}, message ${ADDRESS} and nonce 2. Got 0x01` }, success: false }, 'SIGNATURE_REJECTED'],
      ['wrong signer (list)', 400, { message: 'Validation error', errors: { signature: [`Invalid signature ${sig} for ethereum address ${ADDRESS}, message ${ADDRESS} and nonce 2. Got 0x01`] }, success: false }, 'SIGNATURE_REJECTED'],
      ['token invalid', 400, { error: 'Token is invalid.' }, 'BAD_REQUEST'],
      ['token expired', 400, { error: 'Token is expired.' }, 'TOKEN_EXPIRED'],
      ['token deleted', 400, { error: 'Token is deleted.' }, 'ALREADY_GONE'],
      ['server fault / malformed address', 503, { error: 'bad address', context: { address: 'x' } }, 'SERVER_ERROR'],
      ['throttled', 429, { error: 'slow down' }, 'RATE_LIMITED'],
    ];
    it.each(rows)('%s → %s', async (_label, status, body, code) => {
      fake.failNext({ status, body, match: { path: '/api/services/createAuthToken' } });
      const err = await rejectionOf(mint());
      expect(err.code).toBe(code);
      expect(err.message).not.toContain(sig);
    });

    it('the fake produces the nonce and signature rows by itself', async () => {
      fake.setNonce(ADDRESS, '1');
      const preview = await provider.previewMint?.({ config: config(), secrets, expiresAt: VECTOR_EXPIRATION * 1000 });
      if (!preview) throw new Error('no preview');
      fake.setNonce(ADDRESS, '5');
      expect((await rejectionOf(provider.mint({ config: config(), secrets, approved: preview }))).code).toBe('NONCE_TOO_LOW');
      fake.behaviour.signatureErrorShape = 'list';
      expect((await rejectionOf(provider.mint({ config: config(), secrets, approved: preview }))).code).toBe('NONCE_TOO_LOW');
      const bad = await fetch(`${fake.url}/api/services/createAuthToken?address=${ADDRESS}&nonce=9&expiration=${VECTOR_EXPIRATION}&signature=${vectors.provider[0]?.signature}`);
      const body = (await bad.json()) as { errors: { signature: string[] } };
      expect(bad.status).toBe(400);
      expect(body.errors.signature[0]).toMatch(/^Invalid signature 0x5da0.* for ethereum address .* and nonce 9\. Got 0x/);
      fake.setNonce(ADDRESS, '1');
      const garbage = await fetch(`${fake.url}/api/services/deleteAuthToken`, {
        method: 'DELETE',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ address: ADDRESS, token: 'not-a-jwt', nonce: '2', signature: vectors.provider[1]?.signature }),
      });
      expect([garbage.status, await garbage.json()]).toEqual([400, { error: 'Token is invalid.' }]);
      const expect400 = async (query: string, field: string, messages: string[]): Promise<void> => {
        const res = await fetch(`${fake.url}/api/services/createAuthToken?${query}`);
        expect([res.status, await res.json()]).toEqual([400, { message: 'Validation error', errors: { [field]: messages }, success: false }]);
      };
      await expect400(`nonce=1&expiration=${VECTOR_EXPIRATION}&signature=0x`, 'address', ['The address field is required.']);
      await expect400(`address=${ADDRESS}&expiration=soon&nonce=1&signature=0x`, 'expiration', ['The expiration must be an integer.']);
      await expect400(`address=${ADDRESS}&expiration=${VECTOR_EXPIRATION}&nonce=one&signature=0x`, 'nonce', ['The nonce must be a number.']);
      const malformed = await fetch(`${fake.url}/api/services/createAuthToken?address=0xnothex&expiration=${VECTOR_EXPIRATION}&nonce=1&signature=0x`);
      expect(malformed.status).toBe(503);
      expect(await malformed.json()).toHaveProperty('error');
      const late = await fetch(`${fake.url}/api/services/createAuthToken?address=${ADDRESS}&nonce=9&expiration=${VECTOR_EXPIRATION * 1000}&signature=0x`);
      expect(await late.json()).toEqual({ message: 'Validation error', errors: { expiration: ['Invalid timestamp provided.'] }, success: false });
    });
  });
});
