import type { CopyFormat, CopyResult } from '../../../../preload/contract.js';
import type { ClipboardGuard } from '../ClipboardGuard.js';
import { copyText } from '../copyText.js';
import { requireUsable } from '../requireUsable.js';
import type { TokenContext } from '../TokenContext.js';

/**
 * Main writes the clipboard, audited first so no copy goes unrecorded, and clears it later only if it
 * still holds what we wrote (the scheduler owns the timer).
 */
export async function copy(ctx: TokenContext, guard: ClipboardGuard, tokenId: string, format?: CopyFormat): Promise<CopyResult> {
  const token = requireUsable(ctx, tokenId);
  const account = ctx.account(token.accountId);
  const chosen = format ?? account?.defaultCopyFormat ?? 'raw';
  const text = copyText(chosen, token, { config: account?.config, meta: token.meta, now: ctx.now() });
  await ctx.audit.append({ action: 'copy', outcome: 'ok', ...ctx.describe(token, account), detail: chosen });
  const seconds = ctx.deps.settings().clipboardClearSeconds;
  const clearsAt = seconds > 0 ? ctx.now() + seconds * 1000 : null;
  await guard.write(text, clearsAt);
  ctx.onClipboardChanged();
  return { format: chosen, clearsAt };
}
