import { AppError } from '../../errors.js';
import type { HttpResponse } from '../../http/httpTypes.js';
import { rateLimitResetAt } from '../../http/rateLimitReset.js';
import { redactPatterns } from '../../redact.js';

/** What authenticated the failed call: decides what the user is told to fix. */
export type AzionCredential = 'password' | 'personal-token' | 'session-token';

/** Without Retry-After or X-Ratelimit-Reset, Azion's own CLI waits 5 s first: show that as the earliest retry. */
export const AZION_FALLBACK_RETRY_MS = 5_000;

const SSO_HINT = 'If this Azion account signs in with single sign-on or two-factor authentication, paste a personal token instead.';

/**
 * Maps a non-success Azion answer to an AppError with a sentence a user can act on. Every row of
 * azion.md §4 lands here: 401/403 → BAD_CREDENTIALS (never retried), 406 → NOT_ACCEPTABLE,
 * 429 → RATE_LIMITED with retryAt, 5xx (JSON or HTML) → SERVER_ERROR, other 4xx → BAD_REQUEST.
 * `secrets` are scrubbed from any server text we quote.
 */
export function azionError(res: HttpResponse, credential: AzionCredential, now: number, secrets: readonly string[]): AppError {
  const { status, host } = res;
  if (status === 401 || status === 403) {
    if (credential === 'personal-token') {
      return new AppError(
        'BAD_CREDENTIALS',
        `Azion (${host}) refused this account's personal token: it may have expired or been revoked. Paste a new personal token in the account settings.`,
      );
    }
    if (credential === 'session-token') {
      return new AppError(
        'BAD_CREDENTIALS',
        `Azion (${host}) accepted the email and password but refused to manage personal tokens with them (HTTP ${status}). Check that this Azion user may manage personal tokens, or paste a personal token instead.`,
      );
    }
    return new AppError(
      'BAD_CREDENTIALS',
      `Azion (${host}) refused the email and password of this account. Check them in the account settings; Token Vault did not retry, so repeated attempts cannot lock the account. ${SSO_HINT}`,
    );
  }
  if (status === 406) {
    return new AppError(
      'NOT_ACCEPTABLE',
      `Azion (${host}) refused the API version Token Vault asks for (version 3). Check that the account's base URL points at Azion's v3 API.`,
    );
  }
  if (status === 429) {
    const retryAt = rateLimitResetAt(res.headers, now) ?? now + AZION_FALLBACK_RETRY_MS;
    return new AppError(
      'RATE_LIMITED',
      `Azion (${host}) is limiting requests (about 200 a minute are allowed). Try again after ${new Date(retryAt).toISOString().slice(11, 19)} UTC.`,
      { retryAt },
    );
  }
  if (status >= 500) {
    return new AppError('SERVER_ERROR', `Azion (${host}) had a server problem (HTTP ${status}). Try again in a minute.`);
  }
  if (status === 404) {
    return new AppError('BAD_REQUEST', `Azion (${host}) does not know this address (HTTP 404). Check the account's base URLs.`);
  }
  if (status >= 400) {
    const detail = serverDetail(res, secrets);
    return new AppError(
      'BAD_REQUEST',
      `Azion (${host}) refused the request (HTTP ${status})${detail ? `: "${detail}"` : ''}. Check the account settings and the chosen expiry, then try again.`,
    );
  }
  return new AppError('BAD_RESPONSE', `Azion (${host}) answered with an unexpected status (HTTP ${status}). Check the account's base URLs.`);
}

/** A 2xx other than 204 to a DELETE: not Azion's confirmation, so the token is kept and a retry asks again. */
export function unconfirmedAzionRevoke(host: string, status: number): AppError {
  return new AppError(
    'BAD_RESPONSE',
    `Azion (${host}) answered the revoke with HTTP ${status} instead of confirming it (204), so the token may still work and was kept. Retry the revoke; check the account's base URLs if it repeats.`,
    { retryable: true },
  );
}

/**
 * The human text of an Azion error body, short and scrubbed: v3 `{"detail"}`, v4
 * `{"errors":[{"title","detail"}]}` or DRF field errors `{"field":["msg"]}`. Undefined for HTML.
 */
export function serverDetail(res: HttpResponse, secrets: readonly string[]): string | undefined {
  let body: unknown;
  try {
    body = res.json();
  }
  // Stryker disable next-line BlockStatement: equivalent, without it body stays undefined and the checks below return undefined all the same
  catch {
    return undefined;
  }
  let text: string | undefined;
  if (isRecord(body)) {
    if (typeof body['detail'] === 'string') text = body['detail'];
    else if (Array.isArray(body['errors']) && isRecord(body['errors'][0])) {
      const first = body['errors'][0];
      text = [first['title'], first['detail']].filter((x) => typeof x === 'string').join(': ');
    } else {
      text = Object.entries(body)
        .filter(([, v]) => Array.isArray(v) && v.every((m) => typeof m === 'string'))
        .map(([k, v]) => `${k}: ${(v as string[]).join(' ')}`)
        .join('; ');
    }
  }
  if (!text) return undefined;
  for (const s of secrets) if (s.length >= 4) text = text.split(s).join('[redacted]');
  text = redactPatterns(text);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
