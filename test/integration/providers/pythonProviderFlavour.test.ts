import { Wallet } from 'ethers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryExpirationLedger } from '../../../main/core/providers/memoryExpirationLedger.js';
import type { OceanFlavour } from '../../../main/core/providers/ocean/oceanFlavour.js';
import { createPythonProviderFlavour } from '../../../main/core/providers/ocean/pythonProviderFlavour.js';
import type { MintedToken, SigningPreview } from '../../../main/core/providers/types.js';
import { type FakeOceanProvider, startFakeOceanProvider } from '../../fakes/fakeOceanProvider.js';
import { TEST_KEY } from '../../fakes/vectors.js';
import { FakeClock } from '../../support/FakeClock.js';
import { rejectedAppError } from '../../support/thrownAppError.js';
import { testHttp } from './support.js';

// The public Hardhat/Anvil test account #0 (vectors.json): never real funds.
const wallet = new Wallet(TEST_KEY.privateKey);
const HOUR = 3_600_000;
const CREATE = { path: '/api/services/createAuthToken' };
const DELETE = { path: '/api/services/deleteAuthToken' };

describe('Python Provider flavour, straight over HTTP', () => {
  let clock: FakeClock;
  let fake: FakeOceanProvider;
  let flavour: OceanFlavour;
  let host: string;

  beforeEach(async () => {
    clock = new FakeClock(Date.UTC(2025, 11, 31, 0, 0, 0));
    fake = await startFakeOceanProvider({ clock });
    host = new URL(fake.url).host;
    flavour = createPythonProviderFlavour({ http: testHttp(clock), clock, ledger: createMemoryExpirationLedger() });
  });
  afterEach(() => fake.close());

  const preview = (): Promise<SigningPreview> => flavour.preview({ base: fake.url, address: wallet.address, expiresAt: clock.now() + HOUR });
  const mint = async (signal?: AbortSignal): Promise<MintedToken> => flavour.mint({ base: fake.url, wallet, preview: await preview(), signal });
  const revoke = (token: MintedToken): ReturnType<OceanFlavour['revoke']> => flavour.revoke({ base: fake.url, wallet, token });

  it("passes the caller's signal to the create request: a cancelled mint sends no create", async () => {
    const p = await preview();
    const err = await rejectedAppError(flavour.mint({ base: fake.url, wallet, preview: p, signal: AbortSignal.abort() }));
    expect(err.code).toBe('CANCELLED');
    expect(fake.requests.some((r) => r.path === CREATE.path)).toBe(false);
    expect(fake.issued).toHaveLength(0);
  });

  it.each([
    ['a JSON string', '"eyJ.eyJ.sig"'],
    ['a JSON number', '5'],
    ['an array', '[]'],
    ['a token in a list', { token: ['aa.bb.cc'] }],
  ])('a create answer of %s is BAD_RESPONSE naming the provider, never a TypeError', async (_label, body) => {
    fake.failNext({ status: 200, body, match: CREATE });
    const err = await rejectedAppError(mint());
    expect(err.code).toBe('BAD_RESPONSE');
    expect(err.message).toBe(`The provider (${host}) answered without a token. Check the provider URL, then try again.`);
  });

  describe('a delete is confirmed only by the documented success text', () => {
    it.each([
      ['the documented text', 'Token has been deactivated.'],
      ['no final period', 'Token has been deactivated'],
      ['other letter case', 'TOKEN HAS BEEN DEACTIVATED.'],
      ['surrounding whitespace', '  Token has been deactivated.\n'],
    ])('%s confirms it', async (_label, success) => {
      const token = await mint();
      fake.failNext({ status: 200, body: { success }, match: DELETE });
      expect(await revoke(token)).toBe('revoked');
    });

    it.each([
      ['success true', { success: true }],
      ['success in a list', { success: ['Token has been deactivated.'] }],
      ['a text that only ends with the phrase', { success: 'No token has been deactivated.' }],
      ['a text that only starts with the phrase', { success: 'Token has been deactivated... not. Retry.' }],
      ['two periods', { success: 'Token has been deactivated..' }],
      ['null', 'null'],
      ['a JSON string', '"Token has been deactivated."'],
      ['an array', '["Token has been deactivated."]'],
      ['not JSON', '<html>ok</html>'],
    ])('%s is unconfirmed: BAD_RESPONSE, retryable, naming the provider and saying to retry', async (_label, body) => {
      const token = await mint();
      fake.failNext({ status: 200, body, match: DELETE });
      const err = await rejectedAppError(revoke(token));
      expect(err.code).toBe('BAD_RESPONSE');
      expect(err.retryable).toBe(true);
      expect(err.message).toContain(`The provider (${host}) answered the revoke without confirming it`);
      expect(err.message).toContain('Retry the revoke');
      expect(fake.revoked()).toEqual([]);
    });
  });
});
