/**
 * The shared HTTP layer's contract. Providers speak to their servers only through an HttpClient, so
 * timeouts, the body cap, redirect rules and redaction hold for every call without each provider
 * having to remember them.
 */
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';

/** The subset of `fetch` the client needs; injected so tests and benchmarks can wrap or replace it. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  /** Sent as JSON with `Content-Type: application/json`. */
  json?: unknown;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Final URL after redirects. May hold secrets (query signatures): pass it through redactUrl before showing. */
  url: string;
  /** Host of the final URL, safe to show (no userinfo, no path, no query). */
  host: string;
  text: string;
  /** The body parsed as JSON; throws AppError BAD_RESPONSE when it is not JSON. */
  json(): unknown;
}

export interface HttpClient {
  /**
   * Sends one request, following at most a few redirects. Resolves with any HTTP status (mapping a
   * status to an error is the provider's job); rejects only with an AppError: NETWORK, TIMEOUT,
   * CANCELLED, BAD_RESPONSE (body too large, bad redirect) or BAD_ARGUMENT (unusable URL).
   */
  request(req: HttpRequest): Promise<HttpResponse>;
}

export interface HttpClientOptions {
  fetch?: FetchLike;
  clock: Clock;
  logger?: Logger;
  /** Whole exchange, redirects and body included. */
  timeoutMs: number;
  /**
   * Until the server starts answering (response headers). `fetch` exposes no hook on the TCP connect
   * itself, so this bounds connect + TLS + the server's first byte: an unreachable host fails after
   * this, while a slow body is bounded by `timeoutMs`.
   */
  connectTimeoutMs: number;
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** Redirect hops followed before giving up (default 5). */
  maxRedirects?: number;
}

/** Production defaults: token servers answer small JSON quickly. */
export const HTTP_DEFAULTS = {
  timeoutMs: 30_000,
  connectTimeoutMs: 10_000,
  maxBytes: 1024 * 1024,
  maxRedirects: 5,
} as const;
