import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryExpirationLedger } from '../../../main/core/providers/memoryExpirationLedger.js';
import { createOceanProvider } from '../../../main/core/providers/ocean/oceanProvider.js';
import type { Provider } from '../../../main/core/providers/types.js';
import type { OceanSecrets } from '../../../main/core/vault/vaultRecords.js';
import { type FakeOceanNode, startFakeOceanNode } from '../../fakes/fakeOceanNode.js';
import { TEST_KEY, vectors } from '../../fakes/vectors.js';
import { FakeClock } from '../../support/FakeClock.js';
import { oceanConfig, rejectionOf, testHttp } from './support.js';

const ADDRESS = TEST_KEY.address;
const secrets: OceanSecrets = { kind: 'ocean', privateKey: TEST_KEY.privateKey };
const HOUR = 3_600_000;

describe('Ocean Node flavour against the fake node', () => {
  let clock: FakeClock;
  let fake: FakeOceanNode;
  let provider: Provider;

  beforeEach(async () => {
    clock = new FakeClock(1767225600000);
    fake = await startFakeOceanNode({ clock });
    provider = createOceanProvider({ http: testHttp(clock), clock, ledger: createMemoryExpirationLedger() });
  });
  afterEach(() => fake.close());

  const config = (): ReturnType<typeof oceanConfig> => oceanConfig(fake.url, ADDRESS);

  it('detects Ocean-Node and mints through POST /api/services/auth/token with validUntil in ms', async () => {
    const expiresAt = clock.now() + HOUR;
    const token = await provider.mint({ config: config(), secrets, expiresAt });
    const post = fake.requests.find((r) => r.path === '/api/services/auth/token');
    expect(post?.method).toBe('POST');
    const body = JSON.parse(post?.body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({ address: ADDRESS, nonce: String(clock.now()), validUntil: expiresAt });
    // The vector for this nonce: the signature over the hash's hex text.
    expect(body['signature']).toBe(vectors.oceanNode[0]?.signatureHexText);
    expect(token).toMatchObject({ kind: 'ocean-node', expiresAt, meta: { flavour: 'node', providerUrl: fake.url, address: ADDRESS } });
    expect(fake.isTokenValid(token.value)).toBe(true);
    clock.jump(HOUR + 1);
    expect(fake.isTokenValid(token.value)).toBe(false);
  });

  it('signs the hex text, so a hash starting with a zero byte is accepted (vector nonce 1767225600210)', async () => {
    const v = vectors.oceanNode.find((x) => x.hashHasLeadingZeroByte);
    clock = new FakeClock(Number(v?.nonce));
    await fake.close();
    fake = await startFakeOceanNode({ clock });
    provider = createOceanProvider({ http: testHttp(clock), clock, ledger: createMemoryExpirationLedger() });
    const preview = await provider.previewMint?.({ config: config(), secrets, expiresAt: clock.now() + HOUR });
    expect(preview).toMatchObject({ nonce: v?.nonce, message: v?.message, flavour: 'node' });
    const token = await provider.mint({ config: config(), secrets, ...(preview ? { approved: preview } : {}) });
    expect(JSON.parse(fake.requests.at(-1)?.body ?? '{}')['signature']).toBe(v?.signatureHexText);
    expect(fake.isTokenValid(token.value)).toBe(true);
  });

  it('uses strictly increasing nonces across mints and revokes, above the stored one', async () => {
    fake.setNonce(ADDRESS, clock.now() + 500);
    const a = await provider.mint({ config: config(), secrets, expiresAt: clock.now() + HOUR });
    const b = await provider.mint({ config: config(), secrets, expiresAt: clock.now() + HOUR });
    expect(await provider.revoke({ config: config(), secrets, token: a })).toBe('revoked');
    expect(fake.isTokenValid(a.value)).toBe(false);
    expect(fake.isTokenValid(b.value)).toBe(true);
    const nonces = fake.nonceChecks.map((c) => c.nonce);
    expect(fake.nonceChecks.every((c) => c.valid)).toBe(true);
    expect(nonces[0]).toBe(clock.now() + 501);
    expect(nonces).toEqual([...nonces].sort((x, y) => x - y));
    expect(new Set(nonces).size).toBe(3);
    expect(fake.nonceChecks.map((c) => c.command)).toEqual(['createAuthToken', 'createAuthToken', 'invalidateAuthToken']);
  });

  it('revoke signs the invalidateAuthToken message (vector nonce 1767225600001); a node with a fixed invalidate route accepts it', async () => {
    fake.behaviour.strictInvalidate = true;
    const token = await provider.mint({ config: config(), secrets, expiresAt: clock.now() + HOUR });
    expect(await provider.revoke({ config: config(), secrets, token })).toBe('revoked');
    const post = fake.requests.at(-1);
    expect(post?.path).toBe('/api/services/auth/token/invalidate');
    const body = JSON.parse(post?.body ?? '{}') as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['address', 'nonce', 'signature', 'token']);
    const v = vectors.oceanNode.find((x) => x.command === 'invalidateAuthToken');
    expect(body['nonce']).toBe(v?.nonce);
    expect(body['signature']).toBe(v?.signatureHexText);
    expect(fake.isTokenValid(token.value)).toBe(false);
  });

  it('an explicit flavour skips detection; a server that is neither flavour is UNSUPPORTED_PROVIDER', async () => {
    await provider.mint({ config: oceanConfig(fake.url, ADDRESS, 'node'), secrets, expiresAt: clock.now() + HOUR });
    expect(fake.requests.some((r) => r.path === '/')).toBe(false);
    fake.failNext({ status: 200, body: '<html>a web page</html>', match: { path: '/' } });
    const err = await rejectionOf(provider.mint({ config: config(), secrets, expiresAt: clock.now() + HOUR }));
    expect(err.code).toBe('UNSUPPORTED_PROVIDER');
  });

  it('a preview made stale by another operation fails as NONCE_TOO_LOW (the node consumed a higher nonce)', async () => {
    const preview = await provider.previewMint?.({ config: config(), secrets, expiresAt: clock.now() + HOUR });
    if (!preview) throw new Error('no preview');
    fake.setNonce(ADDRESS, Number(preview.nonce));
    const err = await rejectionOf(provider.mint({ config: config(), secrets, approved: preview }));
    expect(err.code).toBe('NONCE_TOO_LOW');
  });

  describe('every row of the node error table maps to its code', () => {
    const rows: [string, number, unknown, string][] = [
      ['missing parameters', 400, { error: 'Missing required parameters' }, 'BAD_REQUEST'],
      ['nonce not above stored', 401, { error: 'nonce: 5 is not a valid nonce' }, 'NONCE_TOO_LOW'],
      ['bad signature', 401, { error: 'consumer address and nonce signature mismatch' }, 'SIGNATURE_REJECTED'],
      ['rate limit', 403, { error: 'Rate limit exceeded' }, 'RATE_LIMITED'],
      ['server error', 500, { error: 'Internal server error' }, 'SERVER_ERROR'],
      ['route missing (node < v1)', 404, 'Cannot POST /api/services/auth/token', 'BAD_REQUEST'],
    ];
    it.each(rows)('%s → %s', async (_label, status, body, code) => {
      fake.failNext({ status, body, match: { path: '/api/services/auth/token' } });
      const err = await rejectionOf(provider.mint({ config: config(), secrets, expiresAt: clock.now() + HOUR }));
      expect(err.code).toBe(code);
    });

    it('the fake produces bad-signature and stale-nonce refusals by itself', async () => {
      const send = (nonce: string, signature: string): Promise<Response> =>
        fetch(`${fake.url}/api/services/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ address: ADDRESS, nonce, signature }),
        });
      const v = vectors.oceanNode.find((x) => x.hashHasLeadingZeroByte);
      const raw32 = await send(v?.nonce ?? '', v?.signature32Bytes ?? '');
      expect(raw32.status).toBe(401);
      expect(await raw32.json()).toEqual({ error: 'consumer address and nonce signature mismatch' });
      const ok = await send(v?.nonce ?? '', v?.signatureHexText ?? '');
      expect(ok.status).toBe(200);
      const replay = await send(v?.nonce ?? '', v?.signatureHexText ?? '');
      expect(await replay.json()).toEqual({ error: `nonce: ${v?.nonce} is not a valid nonce` });
      fake.rateLimitNext();
      expect((await send('1', '0x')).status).toBe(403);
    });
  });
});
