import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { createNodeNetwork, proxyProblem, withoutCredentials, type NetworkEnv } from '../../../../main/core/http/nodeFetch.js';

/** What Settings shows for an environment; the network is closed again at once (nothing is sent). */
async function infoFor(env: NetworkEnv, readFile: (p: string) => string = () => ''): Promise<ReturnType<typeof createNodeNetwork>['info']> {
  const net = createNodeNetwork(env, readFile);
  await net.close();
  return net.info;
}

describe('createNodeNetwork: the proxy and CAs come from the environment it is given', () => {
  it('no variables: a direct connection, no extra CA, and process.env is not read', async () => {
    expect(await infoFor({})).toEqual({ stack: 'node', proxy: 'none (direct connection)' });
  });

  it('HTTPS_PROXY wins over HTTP_PROXY; the upper-case name over the lower-case one; never a password', async () => {
    expect((await infoFor({ HTTPS_PROXY: 'http://u:secret@proxy-a:3128', HTTP_PROXY: 'http://proxy-b:8080' })).proxy).toBe('http://proxy-a:3128 (from HTTPS_PROXY)');
    expect((await infoFor({ https_proxy: 'http://proxy-c:1' })).proxy).toBe('http://proxy-c:1 (from HTTPS_PROXY)');
    expect((await infoFor({ HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2' })).proxy).toBe('http://upper:1 (from HTTPS_PROXY)');
    expect((await infoFor({ HTTP_PROXY: 'http://u:p@proxy-b:8080' })).proxy).toBe('http://proxy-b:8080 (from HTTP_PROXY)');
    expect((await infoFor({ http_proxy: 'http://proxy-d:2' })).proxy).toBe('http://proxy-d:2 (from HTTP_PROXY)');
    expect((await infoFor({ HTTP_PROXY: 'http://upper:1', http_proxy: 'http://lower:2' })).proxy).toBe('http://upper:1 (from HTTP_PROXY)');
  });

  it('shows NO_PROXY (either case) and the extra CA file, which it reads', async () => {
    const read: string[] = [];
    const info = await infoFor({ NO_PROXY: 'localhost,.internal', NODE_EXTRA_CA_CERTS: '/etc/ca.pem' }, (p) => {
      read.push(p);
      return '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n';
    });
    expect(info).toEqual({ stack: 'node', proxy: 'none (direct connection)', noProxy: 'localhost,.internal', extraCa: '/etc/ca.pem' });
    expect(read).toEqual(['/etc/ca.pem']);
    expect((await infoFor({ no_proxy: '.lan' })).noProxy).toBe('.lan');
    expect((await infoFor({ NO_PROXY: 'a', no_proxy: 'b' })).noProxy).toBe('a');
    expect(await infoFor({}, () => {
      throw new Error('no CA file was configured, so none is read');
    })).not.toHaveProperty('extraCa');
  });
});

describe('createNodeNetwork: a proxy address undici cannot use', () => {
  // undici's EnvHttpProxyAgent threw its own InvalidArgumentError / TypeError from the constructor for
  // these, so the app did not start and nobody was told which variable to fix.
  const cases: [string, NetworkEnv, string, RegExp][] = [
    ['a path', { HTTPS_PROXY: 'http://u:secret@proxy.example:3128/squid' }, 'HTTPS_PROXY', /has a path, query or fragment/],
    ['a query', { HTTP_PROXY: 'http://proxy.example:3128?secret=1' }, 'HTTP_PROXY', /has a path, query or fragment/],
    ['a fragment', { https_proxy: 'http://proxy.example:3128#secret' }, 'https_proxy', /has a path, query or fragment/],
    ['not a URL', { http_proxy: 'secret proxy here' }, 'http_proxy', /is not a URL/],
    ['no scheme', { HTTPS_PROXY: 'proxy.example:3128' }, 'HTTPS_PROXY', /does not start with http:\/\/ or https:\/\//],
  ];

  it.each(cases)('%s: no throw at start; every request is refused with a typed error naming the variable and the fix', async (_what, env, name, why) => {
    const net = createNodeNetwork(env, () => {
      throw new Error('the CA file is not read for a network that sends nothing');
    });
    const err: unknown = await net.fetch('http://127.0.0.1:9/', {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.code).toBe('NETWORK');
    expect(e.retryable).toBe(false);
    expect(e.message).toMatch(why);
    expect(e.message).toContain(`The proxy address in ${name} `);
    expect(e.message).toContain('nothing was sent');
    expect(e.message).toContain(`Set ${name} to the proxy's scheme, host and port only, such as http://proxy.example:3128 (or unset it), then restart Token Vault.`);
    expect(e.message).not.toMatch(/secret/);
    expect(net.info).toEqual({ stack: 'node', proxy: `none usable: ${e.message}` });
    await net.close();
  });

  it('the HTTP proxy is checked too when HTTPS_PROXY is fine, and Settings still shows NO_PROXY and the CA file', async () => {
    const net = createNodeNetwork({ HTTPS_PROXY: 'http://good:1', HTTP_PROXY: 'http://bad:2/x', NO_PROXY: '.lan', NODE_EXTRA_CA_CERTS: '/etc/ca.pem' });
    expect(net.info.proxy).toMatch(/^none usable: The proxy address in HTTP_PROXY has a path/);
    expect(net.info).toMatchObject({ noProxy: '.lan', extraCa: '/etc/ca.pem' });
    await net.close();
  });

  it('accepts what undici accepts: http(s), credentials, a bare trailing slash, an empty query or fragment', () => {
    for (const ok of ['http://proxy:3128', 'https://u:p@proxy:1/', 'HTTP://Proxy:3128', 'http://proxy:3128?', 'http://proxy:3128#', undefined, '']) {
      expect(proxyProblem(ok, 'HTTPS_PROXY')).toBeUndefined();
    }
  });
});

describe('withoutCredentials', () => {
  it('keeps only scheme, host and port', () => {
    expect(withoutCredentials('https://user:pw@proxy.example:8443/x?y=1')).toBe('https://proxy.example:8443');
  });
  it('says so when the proxy address is not a URL, without repeating it', () => {
    expect(withoutCredentials('not a url at all')).toBe('a proxy (its address is not a valid URL)');
  });
});
