import { isLiveToken } from '../../../preload/contract.js';
import { isAppError } from '../errors.js';
import { revokeToken } from './revokeToken.js';
import type { TokenRuntime } from './TokenRuntime.js';

/** Revokes every live token of an account, one at a time (providers serialize per key anyway). */
export async function revokeAccountTokens(runtime: TokenRuntime, accountId: string): Promise<{ revoked: number; failed: number }> {
  runtime.requireAccount(accountId);
  const now = runtime.now();
  const targets = runtime.vault
    .read()
    .tokens.filter((t) => t.accountId === accountId && isLiveToken(t, now))
    .map((t) => t.id);
  let revoked = 0;
  let failed = 0;
  for (const id of targets) {
    try {
      const result = await revokeToken(runtime, id);
      if (result.state === 'revoked') revoked++;
      else failed++;
    } catch (e) {
      // A locked vault stops the whole batch; anything else is one token's failure.
      if (isAppError(e) && e.code === 'LOCKED') throw e;
      failed++;
    }
  }
  return { revoked, failed };
}
