/**
 * The tray menu as plain data: a pure function of (token views, accounts, now, lock state).
 * main/tray/trayMenu.ts maps it to Electron's template; this file knows nothing about Electron.
 *
 * Choices (the tests pin them down):
 * - Order: by account label, then the longest-lived token first. Grouping keeps each account at a
 *   stable place in the menu (the tray is used by muscle memory, and soonest-expiry order would
 *   reshuffle it on every mint); within an account the freshest token, the one you want to copy,
 *   comes first. Expiring tokens are marked "⚠" instead of being moved.
 * - Cap: with more live tokens than `maxTokens`, tokens are picked round-robin across accounts
 *   (every account's freshest first), so a long list in one account cannot push the others out;
 *   a "More…" entry opens the window on the full list.
 * - Labels: minutes only, computed for the END of the current wall-clock minute, because the menu
 *   is rebuilt once a minute (see nextTrayRefreshAt). A label is therefore a lower bound for the
 *   whole time it is shown: the tray never promises more time than a token has.
 * - Mint: Azion mints straight from the tray; Ocean needs the user to approve the message it will
 *   sign, so its entry ends in "…" and asks for the window (`needsApproval`).
 */
import { COPY_FORMATS, displayState, isUsable, needsSigningApproval, TOKEN_HEADER_NAMES, type AccountView, type CopyFormat, type TokenView } from '../../preload/contract.js';
import { formatRemaining } from '../../preload/contract.js';

export type TrayAction =
  | { kind: 'copy'; tokenId: string; format?: CopyFormat }
  | { kind: 'revoke'; tokenId: string }
  | { kind: 'mint'; accountId: string; needsApproval: boolean }
  | { kind: 'lock' }
  | { kind: 'open' }
  | { kind: 'unlock' }
  | { kind: 'quit' }
  | { kind: 'more' };

export type TrayItem =
  | { type: 'action'; id: string; label: string; action: TrayAction; enabled?: boolean }
  | { type: 'submenu'; id: string; label: string; items: TrayItem[] }
  | { type: 'separator' };

export interface TrayModelInput {
  views: readonly TokenView[];
  accounts: readonly AccountView[];
  now: number;
  locked: boolean;
  alertLeadMs: number;
  maxTokens?: number;
}

export const DEFAULT_MAX_TOKENS = 15;
const MAX_LABEL_CHARS = 32;
const MINUTE = 60_000;

export const FORMAT_LABELS: Record<CopyFormat, string> = {
  raw: 'Copy token only',
  header: 'Copy as Authorization header',
  curl: 'Copy as curl command',
  export: 'Copy as shell export',
};

const SEPARATOR: TrayItem = { type: 'separator' };
const QUIT: TrayItem = { type: 'action', id: 'quit', label: 'Quit Token Vault', action: { kind: 'quit' } };

/** The first wall-clock minute boundary strictly after `now`: when the menu is next rebuilt. */
export function nextMinuteBoundary(now: number): number {
  return (Math.floor(now / MINUTE) + 1) * MINUTE;
}

/** Shown in the tray: a token that can still be copied at `now`. */
export function isLive(view: TokenView, now: number, alertLeadMs: number): boolean {
  return isUsable(displayState(view, now, alertLeadMs));
}

