/**
 * Base URLs are typed by users (with or without a trailing slash, sometimes with a path prefix such
 * as `https://sso.azion.com/api`). One normal form keeps ledger keys, caches and requests consistent.
 * It only trims: checking what the person typed is accounts/parseBaseUrl's job, before anything is stored.
 */
export function normalizeBaseUrl(base: string): string {
  return base.trim().replace(/\/+$/, '');
}

/** `path` starts with '/'; segments the caller interpolates must already be encoded. */
export function joinUrl(base: string, path: string): string {
  return normalizeBaseUrl(base) + path;
}
