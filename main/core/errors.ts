import type { ErrorCode, ErrorData } from '../../preload/contract.js';

/** What each code means to a user, and what to do next. Used when no more specific text exists. */
export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  INTERNAL: 'Something went wrong inside Token Vault. Nothing was lost; try again, and report it if it repeats.',
  BAD_ARGUMENT: 'The request was not valid. Check the form and try again.',
  FORBIDDEN_SENDER: 'This request did not come from the Token Vault window and was refused.',
  UNINITIALIZED: 'No vault exists yet. Create one with a master password first.',
  ALREADY_INITIALIZED: 'A vault already exists here. Unlock it instead of creating a new one.',
  LOCKED: 'The vault is locked. Unlock it with your master password, then try again.',
  BAD_PASSWORD: 'That master password is not right. Check Caps Lock and try again.',
  WEAK_PASSWORD: 'That master password is too easy to guess. Choose a longer one, such as several unrelated words.',
  VAULT_DAMAGED: 'The vault file is damaged or was changed outside Token Vault. It was kept untouched; restore the newest backup that opens.',
  NOT_FOUND: 'That item no longer exists. Refresh the list and try again.',
  BAD_KEY: 'That is not a valid Ethereum private key. Paste 64 hex characters (with or without 0x), or import a keystore file.',
  KEYSTORE_TOO_COSTLY: 'That keystore file asks for an unreasonably expensive key derivation and was refused. Re-export it with standard settings.',
  KEYCHAIN_UNAVAILABLE: 'The OS keychain is not available on this system. Unlock with your master password instead.',
  KEYCHAIN_INSECURE: 'This system only offers a plain-text keychain, which is not real protection. Enable it only if you accept that.',
  BAD_CREDENTIALS: 'The server rejected these credentials. Check the email and password (or key) of this account; it was not retried, so the account is not locked out.',
  RATE_LIMITED: 'The server is rate-limiting requests. Wait until the time shown, then try again.',
  NOT_ACCEPTABLE: 'The server refused the API version we asked for. Check the account\'s API base URL.',
  SIGNATURE_REJECTED: 'The provider rejected the signature. Check that this account\'s key and provider URL belong together.',
  NONCE_TOO_LOW: 'The provider expected a newer nonce. Try again; Token Vault will fetch the current one.',
  ALREADY_GONE: 'The server no longer knows this token; it is already revoked or expired.',
  TOKEN_EXPIRED: 'This token has already expired; nothing is left to revoke.',
  BAD_REQUEST: 'The server refused the request as invalid. Check the account settings and try again.',
  BAD_RESPONSE: 'The server answered with something Token Vault could not understand. Check the base URL, then try again.',
  SERVER_ERROR: 'The server had an internal error. Try again in a minute.',
  NETWORK: 'Could not reach the server. Check your connection and the base URL, then try again.',
  TIMEOUT: 'The server took too long to answer. Try again; check the base URL if it keeps happening.',
  CANCELLED: 'The request was cancelled.',
  UNSUPPORTED_PROVIDER: 'That server does not look like a supported provider. Check the URL.',
  REDIRECT_REFUSED: 'The server tried to send the request to another address, which Token Vault never follows. Check the account\'s base URL.',
  PROVIDER_CHANGED: 'The server at this URL is now another kind of Ocean server than before. Preview again to sign for it.',
  CERT_UNTRUSTED: 'The server\'s certificate is not signed by an authority this computer trusts, so nothing was sent. Check the URL; on a company network, install its root certificate in the OS store.',
  CERT_WRONG_HOST: 'The server\'s certificate belongs to another host name, so nothing was sent. Check the account\'s base URL.',
  CERT_EXPIRED: 'The server\'s certificate has expired (or is not valid yet), so nothing was sent. Check the computer\'s clock, or ask the server\'s operator to renew it.',
  PROXY_REFUSED: 'The proxy refused the connection, so nothing was sent. Check the proxy settings (HTTPS_PROXY, or the system proxy) and its credentials.',
  PASSWORD_REQUIRED: 'This change weakens the vault\'s protection, so it needs your master password. Enter it with the change and try again.',
  SECRET_REQUIRED: 'This changes the server this account\'s secret is sent to. Enter the account\'s password, personal token or key again in the same form, then save.',
  NOT_CONFIRMED: 'Token Vault asked you to confirm this in its own dialog and it was not approved. Nothing was done; try again and choose the confirm button in that dialog if you meant it.',
  INPUT_REQUIRED: 'A token is revealed only right after you click or press a key in the Token Vault window. Click Reveal again.',
  TOO_MANY_ATTEMPTS: 'Too many attempts in a short time. Wait until the time shown, then try again.',
};

const RETRYABLE = new Set<ErrorCode>(['TOO_MANY_ATTEMPTS', 'RATE_LIMITED', 'NONCE_TOO_LOW', 'SERVER_ERROR', 'NETWORK', 'TIMEOUT', 'INTERNAL']);

/**
 * An error meant to be shown: its message is user-facing and must never contain a secret.
 * Anything thrown that is not an AppError becomes INTERNAL at the IPC boundary, its text dropped.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly retryAt: number | undefined;

  constructor(code: ErrorCode, message?: string, options: { retryable?: boolean; retryAt?: number; cause?: unknown } = {}) {
    super(message ?? DEFAULT_MESSAGES[code], options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE.has(code);
    this.retryAt = options.retryAt;
  }

  toData(): ErrorData {
    const data: ErrorData = { code: this.code, message: this.message, retryable: this.retryable };
    if (this.retryAt !== undefined) data.retryAt = this.retryAt;
    return data;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** The data of any thrown value, safe to send to the renderer: unknown errors lose their text. */
export function toErrorData(e: unknown): ErrorData {
  if (isAppError(e)) return e.toData();
  return { code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL, retryable: true };
}
