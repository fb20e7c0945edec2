import type { LeftoverSink } from '../providers/types.js';
import type { AccountConfig, AccountRecord, AccountSecrets } from '../vault/vaultRecords.js';
import { leftoverSink } from './cleanupQueue.js';
import type { TokenRuntime } from './TokenRuntime.js';

/** What every provider call for an account is made of (a MintRequest or, with a token, a RevokeRequest). */
export interface AccountRequest {
  config: AccountConfig;
  secrets: AccountSecrets;
  signal?: AbortSignal;
  leftover?: LeftoverSink;
}

export interface AccountRequestOptions {
  /** Why a temporary credential the call leaves on the server exists: given, it is queued for revoking (cleanupQueue). */
  leftover?: string;
  /** Default true: the call stops when the vault locks. */
  abortOnLock?: boolean;
}

/** The one builder of the token operations' provider requests: the account's config and secrets, the lock's signal, the leftover sink. */
export function accountRequest(runtime: TokenRuntime, account: AccountRecord, options: AccountRequestOptions = {}): AccountRequest {
  const request: AccountRequest = { config: account.config, secrets: account.secrets };
  if (options.abortOnLock !== false) request.signal = runtime.signal;
  if (options.leftover !== undefined) request.leftover = leftoverSink(runtime, account.id, options.leftover);
  return request;
}
