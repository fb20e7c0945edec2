import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryExpirationLedger } from '../../../main/core/providers/memoryExpirationLedger.js';
import { createOceanProvider } from '../../../main/core/providers/ocean/oceanProvider.js';
import type { MintedToken, Provider, SigningPreview } from '../../../main/core/providers/types.js';
import type { AzionSecrets, OceanSecrets } from '../../../main/core/vault/vaultRecords.js';
import type { FakeServer } from '../../fakes/fakeHttp.js';
import { startSwitchableServer } from '../../fakes/switchableServer.js';
import { type FakeOceanNode, startFakeOceanNode } from '../../fakes/fakeOceanNode.js';
import { type FakeOceanProvider, startFakeOceanProvider } from '../../fakes/fakeOceanProvider.js';
import { TEST_KEY } from '../../fakes/vectors.js';
import { FakeClock } from '../../support/FakeClock.js';
import { azionConfig, oceanConfig, rejectionOf, testHttp, waitUntil } from './support.js';

// 2026-01-01T00:00:00Z, the vectors' expiration; the clock starts the day before.
const EXPIRES_AT = 1767225600 * 1000;
const ADDRESS = TEST_KEY.address;
const secrets: OceanSecrets = { kind: 'ocean', privateKey: TEST_KEY.privateKey };
const azionSecrets: AzionSecrets = { kind: 'azion', password: 'not-an-ocean-key' };
const NONCE = { path: '/api/services/nonce' };
const CREATE = { path: '/api/services/createAuthToken' };
const HOME = { method: 'GET', path: '/' };
const countHome = (server: FakeServer): number => server.requests.filter((r) => r.path === '/').length;

/** Whether `p` settles within a bounded number of event-loop turns (I/O included, no clock), without hanging the test. */
async function settles(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  try {
    await waitUntil(() => done);
    return true;
  } catch {
    return false;
  }
}

