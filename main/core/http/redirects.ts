import { AppError } from '../errors.js';
import type { HttpMethod } from './httpTypes.js';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

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
 * The next hop of a redirect, or an error when following it would be unsafe. Only same-origin
 * redirects are followed (same scheme, host and port): every call we make either carries a
 * credential (Basic auth, a token header, a signature in the body or query) or decides what gets
 * signed next (the nonce, the server's kind), so another server must never receive it or answer it.
 * Stripping the credential and following anyway turned the other host's 401 into a verdict on the
 * password or the token. The method changes as the fetch standard says (303, and 301/302 after
 * POST, become GET without body).
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
      'REDIRECT_REFUSED',
      `${current.url.host} tried to send this request to an unencrypted address (http://${url.host}); Token Vault did not follow it, so nothing was sent there. Check the account's base URL.`,
    );
  }
  if (url.origin !== current.url.origin) {
    throw new AppError(
      'REDIRECT_REFUSED',
      `${current.url.host} tried to send this request to another server, ${url.host}; Token Vault did not follow it, so no credential or signature went there. If ${url.host} is the right server, use ${url.origin} as the account's URL.`,
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
  return { url, method, headers, body };
}

function deleteHeader(headers: Record<string, string>, lowerName: string): void {
  for (const name of Object.keys(headers)) if (name.toLowerCase() === lowerName) delete headers[name];
}
