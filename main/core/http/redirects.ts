import { AppError } from '../errors.js';
import type { HttpMethod } from './httpTypes.js';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Headers that carry credentials in the protocols we speak; never sent to another origin. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'authtoken', 'cookie', 'proxy-authorization']);

export interface Hop {
  url: URL;
  method: HttpMethod;
  headers: Record<string, string>;
  body: string | undefined;
}

export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/**
 * The next hop of a redirect, or an error when following it would be unsafe. Rules: only http(s);
 * never from https down to http; credentials are dropped whenever the origin (scheme, host or port)
 * changes; a body (which may hold a signature or token) is never re-sent to another origin; the
 * method changes as the fetch standard says (303, and 301/302 after POST, become GET without body).
 */
export function nextHop(current: Hop, status: number, location: string): Hop {
  let url: URL;
  try {
    url = new URL(location, current.url);
  } catch {
    throw new AppError('BAD_RESPONSE', `${current.url.host} redirected to an address that is not valid. Check the account's base URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('BAD_RESPONSE', `${current.url.host} redirected to a non-web address, which was not followed. Check the account's base URL.`);
  }
  if (current.url.protocol === 'https:' && url.protocol === 'http:') {
    throw new AppError(
      'BAD_RESPONSE',
      `${current.url.host} redirected to an unencrypted (http) address, which was not followed to keep credentials safe. Check the account's base URL.`,
    );
  }
  url.username = '';
  url.password = '';

  let method = current.method;
  let body = current.body;
  if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
    method = 'GET';
    body = undefined;
  }
  const headers = { ...current.headers };
  if (body === undefined) deleteHeader(headers, 'content-type');

  if (url.origin !== current.url.origin) {
    if (body !== undefined) {
      throw new AppError(
        'BAD_RESPONSE',
        `${current.url.host} redirected a signed request to another server (${url.host}); it was not followed. Check the account's base URL.`,
      );
    }
    for (const name of Object.keys(headers)) {
      if (CREDENTIAL_HEADERS.has(name.toLowerCase())) delete headers[name];
    }
  }
  return { url, method, headers, body };
}

function deleteHeader(headers: Record<string, string>, lowerName: string): void {
  for (const name of Object.keys(headers)) if (name.toLowerCase() === lowerName) delete headers[name];
}
