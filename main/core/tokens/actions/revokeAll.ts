import { isLiveToken, type RevokeAllResult } from '../../../../preload/contract.js';
import { requireConfirmed } from '../../presence/requireConfirmed.js';
import { revokeAccountTokens } from '../revokeAccountTokens.js';
import type { TokenRuntime } from '../TokenRuntime.js';

/** Revokes the live tokens of one account, or (null) of every account: either way one question, in main's dialog. */
export async function revokeAll(runtime: TokenRuntime, accountId: string | null): Promise<RevokeAllResult> {
  const accounts = accountId === null ? runtime.vault.read().accounts : [runtime.requireAccount(accountId)];
  const now = runtime.now();
  const liveOf = (id: string): number => runtime.vault.read().tokens.filter((t) => t.accountId === id && isLiveToken(t, now)).length;
  const targets = accounts.map((a) => ({ id: a.id, live: liveOf(a.id) })).filter((a) => a.live > 0);
  const live = targets.reduce((n, a) => n + a.live, 0);
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
