import { displayState, ERROR_CODES, type ErrorCode, type ProviderKind, type TokenKind, type TokenView } from '../../../preload/contract.js';
import type { AccountRecord, TokenRecord } from '../vault/vaultRecords.js';
import { tokenPreview } from './tokenPreview.js';

export function providerOf(kind: TokenKind): ProviderKind {
  return kind.startsWith('azion') ? 'azion' : 'ocean';
}

const REMOVED_ACCOUNT = '(removed account)';

/** The renderer's picture of a token: everything but the value. */
export function toTokenView(token: TokenRecord, accountLabel: string, now: number, alertLeadMs: number): TokenView {
  const view: TokenView = {
    id: token.id,
    accountId: token.accountId,
    accountLabel,
    provider: providerOf(token.kind),
    kind: token.kind,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    preview: tokenPreview(token.value),
    state: displayState(token, now, alertLeadMs),
  };
  if (token.failure) {
    // A failed revoke is always worth retrying by hand, whatever the code's default says.
    view.failure = { code: asErrorCode(token.failure.code), message: token.failure.message, retryable: true };
  }
  if (token.renewedFrom !== undefined) view.renewedFrom = token.renewedFrom;
  if (token.renewal && token.renewedBy === undefined) {
    const r = token.renewal;
    const code = asErrorCode(r.lastError.code);
    view.renewal = {
      failingSince: r.failingSince,
      attempts: r.attempts,
      lastError: { code, message: r.lastError.message, retryable: true },
      nextAttemptAt: r.nextAttemptAt,
    };
  }
  return view;
}

/** Every token, newest first. */
export function listViews(
  tokens: readonly TokenRecord[],
  accounts: readonly AccountRecord[],
  now: number,
  alertLeadMs: number,
): TokenView[] {
  const labels = new Map(accounts.map((a) => [a.id, a.label]));
  return tokens
    .map((t) => toTokenView(t, labels.get(t.accountId) ?? REMOVED_ACCOUNT, now, alertLeadMs))
    .sort(newestFirst);
}

/** Newest first; tokens created at the same moment by id, ascending. */
function newestFirst(a: TokenView, b: TokenView): number {
  // Stryker disable next-line EqualityOperator: a.id <= b.id is the same, as no two ids are equal
  return b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1);
}

const CODES = new Set<string>(ERROR_CODES);

export function asErrorCode(code: string): ErrorCode {
  return CODES.has(code) ? (code as ErrorCode) : 'INTERNAL';
}