describe('the Ocean provider around its flavours', () => {
  let clock: FakeClock;
  let fake: FakeOceanProvider;
  let provider: Provider;

  beforeEach(async () => {
    clock = new FakeClock(Date.UTC(2025, 11, 31, 12, 0, 0));
    fake = await startFakeOceanProvider({ clock });
    provider = createOceanProvider({ http: testHttp(clock), clock, ledger: createMemoryExpirationLedger() });
  });
  afterEach(() => fake.close());

  const config = (url = fake.url): ReturnType<typeof oceanConfig> => oceanConfig(url, ADDRESS);
  const mint = (expiresAt = EXPIRES_AT): Promise<MintedToken> => provider.mint({ config: config(), secrets, expiresAt });
  const preview = async (): Promise<SigningPreview> => {
    const p = await provider.previewMint?.({ config: config(), secrets, expiresAt: EXPIRES_AT });
    if (!p) throw new Error('no preview');
    return p;
  };

  it('is the provider of Ocean accounts', () => {
    expect(provider.kind).toBe('ocean');
  });

  describe('only Ocean accounts, with Ocean keys', () => {
    const refusals: [string, () => Promise<unknown>][] = [
      ['preview, an Azion account with an Ocean key', () => provider.previewMint!({ config: azionConfig(fake.url, 'a@b.c'), secrets })],
      ['preview, an Ocean account with Azion secrets', () => provider.previewMint!({ config: config(), secrets: azionSecrets })],
      ['mint, an Azion account with an Ocean key', () => provider.mint({ config: azionConfig(fake.url, 'a@b.c'), secrets })],
      ['mint, an Ocean account with Azion secrets', () => provider.mint({ config: config(), secrets: azionSecrets })],
      ['mint, Azion through and through', () => provider.mint({ config: azionConfig(fake.url, 'a@b.c'), secrets: azionSecrets })],
      [
        'revoke, an Ocean account with Azion secrets',
        () => provider.revoke({ config: config(), secrets: azionSecrets, token: { kind: 'ocean-provider', value: 'a.b.c', expiresAt: EXPIRES_AT } }),
      ],
      [
        'revoke, an Azion account with an Ocean key',
        () => provider.revoke({ config: azionConfig(fake.url, 'a@b.c'), secrets, token: { kind: 'ocean-provider', value: 'a.b.c', expiresAt: EXPIRES_AT } }),
      ],
    ];
    it.each(refusals)('%s is BAD_ARGUMENT, nothing sent', async (_name, call) => {
      const error = await rejectionOf(call());
      expect(error.code).toBe('BAD_ARGUMENT');
      expect(error.message).toBe('That account is not an Ocean account.');
      expect(fake.requests).toHaveLength(0);
    });

    it.each(['azion-session', 'azion-personal'] as const)('revoking an %s token is BAD_ARGUMENT, nothing sent', async (kind) => {
      const error = await rejectionOf(provider.revoke({ config: config(), secrets, token: { kind, value: 'a.b.c', expiresAt: EXPIRES_AT } }));
      expect(error.code).toBe('BAD_ARGUMENT');
      expect(error.message).toBe('That token does not belong to an Ocean account.');
      expect(fake.requests).toHaveLength(0);
    });
  });

  it('revokes a token that carries no meta at the account\'s URL', async () => {
    const token = await mint();
    const { meta: _meta, ...bare } = token;
    expect(await provider.revoke({ config: config(`${fake.url}/`), secrets, token: bare })).toBe('revoked');
    expect(fake.tokenStatus(token.value, ADDRESS)).toBe('Token is deleted.');
  });

  it('an approved preview made for the other flavour is refused before anything is sent', async () => {
    const approved = await preview();
    const from = fake.requests.length;
    const error = await rejectionOf(provider.mint({ config: config(), secrets, approved: { ...approved, flavour: 'node' } }));
    expect(error.code).toBe('BAD_ARGUMENT');
    expect(error.message).toBe('The approved signing request was made for another kind of server. Preview again.');
    expect(fake.requests.slice(from)).toHaveLength(0);
  });

  describe('a failed mint asks the home page again only when it was refused as a bad request', () => {
    const nodeHome = { match: HOME, status: 200, body: { software: 'Ocean-Node' } };

    it.each([
      ['SERVER_ERROR', { status: 503, body: { error: 'boom', context: {} } }],
      ['RATE_LIMITED', { status: 429, body: { error: 'slow down' } }],
      ['NONCE_TOO_LOW', { status: 400, body: { message: 'Validation error', errors: { signature: 'Invalid signature expected nonce (5) > current nonce (2).' }, success: false } }],
      ['TOKEN_EXPIRED', { status: 400, body: { error: 'Token is expired.' } }],
    ] as const)('%s is left as it is, the home page not asked', async (code, answer) => {
      await mint();
      expect(countHome(fake)).toBe(1);
      fake.failNext({ ...answer, match: CREATE });
      fake.failNext(nodeHome); // would say "changed kind", if it were asked
      const error = await rejectionOf(mint(EXPIRES_AT + 60_000));
      expect(error.code).toBe(code);
      expect(countHome(fake)).toBe(1);
    });

    it('BAD_REQUEST with the home page still a Provider stays BAD_REQUEST (asked again, not from the cache)', async () => {
      await mint();
      fake.failNext({ status: 400, body: { error: 'Token is invalid.' }, match: CREATE });
      const error = await rejectionOf(mint(EXPIRES_AT + 60_000));
      expect(error.code).toBe('BAD_REQUEST');
      expect(countHome(fake)).toBe(2);
    });

    it('BAD_REQUEST with the home page down keeps the original error', async () => {
      await mint();
      fake.failNext({ status: 400, body: { error: 'Token is invalid.' }, match: CREATE });
      fake.failNext({ match: HOME, status: 503, body: { error: 'maintenance' } });
      const error = await rejectionOf(mint(EXPIRES_AT + 60_000));
      expect(error.code).toBe('BAD_REQUEST');
      expect(countHome(fake)).toBe(2);
      // Nothing was learnt from the failed look: the next mint is still a Provider's.
      expect((await mint(EXPIRES_AT + 120_000)).kind).toBe('ocean-provider');
    });

    it('BAD_REQUEST with the home page now a Node is PROVIDER_CHANGED, although this process had it cached as a Provider', async () => {
      await mint();
      fake.failNext({ status: 400, body: { error: 'Token is invalid.' }, match: CREATE });
      fake.failNext(nodeHome);
      const error = await rejectionOf(mint(EXPIRES_AT + 60_000));
      expect(error.code).toBe('PROVIDER_CHANGED');
      expect(error.message).toContain(`The server at ${new URL(fake.url).host} is now an Ocean Node; it was an Ocean Provider`);
    });
  });

  describe('operations for different (provider URL, address) pairs do not wait for each other', () => {
    let other: FakeOceanProvider;
    beforeEach(async () => {
      other = await startFakeOceanProvider({ clock });
    });
    afterEach(() => other.close());

    /** Starts `held` against `fake` with its nonce request held, then checks `free` against `other` completes meanwhile. */
    async function whileHeld(held: (signal: AbortSignal) => Promise<unknown>, free: () => Promise<unknown>): Promise<void> {
      const controller = new AbortController();
      fake.delayNext({ ms: Infinity, match: NONCE });
      const from = fake.requests.length;
      const holding = held(controller.signal);
      await fake.waitForRequest(NONCE, from);
      const freed = free();
      expect(await settles(freed), 'the other pair waited for the held one').toBe(true);
      await freed;
      controller.abort();
      expect((await rejectionOf(holding)).code).toBe('CANCELLED');
    }

    it('previews', async () => {
      await whileHeld(
        (signal) => provider.previewMint!({ config: config(), secrets, expiresAt: EXPIRES_AT, signal }),
        () => provider.previewMint!({ config: config(other.url), secrets, expiresAt: EXPIRES_AT }),
      );
    });

    it('mints', async () => {
      await whileHeld(
        (signal) => provider.mint({ config: config(), secrets, expiresAt: EXPIRES_AT, signal }),
        () => provider.mint({ config: config(other.url), secrets, expiresAt: EXPIRES_AT }),
      );
      expect(other.liveTokens()).toHaveLength(1);
    });

    it('revokes', async () => {
      const here = await mint();
      const there = await provider.mint({ config: config(other.url), secrets, expiresAt: EXPIRES_AT });
      await whileHeld(
        (signal) => provider.revoke({ config: config(), secrets, token: here, signal }),
        () => provider.revoke({ config: config(other.url), secrets, token: there }),
      );
      expect(other.tokenStatus(there.value, ADDRESS)).toBe('Token is deleted.');
    });
  });
});

