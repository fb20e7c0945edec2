import { AppError } from '../../errors.js';
import type { MintRequest } from '../../providers/types.js';
import type { TokenRecord } from '../../vault/vaultRecords.js';
import { accountRequest } from '../accountRequest.js';
import { mintToken, type MintPlan } from '../mintToken.js';
import { revokeToken } from '../revokeToken.js';
import { codeOf } from '../codeOf.js';
import { refOf } from '../refOf.js';
import type { TokenRuntime } from '../TokenRuntime.js';

/**
 * Auto-renew: mints a replacement with the same lifetime and, if the account asks for it, revokes the
 * old token once the new one is known to work. For Ocean, turning auto-renew on for an account is the
 * user's standing approval of the signing previews renewals produce (there is nobody to click then).
 */
export async function renew(runtime: TokenRuntime, oldId: string): Promise<TokenRecord> {
  const old = runtime.requireToken(oldId);
  const account = runtime.requireAccount(old.accountId);
  if (!account.autoRenew) throw new AppError('BAD_ARGUMENT', 'Auto-renew is off for this account.');
  const provider = runtime.provider(account.config.kind);
  // The chain's own lifetime: the old token's span is shorter by its mint's latency (see lifetimeMs).
  const lifetime = old.lifetimeMs ?? old.expiresAt - old.createdAt;
  const expiresAt = runtime.now() + lifetime;
  const plan: MintPlan = { account, renewedFrom: old.id, expiresAt, lifetimeMs: lifetime };
  if (old.meta?.name !== undefined) plan.name = old.meta.name;

  if (provider.previewMint) {
    const request: MintRequest = { ...accountRequest(runtime, account), expiresAt };
    try {
      plan.approved = await provider.previewMint(request);
    } catch (e) {
      await runtime.record({ action: 'renew', outcome: codeOf(e), accountId: account.id, accountLabel: account.label, tokenId: old.id });
      throw e;
    }
    plan.expiresAt = plan.approved.expiresAt;
  }
  const fresh = await mintToken(runtime, plan);
  runtime.changed();

  if (account.revokeOnRenew) {
    // "After the new one works": a definite 'valid' from the server, or a successful mint where the
    // provider offers no check. On 'invalid' or 'unknown' the old token is kept; it expires soon anyway.
    const works = provider.check
      ? await provider.check({ ...accountRequest(runtime, account), token: refOf(fresh) }).catch(() => 'unknown' as const)
      : 'valid';
    if (works === 'valid') await revokeToken(runtime, old.id);
    else await runtime.record({ action: 'renew', outcome: 'ok', ...runtime.describe(old, account), detail: `old token kept: new one checked ${works}` });
  }
  return fresh;
}
