/**
 * A revoke is believed only on the server's documented confirmation (ocean-provider.md §A/§B,
 * azion.md §1/§2). A 200 with a truncated or unrelated body keeps the token as revoke_failed with
 * BAD_RESPONSE, the token still works at the server, and the retry really asks the server again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAzion, type FakeAzion } from '../../fakes/fakeAzion.js';
import type { FakeServer, RequestMatch } from '../../fakes/fakeHttp.js';
import { startFakeOceanNode, type FakeOceanNode } from '../../fakes/fakeOceanNode.js';
import { startFakeOceanProvider, type FakeOceanProvider } from '../../fakes/fakeOceanProvider.js';
import { TEST_KEY } from '../../fakes/vectors.js';
import { FakeClock } from '../../support/FakeClock.js';
import { startTestServices, type TestServices } from '../../support/testServices.js';
import { TestPresence } from '../../support/TestPresence.js';
import { TEST_PASSWORD } from '../../support/vaultHarness.js';

const EMAIL = 'revoke@example.com';
const PASSWORD = 'made-up-Azion-pw-for-revoke';
const WEEK = 7 * 86_400_000;

/** Bodies a proxy, a captive portal or a cut connection can put behind a 200. */
const GARBAGE_200 = [
  { name: 'truncated JSON', body: '{"success": "Token has been deac', headers: { 'content-type': 'application/json' } },
  { name: 'unrelated JSON', body: { ok: 1 } },
  { name: 'an HTML page', body: '<html><body>Welcome to nginx!</body></html>', headers: { 'content-type': 'text/html' } },
  { name: 'an empty body', body: '' },
] as const;

describe('a revoke is revoked only when the server confirmed it', () => {
  const clock = new FakeClock();
  let t: TestServices;
  let azion: FakeAzion;
  let provider: FakeOceanProvider;
  let node: FakeOceanNode;
  const ids = { session: '', personal: '', provider: '', node: '' };

  beforeAll(async () => {
    azion = await startFakeAzion({ clock, accounts: [{ email: EMAIL, password: PASSWORD }] });
    azion.behaviour.rateLimitPerMinute = Number.POSITIVE_INFINITY;
    provider = await startFakeOceanProvider({ clock });
    node = await startFakeOceanNode({ clock });
    t = await startTestServices({ clock, presence: new TestPresence(clock) });
    await t.services.vault.create(TEST_PASSWORD);
    const bases = { authBase: azion.url, apiBase: azion.url, checkBase: azion.url };
    const add = async (input: Parameters<typeof t.services.accounts.add>[0]): Promise<string> => (await t.services.accounts.add(input)).id;
    // The public Hardhat/Anvil test key #0 (vectors.json): never real funds.
    const key = { type: 'hex' as const, privateKey: TEST_KEY.privateKey };
    ids.session = await add({ kind: 'azion', label: 'session', email: EMAIL, password: PASSWORD, mode: 'session', ...bases });
    ids.personal = await add({ kind: 'azion', label: 'personal', email: EMAIL, password: PASSWORD, mode: 'personal', ...bases });
    ids.provider = await add({ kind: 'ocean', label: 'provider', providerUrl: provider.url, key });
    ids.node = await add({ kind: 'ocean', label: 'node', providerUrl: node.url, key });
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([azion?.close(), provider?.close(), node?.close()]);
  });

  async function mint(accountId: string): Promise<{ id: string; value: string }> {
    const account = (await t.services.accounts.list()).find((a) => a.id === accountId)!;
    let view;
    if (account.config.kind === 'ocean') {
      const preview = await t.services.tokens.previewMint(accountId, {});
      view = await t.services.tokens.mint(accountId, { previewId: preview.previewId });
    } else {
      view = await t.services.tokens.mint(accountId, account.config.mode === 'personal' ? { expiresAt: clock.now() + WEEK } : {});
    }
    const value = t.services.vault.read().tokens.find((tk) => tk.id === view.id)!.value;
    return { id: view.id, value };
  }

  const cases: { name: string; account: keyof typeof ids; server: () => FakeServer; match: RequestMatch; alive: (value: string) => boolean }[] = [
    {
      name: 'Ocean Provider (200 {"success":"Token has been deactivated."})',
      account: 'provider',
      server: () => provider,
      match: { method: 'DELETE', path: '/api/services/deleteAuthToken' },
      alive: (v) => provider.tokenStatus(v, TEST_KEY.address) === 'valid',
    },
    {
      name: 'Ocean Node (200 {"success":true})',
      account: 'node',
      server: () => node,
      match: { method: 'POST', path: '/api/services/auth/token/invalidate' },
      alive: (v) => node.isTokenValid(v),
    },
    {
      name: 'Azion session token (204)',
      account: 'session',
      server: () => azion,
      match: { method: 'DELETE', path: /^\/tokens\// },
      alive: (v) => azion.sessions().has(v),
    },
    {
      name: 'Azion personal token (204)',
      account: 'personal',
      server: () => azion,
      match: { method: 'DELETE', path: /^\/iam\/personal_tokens\// },
      alive: (v) => azion.personalTokens().some((p) => p.key === v),
    },
  ];

  describe.each(cases)('$name', (c) => {
    it.each(GARBAGE_200)('a 200 with $name keeps the token, and the retry asks the server again', async (garbage) => {
      const token = await mint(ids[c.account]);
      const server = c.server();
      server.failNext({ match: c.match, status: 200, body: garbage.body, ...('headers' in garbage ? { headers: garbage.headers } : {}) });
      const failed = await t.services.tokens.revoke(token.id);
      expect(failed.state).toBe('revoke_failed');
      expect(failed.failure?.code).toBe('BAD_RESPONSE');
      expect(failed.failure?.message).toMatch(/without confirming it|instead of confirming it/);
      expect(c.alive(token.value), 'the token still works at the server').toBe(true);
      expect(t.services.vault.read().tokens.find((tk) => tk.id === token.id)?.value).toBe(token.value);

      const from = server.requests.length;
      const retried = await t.services.tokens.revoke(token.id);
      expect(server.requests.slice(from).some((r) => r.method === c.match.method && (typeof c.match.path === 'string' ? r.path === c.match.path : c.match.path!.test(r.path)))).toBe(true);
      expect(retried.state).toBe('revoked');
      expect(c.alive(token.value), 'revoked at the server').toBe(false);
    });
  });

  it("a Provider's already-deleted answer still counts as done", async () => {
    const token = await mint(ids.provider);
    // Deleted behind the app's back (another client): the revoke answers 400 "Token is deleted.".
    provider.failNext({ match: { method: 'DELETE' }, status: 400, body: { error: 'Token is deleted.' } });
    expect((await t.services.tokens.revoke(token.id)).state).toBe('revoked');
  });
});