describe('a Provider replaced by a Node while the app runs', () => {
  let clock: FakeClock;
  let pythonProvider: FakeOceanProvider;
  let node: FakeOceanNode;
  let backend: string;
  let url: FakeServer;

  beforeEach(async () => {
    clock = new FakeClock(Date.UTC(2025, 11, 31, 12, 0, 0));
    pythonProvider = await startFakeOceanProvider({ clock });
    node = await startFakeOceanNode({ clock });
    backend = pythonProvider.url;
    url = await startSwitchableServer(() => backend);
  });
  afterEach(async () => {
    await Promise.all([url.close(), pythonProvider.close(), node.close()]);
  });

  it('the refused mint is PROVIDER_CHANGED, and the next preview signs for the Node', async () => {
    const provider = createOceanProvider({ http: testHttp(clock), clock, ledger: createMemoryExpirationLedger() });
    const config = oceanConfig(url.url, ADDRESS);
    expect((await provider.mint({ config, secrets, expiresAt: EXPIRES_AT })).kind).toBe('ocean-provider');

    backend = node.url;
    const stale = await provider.previewMint!({ config, secrets, expiresAt: EXPIRES_AT });
    expect(stale.flavour).toBe('provider'); // this process still knows it as a Provider
    const error = await rejectionOf(provider.mint({ config, secrets, approved: stale }));
    expect(error.code).toBe('PROVIDER_CHANGED');
    expect(error.message).toContain('is now an Ocean Node; it was an Ocean Provider');

    // The old approval is now for the wrong kind of server.
    const again = await rejectionOf(provider.mint({ config, secrets, approved: stale }));
    expect(again.code).toBe('BAD_ARGUMENT');
    const fresh = await provider.previewMint!({ config, secrets, expiresAt: EXPIRES_AT });
    expect(fresh.flavour).toBe('node');
    expect((await provider.mint({ config, secrets, approved: fresh })).kind).toBe('ocean-node');
  });
});
