/**
 * How Azion's API (Django REST Framework) reads Authorization and Accept headers, with DRF's own
 * error texts, so the fake refuses exactly what the real server refuses.
 */
import type { FakeResponse, ReceivedRequest } from './fakeHttp.js';

export const NOT_PROVIDED = 'Authentication credentials were not provided.';
export const BAD_PASSWORD = 'Invalid username/password.';

export type BasicResult = { ok: true; email: string; password: string } | { ok: false; detail: string };
export type TokenResult = { ok: true; key: string } | { ok: false; detail: string };

/** DRF BasicAuthentication: keyword, single part, strict base64, then "email:password" split at the first colon. */
export function parseBasic(req: ReceivedRequest): BasicResult {
  const parts = (req.headers['authorization'] ?? '').split(' ').filter((p) => p !== '');
  if (parts.length === 0 || parts[0]?.toLowerCase() !== 'basic') return { ok: false, detail: NOT_PROVIDED };
  if (parts.length === 1) return { ok: false, detail: 'Invalid basic header. No credentials provided.' };
  if (parts.length > 2) return { ok: false, detail: 'Invalid basic header. Credentials string should not contain spaces.' };
  const encoded = parts[1] ?? '';
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 !== 0) {
    return { ok: false, detail: 'Invalid basic header. Credentials not correctly base64 encoded.' };
  }
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { ok: false, detail: 'Invalid basic header. Credentials not correctly base64 encoded.' };
  return { ok: true, email: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** DRF TokenAuthentication with keyword "Token". */
export function parseToken(req: ReceivedRequest): TokenResult {
  const parts = (req.headers['authorization'] ?? '').split(' ').filter((p) => p !== '');
  if (parts.length === 0 || parts[0] !== 'Token') return { ok: false, detail: NOT_PROVIDED };
  if (parts.length === 1) return { ok: false, detail: 'Invalid token header. No credentials provided.' };
  if (parts.length > 2) return { ok: false, detail: 'Invalid token header. Token string should not contain spaces.' };
  return { ok: true, key: parts[1] ?? '' };
}

/** Azion answers 406 unless Accept asks for JSON with version 2 or 3. Returns the version, or the refusal. */
export function acceptVersion(req: ReceivedRequest): 2 | 3 | FakeResponse {
  const accept = req.headers['accept'] ?? '';
  const m = /^application\/json\s*;\s*version\s*=\s*([23])\s*$/i.exec(accept.trim());
  if (!m) return { status: 406, body: { detail: 'Could not satisfy the request Accept header.' } };
  return m[1] === '2' ? 2 : 3;
}

export function unauthorized(detail: string): FakeResponse {
  // DRF sends WWW-Authenticate on 401.
  return { status: 401, headers: { 'www-authenticate': 'Basic realm="api"' }, body: { detail } };
}

/** `2016-11-18T14:10:58.024903Z` (v2) or `2019-04-01 13:53:28.536782+00:00` (v3); microseconds as Python prints them. */
export function azionDate(ms: number, version: 2 | 3): string {
  const iso = new Date(ms).toISOString(); // 2026-11-23T12:00:00.123Z
  const micro = `${iso.slice(20, 23)}903`;
  return version === 2 ? `${iso.slice(0, 19)}.${micro}Z` : `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${micro}+00:00`;
}

/** X-Ratelimit-Reset as Azion sends it: ISO time, microseconds, no zone (UTC). */
export function resetHeader(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}446`;
}
