import type { CheckOutcome } from '../../../../preload/contract.js';
import { accountRequest } from '../accountRequest.js';
import { refOf } from '../refOf.js';
import type { TokenRuntime } from '../TokenRuntime.js';

/** Asks the server; dead tokens are 'invalid' without a call, providers without a check say 'unknown'. */
export async function check(runtime: TokenRuntime, tokenId: string): Promise<CheckOutcome> {
  const token = runtime.requireToken(tokenId);
  if (token.state === 'revoked' || runtime.now() > token.expiresAt) return 'invalid';
  const account = runtime.requireAccount(token.accountId);
  const provider = runtime.provider(account.config.kind);
  if (!provider.check) return 'unknown';
  return provider.check({ ...accountRequest(runtime, account), token: refOf(token) });
}
