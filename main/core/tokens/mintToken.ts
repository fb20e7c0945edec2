import { toAccountView } from '../accounts/accountView.js';
import { AppError, isAppError } from '../errors.js';
import { normalizeBaseUrl } from '../providers/baseUrl.js';
import type { MintedToken, MintRequest, SigningPreview } from '../providers/types.js';
import type { AccountRecord, TokenRecord } from '../vault/vaultRecords.js';
import { noteHealth, setHealthIn } from './accountHealth.js';
import { codeOf } from './codeOf.js';
import { refOf } from './refOf.js';
import type { TokenRuntime } from './TokenRuntime.js';
import { accountRequest } from './accountRequest.js';
import { tokenPreview } from './tokenPreview.js';

export interface MintPlan {
  account: AccountRecord;
  expiresAt?: number;
  name?: string;
  approved?: SigningPreview;
  /** Set by auto-renew: the token being replaced. */
  renewedFrom?: string;
  /** Set by auto-renew: the lifetime the chain asks for (TokenRecord.lifetimeMs). */
  lifetimeMs?: number;
}

/**
 * Mints with the account's provider and stores the token, its metadata and the audit entry in one
 * vault update. If the vault cannot store it, the fresh token is revoked again at once: a live token
 * nobody can see or revoke from the app must not be left behind.
 */
export async function mintToken(runtime: TokenRuntime, plan: MintPlan): Promise<TokenRecord> {
  const { account } = plan;
  const action = plan.renewedFrom === undefined ? 'mint' : 'renew';
  const provider = runtime.provider(account.config.kind);
  const request: MintRequest = accountRequest(runtime, account, { leftover: 'temporary session of a mint' });
  if (plan.expiresAt !== undefined) request.expiresAt = plan.expiresAt;
  if (plan.name !== undefined) request.name = plan.name;
  if (plan.approved !== undefined) request.approved = plan.approved;

  // Before the call: the lifetime asked for is counted from the request, not from the server's answer.
  const requestedAt = runtime.now();
  let minted: MintedToken;
  try {
    minted = checkMinted(await provider.mint(request));
  } catch (e) {
    await runtime.record({ action, outcome: codeOf(e), accountId: account.id, accountLabel: account.label, tokenId: plan.renewedFrom });
    // The account's card keeps the failure (across lock and restart) until a call succeeds.
    await noteHealth(runtime, account.id, e);
    throw e;
  }
  runtime.redactor.add(minted.value);

  const token: TokenRecord = {
    id: runtime.newId(),
    accountId: account.id,
    kind: minted.kind,
    value: minted.value,
    createdAt: minted.createdAt,
    expiresAt: minted.expiresAt,
    state: 'active',
  };
  if (minted.serverId !== undefined) token.serverId = minted.serverId;
  if (minted.meta !== undefined) token.meta = { ...minted.meta };
  if (plan.name !== undefined) token.meta = { ...token.meta, name: plan.name };
  if (plan.renewedFrom !== undefined) token.renewedFrom = plan.renewedFrom;
  const lifetimeMs = plan.lifetimeMs ?? (plan.expiresAt === undefined ? undefined : plan.expiresAt - requestedAt);
  if (lifetimeMs !== undefined && lifetimeMs > 0) token.lifetimeMs = lifetimeMs;

  let learnt = false;
  let healed = false;
  try {
    await runtime.vault.update((data) => {
      data.tokens.push(structuredClone(token));
      if (plan.renewedFrom !== undefined) {
        const old = data.tokens.find((t) => t.id === plan.renewedFrom);
        if (old) {
          old.renewedBy = token.id;
          delete old.renewal;
        }
      }
      const stored = data.accounts.find((a) => a.id === account.id);
      learnt = recordConfirmedFlavour(stored, minted);
      healed = setHealthIn(stored, runtime.now(), null);
      runtime.audit.appendIn(data, { action, outcome: 'ok', ...runtime.describe(token, account), detail: token.kind });
    });
  } catch (e) {
    throw await undoUnsaved(runtime, account, token, e);
  }
  // The account's card shows the server's kind and the credentials' health: tell the window.
  if (learnt || healed) runtime.emit({ type: 'accounts-changed', accounts: runtime.vault.read().accounts.map(toAccountView) });
  runtime.logger.info('token minted', { tokenId: token.id, accountId: account.id, kind: token.kind, expiresAt: token.expiresAt });
  return token;
}

async function undoUnsaved(runtime: TokenRuntime, account: AccountRecord, token: TokenRecord, cause: unknown): Promise<AppError> {
  const code = isAppError(cause) ? cause.code : 'INTERNAL';
  runtime.logger.error('minted token could not be stored; revoking it', { accountId: account.id, code });
  try {
    // Not stopped by a lock: a live token nobody can see must not be left behind.
    await runtime.provider(account.config.kind).revoke({ ...accountRequest(runtime, account, { abortOnLock: false }), token: refOf(token) });
    return new AppError(code, 'The new token could not be saved in the vault, so it was revoked again. Nothing was kept; try again.', { cause });
  } catch {
    const until = new Date(token.expiresAt).toISOString();
    return new AppError(
      code,
      `The new token (${tokenPreview(token.value)}) could not be saved in the vault and revoking it failed; it stays valid on the server until ${until}.`,
      { cause },
    );
  }
}

/**
 * An Ocean mint confirms which kind of server the account's URL is: kept on the account (in the
 * same update as the token) so later previews and mints need no `GET {base}/`, which may be down.
 * Only while the account still points where the token was minted: a changed URL starts over at 'auto'.
 */
function recordConfirmedFlavour(account: AccountRecord | undefined, minted: MintedToken): boolean {
  const flavour = minted.meta?.['flavour'];
  if (account?.config.kind !== 'ocean' || (flavour !== 'provider' && flavour !== 'node')) return false;
  // Stryker disable next-line OptionalChaining: meta is defined here (its flavour was just read from it)
  if (account.config.flavour === flavour || normalizeBaseUrl(account.config.providerUrl) !== minted.meta?.['providerUrl']) return false;
  account.config = { ...account.config, flavour };
  return true;
}

function checkMinted(minted: MintedToken): MintedToken {
  const ok =
    typeof minted.value === 'string' &&
    minted.value.length > 0 &&
    Number.isFinite(minted.createdAt) &&
    Number.isFinite(minted.expiresAt) &&
    minted.expiresAt > minted.createdAt;
  if (!ok) throw new AppError('BAD_RESPONSE', 'The server answered the mint without a usable token or expiry. Try again, and check the account\'s base URL.');
  return minted;
}
