import type { AccountCheckResult } from '../../../../preload/contract.js';
import { AppError } from '../../errors.js';
import { accountRequest } from '../accountRequest.js';
import { noteHealth } from '../accountHealth.js';
import type { TokenRuntime } from '../TokenRuntime.js';

/** Asks the server whether an account's credentials work; the outcome stays on the account's card. */
export async function checkAccount(runtime: TokenRuntime, accountId: string): Promise<AccountCheckResult> {
  const account = runtime.requireAccount(accountId);
  const provider = runtime.provider(account.config.kind);
  if (!provider.checkCredentials) throw new AppError('BAD_ARGUMENT', 'This account has no credentials a server can check: its key signs each token.');
  try {
    await provider.checkCredentials(accountRequest(runtime, account, { leftover: 'temporary session of a credentials check' }));
  } catch (e) {
    await noteHealth(runtime, accountId, e);
    throw e;
  }
  // An explicit check: its time is the one the card shows.
  await noteHealth(runtime, accountId, null, true);
  return { checkedAt: runtime.now() };
}
