import { AppError } from '../../errors.js';
import type { HttpResponse } from '../../http/httpTypes.js';
import { rateLimitResetAt } from '../../http/rateLimitReset.js';

const FALLBACK_RETRY_MS = 5_000;

/** Fields in the order the Python Provider validates them; only the first failure is reported. */
const FIELD_ORDER = ['address', 'expiration', 'token', 'nonce', 'signature'];

/**
 * Maps a Python Provider error (ocean-provider.md §A, "Errors") to an AppError. Server texts are
 * never quoted: they echo signatures and addresses.
 */
export function pythonProviderError(res: HttpResponse, now: number): AppError {
  const { status, host } = res;
  const body = bodyOf(res);
  if (status === 400) {
    const errors = body?.['errors'];
    if (isRecord(errors)) {
      const field = FIELD_ORDER.find((f) => f in errors) ?? Object.keys(errors)[0];
      if (field !== undefined) return fieldError(host, field, messagesOf(errors[field]));
    }
    const error = errorTextOf(body);
    if (/expired/i.test(error)) return new AppError('TOKEN_EXPIRED', `The provider (${host}) says this token has already expired; nothing is left to revoke.`);
    if (/deleted/i.test(error)) return new AppError('ALREADY_GONE', `The provider (${host}) says this token was already revoked.`);
    if (/invalid/i.test(error)) {
      return new AppError(
        'BAD_REQUEST',
        `The provider (${host}) does not recognise this token for this address, so it was not revoked. It may come from another provider URL; check the account's provider URL.`,
      );
    }
    return new AppError('BAD_REQUEST', `The provider (${host}) refused the request (HTTP 400). Check the account's provider URL, then try again.`);
  }
  if (status === 401 || status === 403) return signatureRejected(host);
  return commonError(res, now, 'provider');
}

/** Maps an Ocean Node error (ocean-provider.md §B) to an AppError. */
export function oceanNodeError(res: HttpResponse, now: number): AppError {
  const { status, host } = res;
  const error = errorTextOf(bodyOf(res));
  if (status === 401 || status === 400) {
    if (/not a valid nonce/i.test(error)) return nonceTooLow(host);
    if (/signature|mismatch|auth/i.test(error)) return signatureRejected(host);
    if (status === 400) {
      return new AppError('BAD_REQUEST', `The Ocean Node (${host}) refused the request as incomplete (HTTP 400). Check the account's node URL; the node may be older than v1.0.`);
    }
    return signatureRejected(host);
  }
  if (status === 403) {
    if (/rate limit/i.test(error)) return rateLimited(res, now, 'Ocean Node');
    return signatureRejected(host);
  }
  // Stryker disable next-line StringLiteral: equivalent, commonError only tells 'provider' from any other flavour
  return commonError(res, now, 'node');
}

/**
 * A 200 whose body is not the server's documented confirmation: the token may still work, so it is
 * kept (revoke_failed) and a retry asks the server again, which is safe: a deleted token answers
 * "already deleted" (Provider) or success again (Node).
 */
export function unconfirmedRevoke(host: string, flavour: 'provider' | 'node'): AppError {
  const who = flavour === 'provider' ? 'provider' : 'Ocean Node';
  return new AppError(
    'BAD_RESPONSE',
    `The ${who} (${host}) answered the revoke without confirming it, so the token may still work and was kept. Retry the revoke; check the account's URL if it repeats.`,
    { retryable: true },
  );
}

function fieldError(host: string, field: string, messages: string): AppError {
  if (field === 'signature') {
    if (/expected nonce/i.test(messages)) return nonceTooLow(host);
    if (/required/i.test(messages)) return new AppError('BAD_REQUEST', `The provider (${host}) says the signature is missing. Try again.`);
    return signatureRejected(host);
  }
  if (field === 'expiration') {
    if (/integer/i.test(messages)) {
      return new AppError('BAD_REQUEST', `The provider (${host}) wants the expiry as whole seconds. Choose the expiry again, then retry.`);
    }
    return new AppError('BAD_REQUEST', `The provider (${host}) refused the expiry time: it must be in the future (and within its limits). Choose a later expiry, then retry.`);
  }
  if (field === 'nonce') return new AppError('BAD_REQUEST', `The provider (${host}) could not read the nonce as a number. Try again; report it if it repeats.`);
  // Only a plain name is quoted: a key that looks like a value (a token, an address) may echo what was sent.
  const named = /^[a-z_]+$/i.test(field) ? `the "${field}" field` : 'a field';
  return new AppError('BAD_REQUEST', `The provider (${host}) says ${named} is missing or wrong. Check the account's address and provider URL, then try again.`);
}

function commonError(res: HttpResponse, now: number, flavour: 'provider' | 'node'): AppError {
  const { status, host } = res;
  const who = flavour === 'provider' ? 'provider' : 'Ocean Node';
  if (status === 429) return rateLimited(res, now, who);
  if (status === 503 && flavour === 'provider') {
    return new AppError('SERVER_ERROR', `The provider (${host}) could not handle the request (HTTP 503). Try again in a minute; if it repeats, check the account's address.`);
  }
  if (status >= 500) return new AppError('SERVER_ERROR', `The ${who} (${host}) had a server problem (HTTP ${status}). Try again in a minute.`);
  if (status === 404 || status === 405) {
    return new AppError('BAD_REQUEST', `The ${who} at ${host} does not offer auth tokens at this address (HTTP ${status}). Check the account's URL.`);
  }
  if (status >= 400) return new AppError('BAD_REQUEST', `The ${who} (${host}) refused the request (HTTP ${status}). Check the account settings, then try again.`);
  return new AppError('BAD_RESPONSE', `The ${who} (${host}) answered with an unexpected status (HTTP ${status}). Check the account's URL.`);
}

function nonceTooLow(host: string): AppError {
  return new AppError('NONCE_TOO_LOW', `${host} expected a newer nonce (another app may have used this key). Preview again; Token Vault will fetch the current nonce.`);
}

function signatureRejected(host: string): AppError {
  return new AppError('SIGNATURE_REJECTED', `${host} rejected the signature. Check that this account's key and URL belong together, then try again.`);
}

function rateLimited(res: HttpResponse, now: number, who: string): AppError {
  const retryAt = rateLimitResetAt(res.headers, now) ?? now + FALLBACK_RETRY_MS;
  return new AppError('RATE_LIMITED', `The ${who} (${res.host}) is limiting requests. Try again after ${new Date(retryAt).toISOString().slice(11, 19)} UTC.`, { retryAt });
}

/** `errors.<field>` is a list of strings, except `errors.signature`, which may be a plain string. */
function messagesOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string').join(' ');
  // Stryker disable next-line StringLiteral: equivalent, the text is only matched against patterns, which no other placeholder matches either
  return '';
}

/** The server's `error` text, or '' when it sent none. */
function errorTextOf(body: Record<string, unknown> | undefined): string {
  const error = body?.['error'];
  if (typeof error === 'string') return error;
  // Stryker disable next-line StringLiteral: equivalent, the text is only matched against patterns, which no other placeholder matches either
  return '';
}

function bodyOf(res: HttpResponse): Record<string, unknown> | undefined {
  try {
    const body = res.json();
    return isRecord(body) ? body : undefined;
    // Stryker disable next-line BlockStatement: equivalent, a function that falls off its end returns undefined too
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
