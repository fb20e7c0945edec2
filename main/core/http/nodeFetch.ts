import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { EnvHttpProxyAgent, fetch as undiciFetch, type Dispatcher } from 'undici';
import type { NetworkView } from '../../../preload/contract.js';
import type { FetchLike } from './httpTypes.js';

/** The environment variables that shape how Token Vault reaches the network under Node. */
export interface NetworkEnv {
  HTTPS_PROXY?: string | undefined;
  https_proxy?: string | undefined;
  HTTP_PROXY?: string | undefined;
  http_proxy?: string | undefined;
  NO_PROXY?: string | undefined;
  no_proxy?: string | undefined;
  NODE_EXTRA_CA_CERTS?: string | undefined;
}

export interface NodeNetwork {
  fetch: FetchLike;
  /** What the settings screen shows: which proxy, which extra CAs. Never a proxy password. */
  info: NetworkView;
  close(): Promise<void>;
}

/**
 * HTTP under plain Node (`npm run browser`, the tests, the CLI), the way the environment is set up:
 * undici's EnvHttpProxyAgent for HTTPS_PROXY / HTTP_PROXY / NO_PROXY (CONNECT tunnels, so TLS runs
 * end to end through the proxy), and the Mozilla roots plus the NODE_EXTRA_CA_CERTS file as the
 * trusted authorities, read from `env` rather than only at process start so a test can trust its
 * own CA. In Electron, Chromium's stack does all this from the OS instead (main/platform).
 */
export function createNodeNetwork(env: NetworkEnv, readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')): NodeNetwork {
  const httpsProxy = env.HTTPS_PROXY ?? env.https_proxy;
  const httpProxy = env.HTTP_PROXY ?? env.http_proxy;
  const noProxy = env.NO_PROXY ?? env.no_proxy;
  const caFile = env.NODE_EXTRA_CA_CERTS;
  const ca = caFile ? [...rootCertificates, readFile(caFile)] : undefined;
  const tls = ca ? { ca } : {};
  // Empty strings, not undefined: EnvHttpProxyAgent would otherwise read process.env itself.
  const dispatcher: Dispatcher = new EnvHttpProxyAgent({
    httpProxy: httpProxy ?? '',
    httpsProxy: httpsProxy ?? httpProxy ?? '',
    noProxy: noProxy ?? '',
    connect: tls,
    requestTls: tls,
    proxyTls: tls,
  });
  const fetch: FetchLike = (input, init) =>
    undiciFetch(input, { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher }) as unknown as Promise<Response>;
  const proxy = httpsProxy ?? httpProxy;
  const info: NetworkView = {
    stack: 'node',
    proxy: proxy ? `${withoutCredentials(proxy)} (from ${httpsProxy ? 'HTTPS_PROXY' : 'HTTP_PROXY'})` : 'none (direct connection)',
  };
  if (noProxy) info.noProxy = noProxy;
  if (caFile) info.extraCa = caFile;
  return { fetch, info, close: () => dispatcher.close() };
}

/** A proxy URL as shown to a person: user name and password dropped, nothing else kept but the origin. */
export function withoutCredentials(proxyUrl: string): string {
  try {
    const url = new URL(proxyUrl);
    return `${url.protocol}//${url.host}`;
  } catch {
    return 'a proxy (its address is not a valid URL)';
  }
}
