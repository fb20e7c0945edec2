import { describe, expect, it } from 'vitest';
import { createNodeNetwork, withoutCredentials, type NetworkEnv } from '../../../../main/core/http/nodeFetch.js';

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

describe('withoutCredentials', () => {
  it('keeps only scheme, host and port', () => {
    expect(withoutCredentials('https://user:pw@proxy.example:8443/x?y=1')).toBe('https://proxy.example:8443');
  });
  it('says so when the proxy address is not a URL, without repeating it', () => {
    expect(withoutCredentials('not a url at all')).toBe('a proxy (its address is not a valid URL)');
  });
});
