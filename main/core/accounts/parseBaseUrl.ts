import { AppError } from '../errors.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A base URL the person typed, checked and turned into the form accounts store (throws BAD_ARGUMENT
 * naming `what` otherwise): https (plain http only to this machine, for local nodes and test
 * servers, since these URLs receive passwords and signed requests), no credentials, no query or
 * fragment, no trailing slash. Not the providers' normalizeBaseUrl, which only trims the slash of a
 * URL stored this way.
 */
export function parseBaseUrl(input: string, what: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new AppError('BAD_ARGUMENT', `The ${what} is not a valid URL.`);
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  if (!secure) throw new AppError('BAD_ARGUMENT', `The ${what} must use https (plain http is allowed only to localhost).`);
  if (url.username || url.password) throw new AppError('BAD_ARGUMENT', `The ${what} must not contain a user name or password.`);
  if (url.search || url.hash) throw new AppError('BAD_ARGUMENT', `The ${what} must not contain a query or fragment.`);
  return (url.origin + url.pathname).replace(/\/+$/, '');
}
