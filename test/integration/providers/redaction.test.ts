import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../main/core/errors.js';
import { createMemoryExpirationLedger } from '../../../main/core/providers/memoryExpirationLedger.js';
import { createProviderRegistry } from '../../../main/core/providers/providerRegistry.js';
import type { ProviderRegistry } from '../../../main/core/providers/providerRegistry.js';
import type { AzionSecrets, OceanSecrets } from '../../../main/core/vault/vaultRecords.js';
import { type FakeAzion, startFakeAzion } from '../../fakes/fakeAzion.js';
import { type FakeOceanNode, startFakeOceanNode } from '../../fakes/fakeOceanNode.js';
import { type FakeOceanProvider, startFakeOceanProvider } from '../../fakes/fakeOceanProvider.js';
import { TEST_KEY } from '../../fakes/vectors.js';
import { FakeClock } from '../../support/FakeClock.js';
import { azionConfig, captureLogger, type CapturedLog, oceanConfig, testHttp } from './support.js';

const EMAIL = 'ops@example.com';
const PASSWORD = 'pw-Zebra-Quartz-91';
const HOUR = 3_600_000;

/**
 * Drives failing calls through every provider with a logger that does NOT redact, then looks for
 * every secret the test used (and its common encodings) in the log lines and the errors.
 */
describe('no secret reaches a log line or an error', () => {
  let clock: FakeClock;
  let azion: FakeAzion;
  let ocean: FakeOceanProvider;
  let node: FakeOceanNode;
  let log: CapturedLog;
  let registry: ProviderRegistry;
  const errors: unknown[] = [];
  const secrets = new Set<string>([PASSWORD, TEST_KEY.privateKey, TEST_KEY.privateKey.slice(2), Buffer.from(`${EMAIL}:${PASSWORD}`).toString('base64')]);

  beforeEach(async () => {
    clock = new FakeClock(Date.UTC(2025, 11, 31));
    azion = await startFakeAzion({ clock, accounts: [{ email: EMAIL, password: PASSWORD }] });
    ocean = await startFakeOceanProvider({ clock });
    node = await startFakeOceanNode({ clock });
    log = captureLogger();
    registry = createProviderRegistry({ http: testHttp(clock, log.logger), clock, ledger: createMemoryExpirationLedger(), sleep: async () => undefined });
    errors.length = 0;
  });
  afterEach(async () => {
    await Promise.all([azion.close(), ocean.close(), node.close()]);
  });

  const expectFailure = async (p: Promise<unknown>): Promise<void> => {
    try {
      await p;
    } catch (e) {
      expect(isAppError(e)).toBe(true);
      errors.push(e);
      return;
    }
    throw new Error('expected the call to fail');
  };

  /** Everything the servers saw that is secret: tokens, signatures, credentials. */
  const harvest = (): void => {
    for (const r of [...azion.requests, ...ocean.requests, ...node.requests]) {
      const auth = r.headers['authorization'];
      if (auth) secrets.add(auth.replace(/^(Basic|Token) /, ''));
      for (const k of ['signature', 'token']) {
        const q = r.query.get(k);
        if (q) secrets.add(q);
      }
      if (r.body.startsWith('{')) {
        const body = JSON.parse(r.body) as Record<string, unknown>;
        for (const k of ['signature', 'token']) if (typeof body[k] === 'string') secrets.add(body[k]);
      }
    }
    for (const s of azion.sessions().keys()) secrets.add(s);
    for (const t of azion.personalTokens()) secrets.add(t.key);
  };

  it('Azion: wrong password, HTML 502, throttling, echoed token, failing revokes, dead server', async () => {
    const az = registry('azion');
    const config = azionConfig(azion.url, EMAIL);
    const good: AzionSecrets = { kind: 'azion', password: PASSWORD };
    await expectFailure(az.mint({ config, secrets: { kind: 'azion', password: `${PASSWORD}x` } }));
    secrets.add(`${PASSWORD}x`);
    azion.badGatewayNext();
    await expectFailure(az.mint({ config, secrets: good }));
    azion.throttleNext({});
    await expectFailure(az.mint({ config, secrets: good }));

    const session = await az.mint({ config, secrets: good });
    azion.failNext({ status: 500, body: { detail: `token ${session.value} broke` } });
    await expectFailure(az.revoke({ config, secrets: good, token: session }));

    const personalCfg = azionConfig(azion.url, EMAIL, 'personal');
    const pat = await az.mint({ config: personalCfg, secrets: good });
    const pasted: AzionSecrets = { kind: 'azion', personalToken: pat.value };
    azion.failNext({ status: 400, body: { detail: `bad request for ${pat.value}` }, match: { path: '/iam/personal_tokens' } });
    await expectFailure(az.mint({ config: personalCfg, secrets: pasted }));
    expect((errors.at(-1) as Error).message).toContain('bad request for [redacted]');

    await azion.close();
    await expectFailure(az.revoke({ config, secrets: good, token: session }));
    harvest();
    assertClean();
  });

  it('Ocean Provider and Node: rejected signatures echoed back, server faults, failing revokes', async () => {
    const oc = registry('ocean');
    const secretsOcean: OceanSecrets = { kind: 'ocean', privateKey: TEST_KEY.privateKey };
    const pConfig = oceanConfig(ocean.url, TEST_KEY.address);
    const token = await oc.mint({ config: pConfig, secrets: secretsOcean, expiresAt: clock.now() + HOUR });
    ocean.setNonce(TEST_KEY.address, '99');
    const preview = await oc.previewMint?.({ config: pConfig, secrets: secretsOcean, expiresAt: clock.now() + HOUR });
    ocean.setNonce(TEST_KEY.address, '1000');
    if (preview) await expectFailure(oc.mint({ config: pConfig, secrets: secretsOcean, approved: preview }));
    ocean.failNext({ status: 503, body: { error: `failed for ${TEST_KEY.privateKey}`, context: {} } });
    await expectFailure(oc.mint({ config: pConfig, secrets: secretsOcean, expiresAt: clock.now() + HOUR }));
    ocean.failNext({ status: 500, body: 'oops', match: { method: 'DELETE' } });
    await expectFailure(oc.revoke({ config: pConfig, secrets: secretsOcean, token }));
    ocean.failNext({ status: 400, body: { message: 'Validation error', errors: { signature: 'Invalid signature 0xfeed for …' }, success: false }, match: { method: 'DELETE' } });
    await expectFailure(oc.revoke({ config: pConfig, secrets: secretsOcean, token }));

    const nConfig = oceanConfig(node.url, TEST_KEY.address);
    const nodeToken = await oc.mint({ config: nConfig, secrets: secretsOcean, expiresAt: clock.now() + HOUR });
    node.failNext({ status: 500, body: { error: `Error invalidating auth token: ${nodeToken.value}` } });
    await expectFailure(oc.revoke({ config: nConfig, secrets: secretsOcean, token: nodeToken }));
    await node.close();
    await expectFailure(oc.revoke({ config: nConfig, secrets: secretsOcean, token: nodeToken }));
    harvest();
    secrets.add(token.value);
    secrets.add(nodeToken.value);
    assertClean();
  });

  function assertClean(): void {
    expect(errors.length).toBeGreaterThan(3);
    expect(log.lines.length).toBeGreaterThan(5);
    const haystack = [...log.lines, ...errors.map((e) => `${(e as Error).message} ${JSON.stringify(e)} ${String(e)}`)].join('\n');
    const found = [...secrets].filter((s) => s.length >= 8 && haystack.includes(s));
    expect(found).toEqual([]);
  }
});