export function truncateLabel(label: string, max = MAX_LABEL_CHARS): string {
  const chars = [...label.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

export function tokenLabel(view: TokenView, now: number, alertLeadMs: number): string {
  const state = displayState(view, now, alertLeadMs);
  const remaining = formatRemaining(view.expiresAt - nextMinuteBoundary(now), { seconds: false });
  const marker = state === 'expiring' || state === 'revoke_failed' ? '⚠ ' : '';
  const note = state === 'revoke_failed' ? ' (revoke failed)' : '';
  return `${marker}${truncateLabel(view.accountLabel)} — ${remaining}${note}`;
}

const byLabel = (a: { label: string; id: string }, b: { label: string; id: string }): number =>
  a.label.localeCompare(b.label) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Live tokens in menu order, capped round-robin across accounts; `hidden` counts the rest. */
export function pickTokens(input: TrayModelInput): { shown: TokenView[]; hidden: number } {
  const max = Math.max(1, Math.floor(input.maxTokens ?? DEFAULT_MAX_TOKENS));
  const groups = new Map<string, TokenView[]>();
  for (const v of input.views) {
    if (!isLive(v, input.now, input.alertLeadMs)) continue;
    groups.set(v.accountId, [...(groups.get(v.accountId) ?? []), v]);
  }
  const ordered = [...groups.values()]
    .map((g) => g.sort((a, b) => b.expiresAt - a.expiresAt || (a.id < b.id ? -1 : 1)))
    .sort((a, b) => byLabel({ label: a[0]!.accountLabel, id: a[0]!.accountId }, { label: b[0]!.accountLabel, id: b[0]!.accountId }));
  const total = ordered.reduce((n, g) => n + g.length, 0);
  const chosen = new Set<TokenView>();
  for (let round = 0; chosen.size < Math.min(max, total); round++) {
    for (const g of ordered) {
      const v = g[round];
      if (v && chosen.size < max) chosen.add(v);
    }
  }
  return { shown: ordered.flat().filter((v) => chosen.has(v)), hidden: total - chosen.size };
}

function tokenSubmenu(view: TokenView, label: string, defaultFormat: CopyFormat | undefined, failed: boolean): TrayItem {
  const copies: TrayItem[] = COPY_FORMATS.filter((f) => f !== defaultFormat).map((format) => ({
    type: 'action',
    id: `copy:${view.id}:${format}`,
    label: format === 'header' ? `Copy as ${TOKEN_HEADER_NAMES[view.kind]} header` : FORMAT_LABELS[format],
    action: { kind: 'copy', tokenId: view.id, format },
  }));
  const revoke: TrayItem = { type: 'action', id: `revoke:${view.id}`, label: failed ? 'Retry revoke now' : 'Revoke now (no undo)', action: { kind: 'revoke', tokenId: view.id } };
  return { type: 'submenu', id: `token-menu:${view.id}`, label, items: [...copies, SEPARATOR, revoke] };
}

function mintItems(accounts: readonly AccountView[]): TrayItem[] {
  if (accounts.length === 0) return [];
  const items: TrayItem[] = [...accounts].sort(byLabel).map((a) => {
    const needsApproval = needsSigningApproval(a.config);
    return {
      type: 'action',
      id: `mint:${a.id}`,
      label: `${truncateLabel(a.label)}${needsApproval ? '…' : ''}`,
      action: { kind: 'mint', accountId: a.id, needsApproval },
    };
  });
  return [{ type: 'submenu', id: 'mint-menu', label: 'Mint new token', items }];
}

export function buildTrayModel(input: TrayModelInput): TrayItem[] {
  if (input.locked) {
    return [{ type: 'action', id: 'unlock', label: 'Unlock Token Vault…', action: { kind: 'unlock' } }, SEPARATOR, QUIT];
  }
  const { shown, hidden } = pickTokens(input);
  const defaults = new Map(input.accounts.map((a) => [a.id, a.defaultCopyFormat]));
  const tokens: TrayItem[] = [];
  const perToken: TrayItem[] = [];
  for (const v of shown) {
    const label = tokenLabel(v, input.now, input.alertLeadMs);
    // No format: the token service copies in the account's default, even if accounts lag behind.
    tokens.push({ type: 'action', id: `token:${v.id}`, label, action: { kind: 'copy', tokenId: v.id } });
    const failed = displayState(v, input.now, input.alertLeadMs) === 'revoke_failed';
    perToken.push(tokenSubmenu(v, label, defaults.get(v.accountId), failed));
  }
  if (tokens.length === 0) tokens.push({ type: 'action', id: 'empty', label: 'No live tokens', action: { kind: 'open' }, enabled: false });
  if (hidden > 0) tokens.push({ type: 'action', id: 'more', label: `More… (${hidden} more)`, action: { kind: 'more' } });
  const actions: TrayItem[] = perToken.length > 0 ? [{ type: 'submenu', id: 'token-actions', label: 'Other formats and revoke', items: perToken }] : [];
  return [
    ...tokens,
    SEPARATOR,
    ...actions,
    ...mintItems(input.accounts),
    { type: 'action', id: 'lock', label: 'Lock now', action: { kind: 'lock' } },
    { type: 'action', id: 'open', label: 'Open Token Vault', action: { kind: 'open' } },
    SEPARATOR,
    QUIT,
  ];
}

/**
 * When the model built at `now` can next differ: the next minute boundary (labels) or the next
 * state change of a token (turning "expiring", expiring). Null when nothing will change by itself.
 * The menu is identical for every instant in [now, result): the tests check exactly that.
 */
export function nextTrayRefreshAt(input: Pick<TrayModelInput, 'views' | 'now' | 'locked' | 'alertLeadMs'>): number | null {
  if (input.locked) return null;
  let next = Infinity;
  for (const v of input.views) {
    if (!isLive(v, input.now, input.alertLeadMs)) continue;
    next = Math.min(next, nextMinuteBoundary(input.now), v.expiresAt + 1);
    const expiringAt = v.expiresAt - input.alertLeadMs;
    if (expiringAt > input.now) next = Math.min(next, expiringAt);
  }
  return Number.isFinite(next) ? next : null;
}
