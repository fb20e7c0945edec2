/**
 * A redirect to another origin is never followed, on every kind of call the app makes (the fault
 * suite's list of calls, through the real services): the error names the host it tried to send us
 * to, the other server receives nothing, and its answer can never become a verdict on a password or
 * a token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenView } from '../../../preload/contract.js';
import { startFakeAzion } from '../../fakes/fakeAzion.js';
import { startFakeServer, type FakeServer } from '../../fakes/fakeHttp.js';
import { startFakeOceanNode } from '../../fakes/fakeOceanNode.js';
import { startFakeOceanProvider } from '../../fakes/fakeOceanProvider.js';
import { TEST_KEY } from '../../fakes/vectors.js';
import { FAULT_CALLS, type FaultWorld } from '../../reliability/faultCalls.js';
import { FakeClock } from '../../support/FakeClock.js';
import { startTestServices, type TestServices } from '../../support/testServices.js';
import { TestPresence } from '../../support/TestPresence.js';
import { TEST_PASSWORD } from '../../support/vaultHarness.js';

const EMAIL = 'redirect@example.com';
const PASSWORD = 'made-up-Azion-pw-for-redirects';

describe('a redirect to another origin is refused on every call', () => {
  const clock = new FakeClock();
  let t: TestServices;
  let world: FaultWorld;
  let elsewhere: FakeServer;

  beforeAll(async () => {
    // What the other host would say: a refusal that, followed, read as "wrong password" or "token dead".
    elsewhere = await startFakeServer({ clock, handler: () => ({ status: 401, body: { detail: 'Invalid username/password.', error: 'Invalid token' } }) });
    const azion = await startFakeAzion({ clock, accounts: [{ email: EMAIL, password: PASSWORD }] });
    azion.behaviour.rateLimitPerMinute = Number.POSITIVE_INFINITY;
    const provider = await startFakeOceanProvider({ clock });
    const node = await startFakeOceanNode({ clock });
    t = await startTestServices({ clock, presence: new TestPresence(clock) });
    const { services } = t;
    await services.vault.create(TEST_PASSWORD);
    const bases = { authBase: azion.url, apiBase: azion.url, checkBase: azion.url };
    const add = async (input: Parameters<typeof services.accounts.add>[0]): Promise<string> => (await services.accounts.add(input)).id;
    // The public Hardhat/Anvil test key #0 (vectors.json): never real funds.
    const key = { type: 'hex' as const, privateKey: TEST_KEY.privateKey };
    world = {
      services,
      clock,
      azion,
      provider,
      node,
      accounts: {
        azionSession: await add({ kind: 'azion', label: 'session', email: EMAIL, password: PASSWORD, mode: 'session', ...bases }),
        azionPersonal: await add({ kind: 'azion', label: 'personal', email: EMAIL, password: PASSWORD, mode: 'personal', ...bases }),
        oceanProvider: await add({ kind: 'ocean', label: 'provider', providerUrl: provider.url, key }),
        oceanNode: await add({ kind: 'ocean', label: 'node', providerUrl: node.url, key }),
      },
    };
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([world?.azion.close(), world?.provider.close(), world?.node.close(), elsewhere?.close()]);
  });

  describe.each(FAULT_CALLS)('$name', (call) => {
    it.each([307, 302])('a %i to another host', async (status) => {
      const prepared = await call.prepare(world);
      try {
        const location = `${elsewhere.url}/api/services/deleteAuthToken?from=${encodeURIComponent(call.name)}`;
        prepared.server.failNext({ match: call.match, status, headers: { location } });
        const outcome = await prepared.run().then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error: error as { code: string; message: string } }),
        );
        await world.services.tokens.settled();
        expect(elsewhere.requests, 'the other host received nothing').toHaveLength(0);
        const host = new URL(elsewhere.url).host;
        if (call.kind === 'check') {
          // Says nothing about the token: never 'invalid'.
          expect(outcome).toEqual({ ok: true, value: 'unknown' });
          expect(world.services.vault.read().tokens.find((tk) => tk.id === prepared.tokenId)?.state).toBe('active');
        } else if (call.kind === 'revoke') {
          const view = (outcome as { value: TokenView }).value;
          expect(view.state).toBe('revoke_failed');
          expect(view.failure?.code).toBe('REDIRECT_REFUSED');
          expect(view.failure?.message).toContain(host);
        } else {
          expect(outcome.ok).toBe(false);
          const error = (outcome as { error: { code: string; message: string } }).error;
          expect(error.code).toBe('REDIRECT_REFUSED');
          expect(error.message).toContain(host);
          expect(error.message).not.toMatch(/password|deleteAuthToken/);
        }
      } finally {
        prepared.server.reset();
        await prepared.cleanup?.();
      }
    });
  });

  it('a redirect on the same server is still followed', async () => {
    world.azion.failNext({ match: { method: 'POST', path: '/tokens' }, status: 307, headers: { location: '/tokens' } });
    const view = await world.services.tokens.mint(world.accounts.azionSession, {});
    expect(view.state).toBe('active');
  });
});
