import { toAccountView } from '../accounts/accountView.js';
import { isAppError, toErrorData } from '../errors.js';
import type { ErrorCode } from '../../../preload/contract.js';
import type { AccountRecord } from '../vault/vaultRecords.js';
import { codeOf } from './codeOf.js';
import type { TokenRuntime } from './TokenRuntime.js';

/**
 * What a server's answer says about an account's credentials. A declined dialog, a lock or a bad
 * argument from the window says nothing about them, and is not kept.
 */
const SERVER_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'BAD_CREDENTIALS',
  'RATE_LIMITED',
  'NOT_ACCEPTABLE',
  'SIGNATURE_REJECTED',
  'NONCE_TOO_LOW',
  'BAD_REQUEST',
  'BAD_RESPONSE',
  'SERVER_ERROR',
  'NETWORK',
  'TIMEOUT',
]);

export function saysAboutCredentials(e: unknown): boolean {
  return isAppError(e) && SERVER_CODES.has(e.code);
}

/**
 * Sets an account's health inside a vault update: a failure replaces what was there; a success
 * only when the account had none or a failure (so a mint after a mint rewrites nothing). True when
 * it changed, so the caller tells the window.
 */
export function setHealthIn(account: AccountRecord | undefined, at: number, error: unknown): boolean {
  if (!account) return false;
  if (error === null) {
    if (account.health && account.health.error === null) return false;
    account.health = { at, error: null };
    return true;
  }
  const { code, message, retryable } = toErrorData(error);
  account.health = { at, error: { code, message, retryable } };
  return true;
}

/** Keeps a call's outcome on the account (its own vault write) and tells the window; never throws. */
export async function noteHealth(runtime: TokenRuntime, accountId: string, error: unknown, force = false): Promise<void> {
  if (error !== null && !saysAboutCredentials(error)) return;
  const at = runtime.now();
  let changed: boolean;
  try {
    changed = await runtime.vault.update((data) => {
      const account = data.accounts.find((a) => a.id === accountId);
      // An explicit check rewrites the time of a success too (a failure replaces the health anyway).
      if (force && account) delete account.health;
      return setHealthIn(account, at, error);
    });
  } catch (e) {
    runtime.logger.warn('account health not saved', { accountId, code: codeOf(e) });
    return;
  }
  if (changed) runtime.emit({ type: 'accounts-changed', accounts: runtime.vault.read().accounts.map(toAccountView) });
}
