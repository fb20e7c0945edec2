import type { ClearHistoryResult } from '../../../../preload/contract.js';
import { requireConfirmed } from '../../presence/requireConfirmed.js';
import type { TokenRuntime } from '../TokenRuntime.js';

/** Removes an account's revoked and expired tokens from the list, after main's dialog (the audit keeps them). */
export async function clearHistory(runtime: TokenRuntime, accountId: string): Promise<ClearHistoryResult> {
  const account = runtime.requireAccount(accountId);
  const now = runtime.now();
  // Only what the window shows as history: revoked, or expired and not being revoked.
  const dead = (t: { accountId: string; state: string; expiresAt: number }): boolean =>
    t.accountId === accountId && (t.state === 'revoked' || (t.state !== 'revoking' && now > t.expiresAt));
  const count = runtime.vault.read().tokens.filter(dead).length;
  if (count === 0) return { removed: 0 };
  // A bulk removal: the person says yes in main's dialog, whatever the window sent.
  await requireConfirmed(
    runtime.presence(),
    {
      title: 'Clear history?',
      message: `Remove ${count} revoked and expired token${count === 1 ? '' : 's'} of "${account.label}" from the list?`,
      detail: 'None of them can be used any more. The audit log keeps its record of every one.',
    },
    'Clear history',
  );
  let removed = 0;
  await runtime.track(
    runtime.vault.update((data) => {
      const before = data.tokens.length;
      data.tokens = data.tokens.filter((t) => !dead(t));
      removed = before - data.tokens.length;
    }),
  );
  runtime.changed();
  return { removed };
}
