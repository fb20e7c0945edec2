import { displayState, type AccountView, type ProviderKind, type TokenView } from '../../../preload/contract';

export interface TokenGroup {
  accountId: string;
  label: string;
  provider: ProviderKind;
  account: AccountView | undefined;
  /** Live tokens (active, expiring, revoking, revoke failed), the soonest to expire first. */
  tokens: TokenView[];
  /** Revoked and expired tokens, the most recently ended first. */
  history: TokenView[];
}

/**
 * Accounts in their own order, each with its tokens (already in expiry order) split into live ones
 * and history. Empty accounts only when `showEmpty`; tokens of an account that is gone (or not
 * listed yet) still show, under their own label.
 */
export function groupTokens(accounts: readonly AccountView[], matching: Map<string, TokenView[]>, showEmpty: boolean, now: number): TokenGroup[] {
  const groups: TokenGroup[] = [];
  const split = (accountId: string, label: string, provider: ProviderKind, account: AccountView | undefined, list: TokenView[]): TokenGroup => {
    const tokens: TokenView[] = [];
    const history: TokenView[] = [];
    for (const t of list) (t.state === 'revoked' || displayState(t, now, 0) === 'expired' ? history : tokens).push(t);
    history.reverse();
    return { accountId, label, provider, account, tokens, history };
  };
  const seen = new Set<string>();
  for (const account of accounts) {
    seen.add(account.id);
    const list = matching.get(account.id);
    if (list || showEmpty) groups.push(split(account.id, account.label, account.config.kind, account, list ?? []));
  }
  for (const [accountId, list] of matching) {
    if (seen.has(accountId)) continue;
    const first = list[0]!;
    groups.push(split(accountId, first.accountLabel, first.provider, undefined, list));
  }
  return groups;
}
