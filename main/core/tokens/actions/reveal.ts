import type { RevealGate } from '../RevealGate.js';
import { requireUsable } from '../requireUsable.js';
import type { TokenContext } from '../TokenContext.js';

/** The value, once, for display behind a user gesture that main saw; audited before it leaves. */
export async function reveal(ctx: TokenContext, gate: RevealGate, tokenId: string): Promise<string> {
  ctx.requireToken(tokenId);
  gate.admit();
  const token = requireUsable(ctx, tokenId);
  await ctx.audit.append({ action: 'reveal', outcome: 'ok', ...ctx.describe(token, ctx.account(token.accountId)) });
  return token.value;
}
