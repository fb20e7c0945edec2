import type { TokenView } from '../../../../preload/contract.js';
import { revokeToken } from '../revokeToken.js';
import type { TokenRuntime } from '../TokenRuntime.js';

/** One-click revoke of one token (see revokeToken); a second click joins the first. */
export async function revoke(runtime: TokenRuntime, tokenId: string): Promise<TokenView> {
  return runtime.view(await revokeToken(runtime, tokenId));
}
