import type { ErrorCode, ErrorData } from '../../../preload/contract';
import { retryText } from './format.js';

export interface ErrorText {
  /** A short headline: what kind of problem. */
  title: string;
  /** What happened and what to do: main's message, plus anything only the renderer knows. */
  detail: string;
}

/**
 * Every error code the window can receive, with a headline. The switch is exhaustive: a new code in
 * the contract fails the typecheck here until it gets a headline.
 */
export function errorTitle(code: ErrorCode): string {
  switch (code) {
    case 'INTERNAL':
      return 'Something went wrong';
    case 'BAD_ARGUMENT':
      return 'Invalid input';
    case 'FORBIDDEN_SENDER':
      return 'Request refused';
    case 'UNINITIALIZED':
      return 'No vault yet';
    case 'ALREADY_INITIALIZED':
      return 'Vault already exists';
    case 'LOCKED':
      return 'Vault is locked';
    case 'BAD_PASSWORD':
      return 'Wrong password';
    case 'WEAK_PASSWORD':
      return 'Password too weak';
    case 'VAULT_DAMAGED':
      return 'Vault file damaged';
    case 'NOT_FOUND':
      return 'Not found';
    case 'BAD_KEY':
      return 'Key not usable';
    case 'KEYSTORE_TOO_COSTLY':
      return 'Keystore too costly to open';
    case 'KEYCHAIN_UNAVAILABLE':
      return 'OS keychain unavailable';
    case 'KEYCHAIN_INSECURE':
      return 'OS keychain not secure';
    case 'BAD_CREDENTIALS':
      return 'Credentials refused';
    case 'RATE_LIMITED':
      return 'Rate limited';
    case 'NOT_ACCEPTABLE':
      return 'Request not accepted';
    case 'SIGNATURE_REJECTED':
      return 'Signature rejected';
    case 'NONCE_TOO_LOW':
      return 'Nonce out of date';
    case 'ALREADY_GONE':
      return 'Already gone';
    case 'TOKEN_EXPIRED':
      return 'Token expired';
    case 'BAD_REQUEST':
      return 'Request refused by the provider';
    case 'BAD_RESPONSE':
      return 'Unexpected answer from the provider';
    case 'SERVER_ERROR':
      return 'Provider error';
    case 'NETWORK':
      return 'Network problem';
    case 'TIMEOUT':
      return 'Timed out';
    case 'CANCELLED':
      return 'Cancelled';
    case 'UNSUPPORTED_PROVIDER':
      return 'Provider not supported';
    case 'REDIRECT_REFUSED':
      return 'Redirect not followed';
    case 'PROVIDER_CHANGED':
      return 'Server changed kind';
    case 'CERT_UNTRUSTED':
      return 'Certificate not trusted';
    case 'CERT_WRONG_HOST':
      return 'Certificate for another host';
    case 'CERT_EXPIRED':
      return 'Certificate expired';
    case 'PROXY_REFUSED':
      return 'Proxy refused';
    case 'PASSWORD_REQUIRED':
      return 'Master password needed';
    case 'SECRET_REQUIRED':
      return 'Secret needed again';
    case 'NOT_CONFIRMED':
      return 'Not confirmed';
    case 'INPUT_REQUIRED':
      return 'Click to reveal';
    case 'TOO_MANY_ATTEMPTS':
      return 'Too many attempts';
    default: {
      const unknown: never = code;
      return `Error ${String(unknown)}`;
    }
  }
}

/** Headline and detail for an error result; RATE_LIMITED gets the time the user may retry. */
export function describeError(error: ErrorData, now: number): ErrorText {
  let detail = error.message;
  if ((error.code === 'RATE_LIMITED' || error.code === 'TOO_MANY_ATTEMPTS') && error.retryAt !== undefined) {
    const when = retryText(error.retryAt, now);
    detail = `${detail.replace(/\s+$/, '')} (${when.charAt(0).toUpperCase()}${when.slice(1)}.)`;
  }
  return { title: errorTitle(error.code), detail };
}

/** One line for toasts and inline notes. */
export function errorLine(error: ErrorData, now: number): string {
  const { title, detail } = describeError(error, now);
  return detail ? `${title}: ${detail}` : title;
}
