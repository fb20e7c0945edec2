/** Errors cross IPC as data: a closed set of codes, a sentence for the user, and whether to retry. */

/** Closed set of error codes. The renderer switches on these exhaustively. */
export const ERROR_CODES = [
  // plumbing
  'INTERNAL',
  'BAD_ARGUMENT',
  'FORBIDDEN_SENDER',
  // vault
  'UNINITIALIZED',
  'ALREADY_INITIALIZED',
  'LOCKED',
  'BAD_PASSWORD',
  'WEAK_PASSWORD',
  'VAULT_DAMAGED',
  'NOT_FOUND',
  'BAD_KEY',
  'KEYSTORE_TOO_COSTLY',
  'KEYCHAIN_UNAVAILABLE',
  'KEYCHAIN_INSECURE',
  // providers
  'BAD_CREDENTIALS',
  'RATE_LIMITED',
  'NOT_ACCEPTABLE',
  'SIGNATURE_REJECTED',
  'NONCE_TOO_LOW',
  'ALREADY_GONE',
  'TOKEN_EXPIRED',
  'BAD_REQUEST',
  'BAD_RESPONSE',
  'SERVER_ERROR',
  'NETWORK',
  'TIMEOUT',
  'CANCELLED',
  'UNSUPPORTED_PROVIDER',
  // network (issue 15): what the connection itself refused
  'REDIRECT_REFUSED',
  'PROVIDER_CHANGED',
  'CERT_UNTRUSTED',
  'CERT_WRONG_HOST',
  'CERT_EXPIRED',
  'PROXY_REFUSED',
  // the person decides (issue 12: the window is only a view)
  'PASSWORD_REQUIRED',
  'SECRET_REQUIRED',
  'NOT_CONFIRMED',
  'INPUT_REQUIRED',
  'TOO_MANY_ATTEMPTS',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorData {
  code: ErrorCode;
  /** A sentence a user understands: what happened and what to do next. Never holds a secret. */
  message: string;
  retryable: boolean;
  /** Epoch ms before which a retry is pointless (rate limits). */
  retryAt?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData };
