import type { CheckOutcome } from '../../../../preload/contract.js';
import { refOf, type TokenContext } from '../TokenContext.js';

/** Asks the server; dead tokens are 'invalid' without a call, providers without a check say 'unknown'. */
export async function check(ctx: TokenContext, tokenId: string): Promise<CheckOutcome> {
  const token = ctx.requireToken(tokenId);
  if (token.state === 'revoked' || ctx.now() > token.expiresAt) return 'invalid';
  const account = ctx.requireAccount(token.accountId);
  const provider = ctx.deps.providers(account.config.kind);
  if (!provider.check) return 'unknown';
  return provider.check({ config: account.config, secrets: account.secrets, token: refOf(token), signal: ctx.abort.signal });
}
