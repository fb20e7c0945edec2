import type { CopyFormat, CopyResult } from '../../../../preload/contract.js';
import { copyText } from '../copyText.js';
import { requireUsable } from '../requireUsable.js';
import type { TokenRuntime } from '../TokenRuntime.js';

/**
 * Main writes the clipboard, audited first so no copy goes unrecorded, and clears it later only if it
 * still holds what we wrote (the scheduler owns the timer).
 */
export async function copy(runtime: TokenRuntime, tokenId: string, format?: CopyFormat): Promise<CopyResult> {
  const token = requireUsable(runtime, tokenId);
  const account = runtime.account(token.accountId);
  const chosen = format ?? account?.defaultCopyFormat ?? 'raw';
  const text = copyText(chosen, token, { config: account?.config, meta: token.meta, now: runtime.now() });
  await runtime.audit.append({ action: 'copy', outcome: 'ok', ...runtime.describe(token, account), detail: chosen });
  const seconds = runtime.settings().clipboardClearSeconds;
  const clearsAt = seconds > 0 ? runtime.now() + seconds * 1000 : null;
  await runtime.clipboard.write(text, clearsAt);
  runtime.clipboardChanged();
  return { format: chosen, clearsAt };
}
