import { AppError, isAppError } from '../errors.js';
import { redactUrl } from '../redact.js';
import type { FetchLike, HttpClient, HttpClientOptions, HttpRequest, HttpResponse } from './httpTypes.js';
import { HTTP_DEFAULTS } from './httpTypes.js';
import { classifyConnectionFailure, proxyAuthRequired } from './networkErrors.js';
import { readCappedBody } from './readCappedBody.js';
import { type Hop, isRedirect, nextHop } from './redirects.js';

type AbortCause = 'connect' | 'total' | 'caller';

/**
 * The one fetch wrapper every provider uses. Redirects are followed by hand (`redirect: 'manual'`),
 * and only within one origin, so credentials never reach another; every timer runs on the injected
 * Clock; every error is an AppError whose text names the host only (never a path, query, header or
 * body), and a certificate or proxy failure says which it is. The fetch underneath is the platform's
 * (Electron: Chromium's stack through main/platform/electronFetch.ts; Node: undici with the
 * environment's proxy and CA settings, nodeFetch.ts): every guarantee here holds for both.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const { clock, logger, timeoutMs, connectTimeoutMs, maxBytes } = options;
  const maxRedirects = options.maxRedirects ?? HTTP_DEFAULTS.maxRedirects;

  async function request(req: HttpRequest): Promise<HttpResponse> {
    let hop: Hop = {
      url: parseRequestUrl(req.url),
      method: req.method,
      headers: { ...req.headers },
      body: req.json === undefined ? undefined : JSON.stringify(req.json),
    };
    if (hop.body !== undefined && !hasHeader(hop.headers, 'content-type')) hop.headers['Content-Type'] = 'application/json';

    if (req.signal?.aborted) throw cancelled(hop.url.host);
    const controller = new AbortController();
    let cause: AbortCause | undefined;
    const abort = (why: AbortCause): void => {
      cause ??= why;
      controller.abort();
    };
    const onCallerAbort = (): void => abort('caller');
    req.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const cancelTotal = clock.setTimeout(() => abort('total'), timeoutMs);
    const started = clock.now();

    try {
      for (let hops = 0; ; hops++) {
        const res = await fetchHeaders(hop, controller.signal, () => abort('connect'));
        if (res.status === 407) {
          // Only a proxy answers 407 (a plain-http request through it, or Chromium passing it on).
          await res.body?.cancel().catch(() => undefined);
          throw proxyAuthRequired();
        }
        const location = res.headers.get('location');
        if (isRedirect(res.status) && location !== null) {
          await res.body?.cancel().catch(() => undefined);
          if (hops >= maxRedirects) {
            throw new AppError('BAD_RESPONSE', `${hop.url.host} redirected too many times. Check the account's base URL.`);
          }
          const next = nextHop(hop, res.status, location);
          logger?.debug('http redirect', { method: hop.method, from: redactUrl(hop.url), to: redactUrl(next.url), status: res.status });
          hop = next;
          continue;
        }
        const text = await readCappedBody(res, maxBytes, hop.url.host);
        logger?.debug('http', { method: hop.method, url: redactUrl(hop.url), status: res.status, ms: clock.now() - started });
        return makeResponse(res.status, res.headers, hop.url, text);
      }
    } catch (e) {
      const err = toAppError(e, cause, hop.url.host);
      logger?.warn('http failed', { method: hop.method, url: redactUrl(hop.url), code: err.code, ms: clock.now() - started });
      throw err;
    } finally {
      cancelTotal();
      req.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /** Sends one hop; the connect timer runs until the response headers arrive. */
  async function fetchHeaders(hop: Hop, signal: AbortSignal, onConnectTimeout: () => void): Promise<Response> {
    const cancelConnect = clock.setTimeout(onConnectTimeout, connectTimeoutMs);
    try {
      const init: RequestInit = { method: hop.method, headers: hop.headers, redirect: 'manual', signal };
      if (hop.body !== undefined) init.body = hop.body;
      return await doFetch(hop.url.href, init);
    } finally {
      cancelConnect();
    }
  }

  return { request };
}

/** Only absolute http(s) URLs without userinfo: a password in a base URL would end up in logs and redirects. */
function parseRequestUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('BAD_ARGUMENT', 'The account\'s base URL is not a valid address. Enter it as https://host/path.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('BAD_ARGUMENT', 'The account\'s base URL must start with https:// (or http:// for a local server).');
  }
  if (url.username || url.password) {
    throw new AppError('BAD_ARGUMENT', 'The account\'s base URL contains a user name or password. Remove it; credentials belong in the account\'s secret fields.');
  }
  return url;
}

function makeResponse(status: number, headers: Headers, url: URL, text: string): HttpResponse {
  let parsed: { value: unknown } | undefined;
  return {
    status,
    headers,
    url: url.href,
    host: url.host,
    text,
    json() {
      if (!parsed) {
        try {
          parsed = { value: JSON.parse(text) as unknown };
        } catch {
          throw new AppError(
            'BAD_RESPONSE',
            `${url.host} answered (HTTP ${status}) with something that is not JSON. Check the account's base URL, then try again.`,
          );
        }
      }
      return parsed.value;
    },
  };
}

function toAppError(e: unknown, cause: AbortCause | undefined, host: string): AppError {
  if (cause === 'caller') return cancelled(host);
  if (cause === 'connect') {
    return new AppError('TIMEOUT', `${host} did not answer in time. Check your connection and the account's base URL, then try again.`);
  }
  if (cause === 'total') {
    return new AppError('TIMEOUT', `${host} took too long to answer. Try again; check the account's base URL if it keeps happening.`);
  }
  if (isAppError(e)) return e;
  const classified = classifyConnectionFailure(e, host);
  if (classified) return classified;
  // fetch rejects with a TypeError ("fetch failed") whose cause is the socket error; its text may
  // include addresses but we keep only the host we already know.
  return new AppError('NETWORK', `Could not reach ${host}. Check your connection and the account's base URL, then try again.`);
}

function cancelled(host: string): AppError {
  return new AppError('CANCELLED', `The request to ${host} was cancelled.`);
}

function hasHeader(headers: Record<string, string>, lowerName: string): boolean {
  return Object.keys(headers).some((h) => h.toLowerCase() === lowerName);
}
