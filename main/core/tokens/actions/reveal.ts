import { requireUsable } from '../requireUsable.js';
import type { TokenRuntime } from '../TokenRuntime.js';

/** The value, once, for display behind a user gesture that main saw; audited before it leaves. */
export async function reveal(runtime: TokenRuntime, tokenId: string): Promise<string> {
  runtime.requireToken(tokenId);
  runtime.admitReveal();
  const token = requireUsable(runtime, tokenId);
  await runtime.audit.append({ action: 'reveal', outcome: 'ok', ...runtime.describe(token, runtime.account(token.accountId)) });
  return token.value;
}
