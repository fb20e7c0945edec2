import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryExpirationLedger } from '../../../../main/core/providers/memoryExpirationLedger.js';
import { createProviderRegistry } from '../../../../main/core/providers/providerRegistry.js';
import type { AzionSecrets } from '../../../../main/core/vault/vaultRecords.js';
import { type FakeAzion, startFakeAzion } from '../../../fakes/fakeAzion.js';
import { FakeClock } from '../../../support/FakeClock.js';
import { azionConfig, rejectionOf, testHttp, waitUntil } from '../../../integration/providers/support.js';

const EMAIL = 'ops@example.com';
const PASSWORD = 'pw-Zebra-Quartz-91';
const secrets: AzionSecrets = { kind: 'azion', password: PASSWORD };

describe('provider registry', () => {
  let clock: FakeClock;
  let azion: FakeAzion;
  const slept: number[] = [];
  const sleep = async (ms: number): Promise<void> => {
    slept.push(ms);
  };

  beforeEach(async () => {
    clock = new FakeClock(Date.UTC(2025, 11, 31));
    azion = await startFakeAzion({ clock, accounts: [{ email: EMAIL, password: PASSWORD }] });
    slept.length = 0;
  });
  afterEach(() => azion.close());

  it('builds each provider once', () => {
    const registry = createProviderRegistry({ http: testHttp(clock), clock, ledger: createMemoryExpirationLedger() });
    expect(registry('azion')).toBe(registry('azion'));
    expect(registry('ocean')).toBe(registry('ocean'));
    expect(registry('azion')).not.toBe(registry('ocean'));
  });

  it("hands the caller's sleep to Azion: a 429 with Retry-After is waited through it", async () => {
    const registry = createProviderRegistry({ http: testHttp(clock), clock, ledger: createMemoryExpirationLedger(), sleep });
    azion.throttleNext({ retryAfterSeconds: 2 });
    const minted = registry('azion').mint({ config: azionConfig(azion.url, EMAIL), secrets });
    // With the clock's own sleep instead, the retry would wait for a clock nobody moves.
    await waitUntil(() => azion.requests.length >= 2);
    expect(slept).toEqual([2000]);
    expect((await minted).kind).toBe('azion-session');
  });

  it("hands the caller's rate-limit policy to Azion: a wait beyond its cap is not waited", async () => {
    const registry = createProviderRegistry({ http: testHttp(clock), clock, ledger: createMemoryExpirationLedger(), sleep, rateLimit: { maxRetries: 2, maxWaitMs: 1_000 } });
    azion.throttleNext({ retryAfterSeconds: 2 });
    const err = await rejectionOf(registry('azion').mint({ config: azionConfig(azion.url, EMAIL), secrets }));
    expect(err.code).toBe('RATE_LIMITED');
    expect(err.retryAt).toBe(clock.now() + 2000);
    expect(slept).toEqual([]);
    expect(azion.requests).toHaveLength(1);
  });
});
