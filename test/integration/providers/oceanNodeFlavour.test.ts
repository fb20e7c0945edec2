import { id, verifyMessage, Wallet } from 'ethers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OceanFlavour } from '../../../main/core/providers/ocean/oceanFlavour.js';
import { createOceanNodeFlavour } from '../../../main/core/providers/ocean/oceanNodeFlavour.js';
import type { MintedToken, SigningPreview } from '../../../main/core/providers/types.js';
import { type FakeOceanNode, startFakeOceanNode } from '../../fakes/fakeOceanNode.js';
import { signJwt } from '../../fakes/jwtHs256.js';
import { TEST_KEY } from '../../fakes/vectors.js';
import { FakeClock } from '../../support/FakeClock.js';
import { rejectedAppError } from '../../support/thrownAppError.js';
import { testHttp } from './support.js';

// The public Hardhat/Anvil test account #0 (vectors.json): never real funds.
const wallet = new Wallet(TEST_KEY.privateKey);
const ADDRESS = wallet.address;
const HOUR = 3_600_000;
const START = 1767225600000;
const TOKEN_ROUTE = { path: '/api/services/auth/token' };
const INVALIDATE_ROUTE = { path: '/api/services/auth/token/invalidate' };
const NONCE_ROUTE = { path: '/api/services/nonce' };

function bodyOf(fake: FakeOceanNode, path: string): Record<string, unknown> {
  const req = fake.requests.filter((r) => r.path === path).at(-1);
  return JSON.parse(req?.body ?? '{}') as Record<string, unknown>;
}

