/**
 * HTTP through Chromium's network stack (the system proxy and PAC, the OS certificate store, a
 * corporate TLS-inspection root installed in the OS), behind the same FetchLike seam Node uses, so
 * the one HTTP client (main/core/http) keeps its timeouts, body cap, redirect rules and redaction.
 *
 * Built on `net.request`, the primitive under `net.fetch`: net.fetch passes `redirect: 'manual'` to
 * it without listening for the redirect, so Chromium cancels the request and the caller never sees
 * the 3xx. Here the redirect is handed back as a response, and the HTTP layer decides (same origin
 * only). Requests run in their own in-memory session: no cookies, no cache, nothing shared with the
 * window's (locked-down) session.
 */
import type { ClientRequest, ClientRequestConstructorOptions, IncomingMessage, Session } from 'electron';
import { Readable } from 'node:stream';
import { AZION_DEFAULTS, type NetworkView } from '../../preload/contract.js';
import type { FetchLike } from '../core/http/httpTypes.js';

export interface ElectronNet {
  request(options: ClientRequestConstructorOptions): ClientRequest;
}

const NULL_BODY = new Set([101, 204, 205, 304]);

export function createElectronFetch(net: ElectronNet, session: Session): FetchLike {
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init.signal ?? undefined;
      if (signal?.aborted) {
        reject(abortError(signal));
        return;
      }
      let settled = false;
      const settle = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const req = net.request({
        url: input,
        method: init.method ?? 'GET',
        session,
        redirect: 'manual',
        credentials: 'omit',
        useSessionCookies: false,
        cache: 'no-store',
      });
      const onAbort = (): void => {
        req.abort();
        settle(() => reject(abortError(signal!)));
      };
      signal?.addEventListener('abort', onAbort, { once: true });

      req.on('redirect', (status: number, _method: string, redirectUrl: string, responseHeaders: Record<string, string[]>) => {
        const headers = headersOf(responseHeaders);
        headers.set('location', redirectUrl);
        settle(() => resolve(new Response(null, { status, headers })));
        // Not followed here: the HTTP layer checks the target and sends the next hop itself.
        req.abort();
      });
      req.on('response', (res: IncomingMessage) => {
        const body = NULL_BODY.has(res.statusCode) || init.method === 'HEAD' ? null : (Readable.toWeb(res as unknown as Readable) as ReadableStream<Uint8Array>);
        settle(() => resolve(new Response(body, { status: res.statusCode, headers: headersOf(res.headers) })));
      });
      // A server or proxy asking for credentials is never answered on the user's behalf: cancelled,
      // it surfaces as its 401/407 or as net::ERR_PROXY_AUTH_*, which the HTTP layer names.
      req.on('login', (_info: unknown, callback: (username?: string, password?: string) => void) => callback());
      req.on('error', (error: Error) => settle(() => reject(new TypeError('fetch failed', { cause: error }))));

      for (const [name, value] of Object.entries((init.headers ?? {}) as Record<string, string>)) req.setHeader(name, value);
      if (typeof init.body === 'string') req.write(init.body);
      req.end();
    });
}

/**
 * What Settings shows: Chromium resolves the proxy per URL (PAC can differ by host), so this asks
 * for a token server's kind of address and keeps the last answer; `view()` never blocks.
 */
export function electronNetworkInfo(session: Session, sampleUrl = `${AZION_DEFAULTS.apiBase}/`): { view: () => NetworkView; refresh: () => Promise<void> } {
  let proxy = 'system settings (being resolved)';
  const refresh = async (): Promise<void> => {
    try {
      proxy = describeProxy(await session.resolveProxy(sampleUrl));
    } catch {
      proxy = 'system settings (could not be resolved)';
    }
  };
  return {
    view: () => {
      void refresh();
      return { stack: 'chromium', proxy };
    },
    refresh,
  };
}

/** Chromium's PAC-style answer ("DIRECT", "PROXY host:port; DIRECT") as a person reads it. */
export function describeProxy(pac: string): string {
  const first = pac.split(';')[0]?.trim() ?? '';
  if (first === '' || /^DIRECT$/i.test(first)) return 'system settings: none (direct connection)';
  const [kind = '', hostPort = ''] = first.split(/\s+/);
  const scheme = /^HTTPS$/i.test(kind) ? 'https' : /^SOCKS/i.test(kind) ? kind.toLowerCase() : 'http';
  return `system settings: ${scheme}://${hostPort}`;
}

function headersOf(raw: Record<string, string | string[]>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  return headers;
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}
