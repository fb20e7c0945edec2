import { tick } from 'svelte';
import { displayState } from '../../../preload/contract';
import type { AccountView, CopyFormat, ErrorData, MintOptions, ProviderKind, Result, SigningPreviewView, TokenState, TokenView, VaultApi } from '../../../preload/contract';
import type { AccountStore } from './accounts.svelte.js';
import type { Clock } from './clock.svelte.js';
import { KIND_NAMES, PROVIDER_NAMES } from './labels.js';

export type ProviderFilter = 'all' | ProviderKind;
export type StateFilter = 'all' | TokenState;

export interface TokenGroup {
  accountId: string;
  label: string;
  provider: ProviderKind;
  account: AccountView | undefined;
  tokens: TokenView[];
}

export interface TokenStoreDeps {
  api: VaultApi;
  accounts: AccountStore;
  clock: Clock;
  /** Minutes before expiry at which a token reads "expiring" (a setting). */
  alertLeadMs: () => number;
}

const newestFirst = (a: TokenView, b: TokenView): number => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1);

/**
 * The token list main reports, the filters over it, and the calls a row makes. Views are replaced
 * whole on 'tokens-changed'; the store only adds what main cannot know: which calls are in flight.
 */
export class TokenStore {
  list = $state.raw<TokenView[]>([]);
  loaded = $state(false);
  query = $state('');
  provider = $state<ProviderFilter>('all');
  state = $state<StateFilter>('all');
  /** Revocations in flight, so a row shows progress the moment it is clicked. */
  revoking = $state<Record<string, true>>({});
  /** Accounts with a mint in flight (the group's Mint button spins). */
  minting = $state<Record<string, true>>({});
  /** The last failed call per token when main's view carries no failure of its own. */
  errors = $state<Record<string, ErrorData>>({});
  /** The row to scroll to and flash (focus-token, a fresh mint); seq restarts the flash. */
  highlight = $state<{ id: string; seq: number } | null>(null);
  /** The row keyboard focus last entered (by keys, Tab or a click). */
  focusedRow = $state<string | null>(null);
  #deps: TokenStoreDeps;

  constructor(deps: TokenStoreDeps) {
    this.#deps = deps;
  }

  get filtering(): boolean {
    return this.query.trim() !== '' || this.provider !== 'all' || this.state !== 'all';
  }

  /** The state a row shows now: a click on revoke wins until main answers. */
  stateOf(token: TokenView, now: number): TokenState {
    if (this.revoking[token.id]) return 'revoking';
    return displayState(token, now, this.#deps.alertLeadMs());
  }

  filtered = $derived.by((): TokenView[] => {
    const q = this.query.trim().toLowerCase();
    const provider = this.provider;
    const state = this.state;
    // Only a state filter depends on time: without one, a tick does not re-filter the list.
    const now = state === 'all' ? 0 : this.#deps.clock.now;
    return this.list.filter(
      (t) =>
        (provider === 'all' || t.provider === provider) &&
        (state === 'all' || this.stateOf(t, now) === state) &&
        (q === '' ||
          t.accountLabel.toLowerCase().includes(q) ||
          t.preview.toLowerCase().includes(q) ||
          KIND_NAMES[t.kind].toLowerCase().includes(q) ||
          PROVIDER_NAMES[t.provider].toLowerCase().includes(q)),
    );
  });

  /** Accounts in their own order, each with its tokens newest first. Empty accounts only when unfiltered. */
  groups = $derived.by((): TokenGroup[] => {
    // A scratch index inside a derivation, never read reactively.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const byAccount = new Map<string, TokenView[]>();
    for (const t of this.filtered) {
      const bucket = byAccount.get(t.accountId);
      if (bucket) bucket.push(t);
      else byAccount.set(t.accountId, [t]);
    }
    const groups: TokenGroup[] = [];
    const showEmpty = !this.filtering;
    for (const account of this.#deps.accounts.list) {
      const tokens = byAccount.get(account.id) ?? [];
      byAccount.delete(account.id);
      if (tokens.length > 0 || showEmpty) {
        groups.push({ accountId: account.id, label: account.label, provider: account.config.kind, account, tokens: tokens.sort(newestFirst) });
      }
    }
    // Tokens of an account that is gone (or not listed yet) still show, under their own label.
    for (const [accountId, tokens] of byAccount) {
      const first = tokens[0]!;
      groups.push({ accountId, label: first.accountLabel, provider: first.provider, account: undefined, tokens: tokens.sort(newestFirst) });
    }
    return groups;
  });

  /**
   * The list's one Tab stop (a roving tabindex): the row last focused while it is shown, else the
   * first row shown. Tab enters the list there and leaves it after that row's buttons, however many
   * rows there are; arrow keys move between rows.
   */
  tabStop = $derived.by((): string | null => {
    const id = this.focusedRow;
    if (id !== null && this.filtered.some((t) => t.id === id)) return id;
    for (const group of this.groups) if (group.tokens[0]) return group.tokens[0].id;
    return null;
  });

  replace(list: TokenView[]): void {
    this.list = list;
    this.loaded = true;
  }

  async load(): Promise<void> {
    const r = await this.#deps.api.listTokens();
    if (r.ok) this.replace(r.value);
  }

  clearFilters(): void {
    this.query = '';
    this.provider = 'all';
    this.state = 'all';
  }

  async revoke(id: string): Promise<Result<TokenView>> {
    this.revoking[id] = true;
    delete this.errors[id];
    const r = await this.#deps.api.revoke(id);
    delete this.revoking[id];
    if (r.ok) this.#upsert(r.value);
    else this.errors[id] = r.error;
    return r;
  }

  previewMint(accountId: string, options: MintOptions): Promise<Result<SigningPreviewView>> {
    return this.#deps.api.previewMint(accountId, options);
  }

  async mint(accountId: string, options: MintOptions): Promise<Result<TokenView>> {
    this.minting[accountId] = true;
    const r = await this.#deps.api.mint(accountId, options);
    delete this.minting[accountId];
    if (r.ok) {
      this.#upsert(r.value);
      void this.focus(r.value.id);
    }
    return r;
  }

  copy(id: string, format?: CopyFormat) {
    return format ? this.#deps.api.copy(id, format) : this.#deps.api.copy(id);
  }

  /** Scrolls a row into view and flashes it; clears filters that would hide it. */
  async focus(id: string): Promise<void> {
    const token = this.list.find((t) => t.id === id);
    if (token && !this.filtered.includes(token)) this.clearFilters();
    this.highlight = { id, seq: (this.highlight?.seq ?? 0) + 1 };
    await tick();
    const row = document.getElementById(rowId(id));
    row?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }

  drop(): void {
    this.list = [];
    this.loaded = false;
    this.revoking = {};
    this.minting = {};
    this.errors = {};
    this.highlight = null;
    this.focusedRow = null;
    this.clearFilters();
  }

  #upsert(view: TokenView): void {
    const i = this.list.findIndex((t) => t.id === view.id);
    this.list = i < 0 ? [view, ...this.list] : this.list.with(i, view);
  }
}

/** A token in this state can still be copied, revealed and used (a failed revoke left it live). */
export function isUsable(state: TokenState): boolean {
  return state === 'active' || state === 'expiring' || state === 'revoke_failed';
}

/** DOM id of a token's row, for scrolling to it. */
export function rowId(tokenId: string): string {
  return `token-${tokenId}`;
}
