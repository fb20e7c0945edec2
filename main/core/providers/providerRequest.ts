import type { HttpMethod, HttpRequest } from '../http/httpTypes.js';
import { joinUrl } from './baseUrl.js';

export interface ProviderRequestOptions {
  /** The Accept header, first of the headers; JSON unless the server wants a versioned type (Azion). */
  accept?: string;
  /** Further headers, sent after Accept in this order. */
  headers?: Record<string, string>;
  /** The body, sent as JSON (the HTTP client adds `Content-Type: application/json` unless given). */
  json?: unknown;
  signal?: AbortSignal | undefined;
}

/**
 * Every request a provider sends to its server: `{base}{path}` (path starts with '/', with any query
 * and interpolated segments already encoded), Accept first, a body only when there is one and the
 * caller's signal only when there is one, so the wire is the same for every provider call.
 */
export function providerRequest(method: HttpMethod, base: string, path: string, options: ProviderRequestOptions = {}): HttpRequest {
  const { accept = 'application/json', headers, json, signal } = options;
  return {
    method,
    url: joinUrl(base, path),
    headers: { Accept: accept, ...headers },
    ...(json === undefined ? {} : { json }),
    ...(signal ? { signal } : {}),
  };
}
