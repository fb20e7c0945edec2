import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { EnvHttpProxyAgent, fetch as undiciFetch, type Dispatcher } from 'undici';
import type { NetworkView } from '../../../preload/contract.js';
import { AppError } from '../errors.js';
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
  // A proxy address undici refuses (a path, not a URL) must not stop the app from starting: the vault
  // works offline. Every request is refused instead, with what to fix, and Settings says the same.
  const refusal =
    proxyProblem(httpsProxy, env.HTTPS_PROXY !== undefined ? 'HTTPS_PROXY' : 'https_proxy') ??
    proxyProblem(httpProxy, env.HTTP_PROXY !== undefined ? 'HTTP_PROXY' : 'http_proxy');
  if (refusal) return refusingNetwork(refusal, noProxy, caFile);
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

/** A network whose every request is refused with `error` (a proxy address that cannot be used). */
function refusingNetwork(error: AppError, noProxy: string | undefined, caFile: string | undefined): NodeNetwork {
  const info: NetworkView = { stack: 'node', proxy: `none usable: ${error.message}` };
  if (noProxy) info.noProxy = noProxy;
  if (caFile) info.extraCa = caFile;
  return { fetch: () => Promise.reject(error), info, close: () => Promise.resolve() };
}

/**
 * Why undici would refuse a proxy address (it takes only http(s)://[user:password@]host[:port]), as the
 * error every request then gets; undefined when the address is usable or unset. Names the variable,
 * never repeats its value (it may hold a password).
 */
export function proxyProblem(value: string | undefined, name: string): AppError | undefined {
  if (!value) return undefined;
  const fix = `Set ${name} to the proxy's scheme, host and port only, such as http://proxy.example:3128 (or unset it), then restart Token Vault.`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return refused(`The proxy address in ${name} is not a URL, so nothing was sent. ${fix}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return refused(`The proxy address in ${name} does not start with http:// or https://, so nothing was sent. ${fix}`);
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    return refused(`The proxy address in ${name} has a path, query or fragment after the host, which a proxy address cannot have, so nothing was sent. ${fix}`);
  }
  return undefined;
}

function refused(message: string): AppError {
  return new AppError('NETWORK', message, { retryable: false });
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