describe('Ocean Node flavour, straight over HTTP', () => {
  let clock: FakeClock;
  let fake: FakeOceanNode;
  let flavour: OceanFlavour;
  let host: string;

  const start = async (serverClock: FakeClock = clock): Promise<void> => {
    fake = await startFakeOceanNode({ clock: serverClock });
    host = new URL(fake.url).host;
    flavour = createOceanNodeFlavour({ http: testHttp(clock), clock });
  };

  beforeEach(async () => {
    clock = new FakeClock(START);
    await start();
  });
  afterEach(() => fake.close());

  const preview = (): Promise<SigningPreview> => flavour.preview({ base: fake.url, address: ADDRESS, expiresAt: clock.now() + HOUR });
  const mint = async (p?: SigningPreview): Promise<MintedToken> => flavour.mint({ base: fake.url, wallet, preview: p ?? (await preview()) });
  const revoke = (token: MintedToken): ReturnType<OceanFlavour['revoke']> => flavour.revoke({ base: fake.url, wallet, token });

  describe('what the node receives', () => {
    it('mint POSTs address, nonce, validUntil in ms and a signature over the hex text of the createAuthToken hash', async () => {
      const p = await preview();
      expect(p).toEqual({
        address: ADDRESS,
        nonce: String(START),
        message: `${ADDRESS}${START}createAuthToken`,
        expiresAt: START + HOUR,
        flavour: 'node',
        providerUrl: fake.url,
      });
      const token = await mint(p);
      const post = fake.requests.find((r) => r.path === TOKEN_ROUTE.path);
      expect(post?.method).toBe('POST');
      const body = bodyOf(fake, TOKEN_ROUTE.path);
      expect(Object.keys(body).sort()).toEqual(['address', 'nonce', 'signature', 'validUntil']);
      expect(body).toMatchObject({ address: ADDRESS, nonce: String(START), validUntil: START + HOUR });
      expect(verifyMessage(id(p.message), String(body['signature']))).toBe(ADDRESS);
      expect(fake.nonceOf(ADDRESS)).toBe(START);
      // The node's JWT has no exp: the expiry is the validUntil we sent, and the node honours it.
      expect(token).toEqual({ kind: 'ocean-node', value: token.value, createdAt: START, expiresAt: START + HOUR, meta: { flavour: 'node', providerUrl: fake.url, address: ADDRESS } });
      expect(fake.tokens()[0]?.validUntil).toBe(START + HOUR);
    });

    it('revoke POSTs the token with the next nonce, signed over the invalidateAuthToken message, and the node confirms it', async () => {
      const token = await mint();
      expect(await revoke(token)).toBe('revoked');
      const post = fake.requests.at(-1);
      expect(post).toMatchObject({ method: 'POST', path: INVALIDATE_ROUTE.path });
      const body = bodyOf(fake, INVALIDATE_ROUTE.path);
      expect(Object.keys(body).sort()).toEqual(['address', 'nonce', 'signature', 'token']);
      expect(body).toMatchObject({ address: ADDRESS, nonce: String(START + 1), token: token.value });
      expect(verifyMessage(id(`${ADDRESS}${START + 1}invalidateAuthToken`), String(body['signature']))).toBe(ADDRESS);
      expect(fake.isTokenValid(token.value)).toBe(false);
    });
  });

  describe('nonces', () => {
    it('a mint the node did not take still counts as sent: the next preview is one above it, with the clock unmoved', async () => {
      const first = await preview();
      fake.failNext({ status: 500, body: { error: 'Internal server error' }, match: TOKEN_ROUTE });
      expect((await rejectedAppError(mint(first))).code).toBe('SERVER_ERROR');
      expect(fake.nonceOf(ADDRESS)).toBe(0);
      const second = await preview();
      expect(second.nonce).toBe(String(START + 1));
      await mint(second);
      expect(fake.nonceChecks.map((c) => [c.nonce, c.valid])).toEqual([[START + 1, true]]);
    });

    it('a revoke the node refused still counts as sent', async () => {
      const token = await mint();
      fake.failNext({ status: 500, body: { error: 'Internal server error' }, match: INVALIDATE_ROUTE });
      expect((await rejectedAppError(revoke(token))).code).toBe('SERVER_ERROR');
      expect(fake.nonceOf(ADDRESS)).toBe(START);
      expect((await preview()).nonce).toBe(String(START + 2));
    });

    it('minting an older preview after a newer one does not lower the next nonce', async () => {
      const older = await preview();
      clock.jump(1000);
      const newer = await preview();
      expect(newer.nonce).toBe(String(START + 1000));
      fake.failNext({ status: 500, body: { error: 'busy' }, match: TOKEN_ROUTE, times: 2 });
      await rejectedAppError(mint(newer));
      await rejectedAppError(mint(older));
      expect((await preview()).nonce).toBe(String(START + 1001));
    });

    it('a stored nonce above now wins: stored + 1', async () => {
      fake.setNonce(ADDRESS, START + 5000);
      expect((await preview()).nonce).toBe(String(START + 5001));
    });

    it('a stored nonce one below 2^53 - 1 still gives a usable nonce, 2^53 - 1 itself', async () => {
      fake.setNonce(ADDRESS, Number.MAX_SAFE_INTEGER - 1);
      const p = await preview();
      expect(p.nonce).toBe(String(Number.MAX_SAFE_INTEGER));
      await mint(p);
      expect(fake.nonceOf(ADDRESS)).toBe(Number.MAX_SAFE_INTEGER);
    });

    it.each([
      ['2^53 - 1 stored', { nonce: String(Number.MAX_SAFE_INTEGER) }],
      ['a nonce beyond 2^53, as a JSON number', '{"nonce": 9007199254740993}'],
    ])('%s: BAD_RESPONSE that says what to do, and nothing is signed or sent', async (_label, body) => {
      fake.failNext({ status: 200, body, match: NONCE_ROUTE });
      const err = await rejectedAppError(preview());
      expect(err.code).toBe('BAD_RESPONSE');
      expect(err.message).toBe('The Ocean Node stores a nonce too large to continue safely for this address. Use another key or ask the node operator.');
      expect(fake.requests.map((r) => r.path)).toEqual([NONCE_ROUTE.path]);
    });
  });

  describe('what a mint answer must hold', () => {
    it.each([
      ['null', 'null'],
      ['a JSON string', '"eyJ.eyJ.sig"'],
      ['a JSON number', '5'],
      ['an array', '[]'],
      ['no token field', { ok: true }],
      ['a null token', { token: null }],
      ['a number token', { token: 5 }],
      ['a token in a list', { token: ['aa.bb.cc'] }],
      ['a token that is not a JWT', { token: 'not-a-jwt' }],
    ])('%s is BAD_RESPONSE naming the node, never a TypeError', async (_label, body) => {
      fake.failNext({ status: 200, body, match: TOKEN_ROUTE });
      const err = await rejectedAppError(mint());
      expect(err.code).toBe('BAD_RESPONSE');
      expect(err.message).toBe(`The Ocean Node (${host}) answered without a token. Check the node URL, then try again.`);
    });

    it('a body that is not JSON is BAD_RESPONSE', async () => {
      fake.failNext({ status: 200, body: '<html>proxy</html>', match: TOKEN_ROUTE });
      expect((await rejectedAppError(mint())).code).toBe('BAD_RESPONSE');
    });

    it("createdAt is the node's, from its JWT, when the node's clock differs from ours", async () => {
      await fake.close();
      const nodeClock = new FakeClock(START - 7_000);
      await start(nodeClock);
      const token = await mint();
      expect(token.createdAt).toBe(START - 7_000);
      expect(token.expiresAt).toBe(START + HOUR);
    });

    it.each([
      ['no createdAt', signJwt({ address: ADDRESS }, 'k')],
      ['a string createdAt', signJwt({ address: ADDRESS, createdAt: String(START - 7_000) }, 'k')],
      ['a payload that is not JSON', 'eyJhbGciOiJIUzI1NiJ9.bm90LWpzb24.c2ln'],
    ])('a JWT with %s is created now, by our clock', async (_label, jwt) => {
      fake.failNext({ status: 200, body: { token: jwt }, match: TOKEN_ROUTE });
      const token = await mint();
      expect(token).toMatchObject({ value: jwt, createdAt: START, expiresAt: START + HOUR });
    });
  });

  describe('what a revoke answer must hold', () => {
    it.each([
      [401, { error: 'Invalid signature' }, 'SIGNATURE_REJECTED'],
      [500, { error: 'Internal server error' }, 'SERVER_ERROR'],
      [404, { success: true }, 'BAD_REQUEST'],
    ])('HTTP %s goes to the error mapping (%j → %s), even with a success body', async (status, body, code) => {
      const token = await mint();
      fake.failNext({ status, body, match: INVALIDATE_ROUTE });
      expect((await rejectedAppError(revoke(token))).code).toBe(code);
    });

    it.each([
      ['success false', { success: false }],
      ['success as a string', { success: 'true' }],
      ['an error body', { error: 'Invalid token' }],
      ['null', 'null'],
      ['an array', '[true]'],
      ['a JSON string', '"success"'],
      ['not JSON', '<html>ok</html>'],
    ])('a 200 with %s is unconfirmed: BAD_RESPONSE, retryable, naming the node and saying to retry', async (_label, body) => {
      const token = await mint();
      fake.failNext({ status: 200, body, match: INVALIDATE_ROUTE });
      const err = await rejectedAppError(revoke(token));
      expect(err.code).toBe('BAD_RESPONSE');
      expect(err.retryable).toBe(true);
      expect(err.message).toContain(`The Ocean Node (${host}) answered the revoke without confirming it`);
      expect(err.message).toContain('Retry the revoke');
    });

    it('an already invalidated token is confirmed again by the node', async () => {
      const token = await mint();
      expect(await revoke(token)).toBe('revoked');
      expect(await revoke(token)).toBe('revoked');
      expect(fake.nonceChecks.map((c) => c.valid)).toEqual([true, true, true]);
    });
  });
});
