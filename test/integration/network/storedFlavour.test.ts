/**
 * The Ocean flavour (Provider or Node) is kept on the account after the first successful mint, so a
 * restart while the server's home page is down still mints; a server that later changed kind is
 * noticed, detected again and reported as PROVIDER_CHANGED, and the next preview signs for it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FakeServer } from '../../fakes/fakeHttp.js';
import { startSwitchableServer } from '../../fakes/switchableServer.js';
import { startFakeOceanNode, type FakeOceanNode } from '../../fakes/fakeOceanNode.js';
import { startFakeOceanProvider, type FakeOceanProvider } from '../../fakes/fakeOceanProvider.js';
import { TEST_KEY } from '../../fakes/vectors.js';
import { FakeClock } from '../../support/FakeClock.js';
import { startTestServices, type TestServices } from '../../support/testServices.js';
import { TestPresence } from '../../support/TestPresence.js';
import { TEST_PASSWORD } from '../../support/vaultHarness.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The public Hardhat/Anvil test key #0 (vectors.json): never real funds.
const KEY = { type: 'hex' as const, privateKey: TEST_KEY.privateKey };
const HOME_DOWN = { match: { method: 'GET', path: '/' }, status: 503, body: { error: 'maintenance' }, times: 1000 };

describe('the detected Ocean flavour is stored on the account', () => {
  const clock = new FakeClock();
  let provider: FakeOceanProvider;
  let node: FakeOceanNode;
  let dataDir: string;
  const running: TestServices[] = [];

  beforeAll(async () => {
    provider = await startFakeOceanProvider({ clock });
    node = await startFakeOceanNode({ clock });
  });
  afterAll(async () => {
    await Promise.all([provider?.close(), node?.close()]);
  });
  afterEach(async () => {
    for (const t of running.splice(0)) await t.close();
    provider.reset();
    node.reset();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** A fresh process on the same data directory: nothing cached in memory. */
  async function start(): Promise<TestServices> {
    for (const t of running.splice(0)) await t.close();
    const t = await startTestServices({ clock, dataDir, presence: new TestPresence(clock) });
    running.push(t);
    return t;
  }

  async function mint(t: TestServices, accountId: string): Promise<{ state: string; kind: string }> {
    const preview = await t.services.tokens.previewMint(accountId, {});
    return t.services.tokens.mint(accountId, { previewId: preview.previewId });
  }

  it.each([
    ['Provider', () => provider as FakeServer, 'provider', 'ocean-provider'],
    ['Node', () => node as FakeServer, 'node', 'ocean-node'],
  ] as const)('a restart while the %s home page is down still mints', async (_name, server, flavour, kind) => {
    dataDir = await mkdtemp(join(tmpdir(), 'tv-flavour-'));
    let t = await start();
    await t.services.vault.create(TEST_PASSWORD);
    const account = await t.services.accounts.add({ kind: 'ocean', label: 'ocean', providerUrl: server().url, key: KEY });
    expect(account.config).toMatchObject({ flavour: 'auto' });
    await mint(t, account.id);
    expect((await t.services.accounts.list())[0]?.config).toMatchObject({ flavour });
    expect(t.events.some((e) => e.type === 'accounts-changed' && e.accounts[0]?.config.kind === 'ocean' && e.accounts[0].config.flavour === flavour)).toBe(true);

    t = await start();
    await t.services.vault.unlock(TEST_PASSWORD);
    server().failNext(HOME_DOWN);
    const from = server().requests.length;
    const view = await mint(t, account.id);
    expect(view).toMatchObject({ state: 'active', kind });
    expect(server().requests.slice(from).filter((r) => r.path === '/'), 'the home page was not needed').toHaveLength(0);
  });

  it('a server that changed kind is detected again, reported clearly, and the next preview signs for it', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tv-flavour-'));
    let backend = provider.url;
    const url = await startSwitchableServer(() => backend);
    try {
      let t = await start();
      await t.services.vault.create(TEST_PASSWORD);
      const account = await t.services.accounts.add({ kind: 'ocean', label: 'ocean', providerUrl: url.url, key: KEY });
      expect(await mint(t, account.id)).toMatchObject({ kind: 'ocean-provider' });

      // The operator replaces the Provider with an Ocean Node at the same URL; the app restarts.
      backend = node.url;
      t = await start();
      await t.services.vault.unlock(TEST_PASSWORD);
      const preview = await t.services.tokens.previewMint(account.id, {});
      expect(preview.flavour).toBe('provider');
      const err = await t.services.tokens.mint(account.id, { previewId: preview.previewId }).then(
        () => undefined,
        (e: unknown) => e as { code: string; message: string },
      );
      expect(err?.code).toBe('PROVIDER_CHANGED');
      expect(err?.message).toMatch(/now an Ocean Node; it was an Ocean Provider/);
      expect(err?.message).toContain(new URL(url.url).host);

      const again = await t.services.tokens.previewMint(account.id, {});
      expect(again.flavour).toBe('node');
      expect(await t.services.tokens.mint(account.id, { previewId: again.previewId })).toMatchObject({ kind: 'ocean-node', state: 'active' });
      expect((await t.services.accounts.list())[0]?.config).toMatchObject({ flavour: 'node' });
    } finally {
      await url.close();
    }
  });
});
