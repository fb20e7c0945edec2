import { isLiveToken, type RevokeAllResult } from '../../../../preload/contract.js';
import { requireConfirmed } from '../../presence/requireConfirmed.js';
import { revokeAccountTokens } from '../revokeAccountTokens.js';
import type { TokenRuntime } from '../TokenRuntime.js';

/** Revokes the live tokens of one account, or (null) of every account: either way one question, in main's dialog. */
export async function revokeAll(runtime: TokenRuntime, accountId: string | null): Promise<RevokeAllResult> {
  const accounts = accountId === null ? runtime.vault.read().accounts : [runtime.requireAccount(accountId)];
  const now = runtime.now();
  // One pass over the tokens, not one per account (every account at once is the global Revoke all).
  const asked = new Set(accounts.map((a) => a.id));
  const liveBy = new Map<string, number>();
  for (const t of runtime.vault.read().tokens) if (asked.has(t.accountId) && isLiveToken(t, now)) liveBy.set(t.accountId, (liveBy.get(t.accountId) ?? 0) + 1);
  const targets = accounts.filter((a) => liveBy.has(a.id));
  let live = 0;
  for (const n of liveBy.values()) live += n;
  if (live === 0) return { revoked: 0, failed: 0 };
  const tokens = `${live} live token${live === 1 ? '' : 's'}`;
  await requireConfirmed(
    runtime.presence(),
    {
      title: 'Revoke all tokens?',
      message: accountId === null ? `Revoke all ${tokens} of every account?` : `Revoke all ${tokens} of "${accounts[0]!.label}"?`,
      detail: 'Every script and service using them stops working at once. This cannot be undone.',
    },
    'Revoke all',
  );
  const total = { revoked: 0, failed: 0 };
  for (const a of targets) {
    const r = await revokeAccountTokens(runtime, a.id);
    total.revoked += r.revoked;
    total.failed += r.failed;
  }
  return total;
}
