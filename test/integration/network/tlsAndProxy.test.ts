/**
 * TLS for real: HTTPS fakes on 127.0.0.1 with certificates made at test time. A certificate that
 * is untrusted, for another host or expired is each a typed error that says so (never NETWORK),
 * the server receives nothing (not the Basic-auth password either), and trusting the CA
 * (NODE_EXTRA_CA_CERTS) makes the same call work. A configured CONNECT proxy is used, its 407 is
 * a clear error, and Settings shows which proxy is in use.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAzion, type FakeAzion } from '../../fakes/fakeAzion.js';
import { startFakeConnectProxy, type FakeConnectProxy } from '../../fakes/fakeConnectProxy.js';
import { FakeClock } from '../../support/FakeClock.js';
import { makeTestPki, type Pem, type TestPki } from '../../support/testPki.js';
import { startTestServices, type TestServices } from '../../support/testServices.js';
import { TEST_PASSWORD } from '../../support/vaultHarness.js';

const EMAIL = 'tls@example.com';
const PASSWORD = 'made-up-Azion-pw-for-tls';

describe('TLS and proxies, for real', () => {
  const clock = new FakeClock();
  let pki: TestPki;
  const servers: FakeAzion[] = [];
  const running: TestServices[] = [];
  let proxy: FakeConnectProxy;

  beforeAll(async () => {
    pki = makeTestPki();
    proxy = await startFakeConnectProxy();
  });
  afterAll(async () => {
    for (const t of running) await t.close();
    await Promise.all([...servers.map((s) => s.close()), proxy?.close()]);
    pki?.dispose();
  });

  async function azionWith(pem: Pem): Promise<FakeAzion> {
    const azion = await startFakeAzion({ clock, accounts: [{ email: EMAIL, password: PASSWORD }], tls: pem });
    servers.push(azion);
    return azion;
  }

  /** The real services with a session account on `azion`, reading only `env` for the network. */
  async function appWith(azion: FakeAzion, env: Record<string, string>): Promise<{ t: TestServices; accountId: string }> {
    const t = await startTestServices({ clock, env });
    running.push(t);
    await t.services.vault.create(TEST_PASSWORD);
    const bases = { authBase: azion.url, apiBase: azion.url, checkBase: azion.url };
    const account = await t.services.accounts.add({ kind: 'azion', label: 'tls', email: EMAIL, password: PASSWORD, mode: 'session', ...bases });
    return { t, accountId: account.id };
  }

  const trustCa = (): Record<string, string> => ({ NODE_EXTRA_CA_CERTS: pki.caPath });

  it.each([
    { name: 'a certificate from an authority nobody trusts', pem: () => pki.untrusted, code: 'CERT_UNTRUSTED', says: /not signed by an authority this computer trusts/ },
    { name: 'a certificate for another host name', pem: () => pki.wrongHost, code: 'CERT_WRONG_HOST', says: /belongs to another host name/ },
    { name: 'an expired certificate', pem: () => pki.expired, code: 'CERT_EXPIRED', says: /has expired or is not valid yet/ },
  ])('$name is a typed error, and nothing is sent', async (c) => {
    const azion = await azionWith(c.pem());
    const { t, accountId } = await appWith(azion, trustCa());
    const err = await t.services.tokens.mint(accountId, {}).then(
      () => undefined,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(err?.code).toBe(c.code);
    expect(err?.message).toMatch(c.says);
    expect(err?.message).toContain(new URL(azion.url).host);
    expect(err?.message).not.toContain(PASSWORD);
    expect(azion.requests, 'the server received nothing').toHaveLength(0);
  });

  it('a good certificate is refused until its CA is trusted, then the same call works', async () => {
    const azion = await azionWith(pki.good);
    const untrusting = await appWith(azion, {});
    await expect(untrusting.t.services.tokens.mint(untrusting.accountId, {})).rejects.toMatchObject({ code: 'CERT_UNTRUSTED' });
    expect(azion.requests).toHaveLength(0);

    const trusting = await appWith(azion, trustCa());
    expect(await trusting.t.services.tokens.mint(trusting.accountId, {})).toMatchObject({ state: 'active', kind: 'azion-session' });
    expect(azion.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /tokens']);
    expect((await trusting.t.services.settings.view()).network).toEqual({ stack: 'node', proxy: 'none (direct connection)', extraCa: pki.caPath });
  });

  it('a configured CONNECT proxy carries the call (TLS end to end), and Settings names it without its password', async () => {
    const azion = await azionWith(pki.good);
    proxy.requireAuth = { user: 'proxyuser', password: 'proxy-pass-made-up' };
    const authed = new URL(proxy.url);
    authed.username = 'proxyuser';
    authed.password = 'proxy-pass-made-up';
    const from = proxy.tunnels.length;
    const { t, accountId } = await appWith(azion, { ...trustCa(), HTTPS_PROXY: authed.href, NO_PROXY: 'example.invalid' });
    expect(await t.services.tokens.mint(accountId, {})).toMatchObject({ state: 'active' });
    expect(proxy.tunnels.slice(from)).toEqual([new URL(azion.url).host]);
    expect(azion.requests).toHaveLength(1);
    const network = (await t.services.settings.view()).network;
    expect(network).toMatchObject({ stack: 'node', proxy: `${proxy.url} (from HTTPS_PROXY)`, noProxy: 'example.invalid' });
    expect(JSON.stringify(network)).not.toContain('proxy-pass-made-up');
  });

  it("the proxy's 407 is a clear error, and nothing reaches the server", async () => {
    const azion = await azionWith(pki.good);
    proxy.requireAuth = { user: 'proxyuser', password: 'proxy-pass-made-up' };
    const from = proxy.tunnels.length;
    const { t, accountId } = await appWith(azion, { ...trustCa(), HTTPS_PROXY: proxy.url });
    const err = await t.services.tokens.mint(accountId, {}).then(
      () => undefined,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(err?.code).toBe('PROXY_REFUSED');
    expect(err?.message).toMatch(/proxy asks for a user name and password \(HTTP 407\)/);
    expect(proxy.tunnels.slice(from)).toHaveLength(1);
    expect(azion.requests).toHaveLength(0);
  });

  it('NO_PROXY hosts go direct', async () => {
    const azion = await azionWith(pki.good);
    proxy.requireAuth = undefined;
    const from = proxy.tunnels.length;
    const { t, accountId } = await appWith(azion, { ...trustCa(), HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
    expect(await t.services.tokens.mint(accountId, {})).toMatchObject({ state: 'active' });
    expect(proxy.tunnels.slice(from)).toHaveLength(0);
  });

  it('the extra CA file is read from NODE_EXTRA_CA_CERTS (a bundle with other certificates in it works too)', async () => {
    const azion = await azionWith(pki.good);
    const bundle = join(pki.caPath, '..', 'bundle.pem');
    writeFileSync(bundle, `${pki.untrusted.cert}\n${readFileSync(pki.caPath, 'utf8')}`);
    const { t, accountId } = await appWith(azion, { NODE_EXTRA_CA_CERTS: bundle });
    expect(await t.services.tokens.mint(accountId, {})).toMatchObject({ state: 'active' });
  });
});
