import { tick, untrack } from 'svelte';
import { displayState, isLiveToken } from '../../../preload/contract';
import type { CopyFormat, ErrorData, MintOptions, Result, SigningPreviewView, TokenState, TokenView, VaultApi } from '../../../preload/contract';
import type { AccountStore } from '../accounts/accounts.svelte.js';
import type { Clock } from '../shared/clock.svelte.js';
import { PendingRevokes } from './pendingRevokes.svelte.js';
import { StateIndex } from './stateIndex.js';
import { groupTokens, type TokenGroup } from './tokenGroups.js';
import { TokenFilterStore } from './tokenFilters.svelte.js';
import { bucketTokens, matchTokens, type ProviderFilter } from './tokenSearch.js';

export interface TokenStoreDeps {
  api: VaultApi;
  accounts: AccountStore;
  clock: Clock;
  /** Minutes before expiry at which a token reads "expiring" (a setting). */
  alertLeadMs: () => number;
}

/** How long a revoke waits for an Undo before main is asked. */
export const REVOKE_UNDO_MS = 5000;

/**
 * The token list main reports, the filters over it, and the calls a row makes. Views are replaced
 * whole on 'tokens-changed'; the store only adds what main cannot know: which calls are in flight.
 *
 * Built for 10,000 tokens: what depends on the list alone (grouping, sorting, search text) is derived
 * once per list; a keystroke filters pre-sorted buckets; time enters only through `stateNow`, which
 * moves when some token's state can have changed, not every second.
 */
export class TokenStore {
  #list = $state.raw<TokenView[]>([]);
  get list(): TokenView[] { return this.#list; }
  #loaded = $state(false);
  get loaded(): boolean { return this.#loaded; }
  /** Search, provider and state filters over the list. */
  readonly filters = new TokenFilterStore();
  /** Revocations in flight, so a row shows progress the moment it is clicked. */
  #revoking = $state<Record<string, true>>({});
  get revoking(): Record<string, true> { return this.#revoking; }
  /** Accounts with a mint in flight (the group's Mint button spins). */
  #minting = $state<Record<string, true>>({});
  get minting(): Record<string, true> { return this.#minting; }
  /** The last failed call per token when main's view carries no failure of its own. */
  #errors = $state<Record<string, ErrorData>>({});
  get errors(): Record<string, ErrorData> { return this.#errors; }
  /** The row to scroll to and flash (focus-token, a fresh mint); seq restarts the flash. */
  #highlight = $state<{ id: string; seq: number } | null>(null);
  get highlight(): { id: string; seq: number } | null { return this.#highlight; }
  #focusedRow = $state<string | null>(null);
  /** Accounts whose history (revoked and expired tokens) is open. */
  #historyOpen = $state<Record<string, true>>({});
  get historyOpen(): Record<string, true> { return this.#historyOpen; }
  #deps: TokenStoreDeps;
  #pending: PendingRevokes;
  // When stateNow and expiryNow next have to move, and the lead they were computed with.
  #stateUntil = -Infinity;
  #expiryUntil = -Infinity;
  #lead = NaN;

  constructor(deps: TokenStoreDeps) {
    this.#deps = deps;
    this.#pending = new PendingRevokes(deps.clock);
    this.#stateNow = this.#expiryNow = deps.clock.now;
    deps.clock.onTick((now) => this.#advance(now, false));
  }

  /** The row keyboard focus last entered (by keys, Tab or a click). */
  get focusedRow(): string | null {
    return this.#focusedRow;
  }

  /** Keyboard focus entered a row: it becomes the list's Tab stop. */
  rowFocused(id: string): void {
    this.#focusedRow = id;
  }

  /** Revocations waiting out their Undo: when main will be asked. */
  get pendingRevoke(): Record<string, number> {
    return this.#pending.at;
  }

  /** Expiry times sorted once per list: counts and the next state change by binary search. */
  #index = $derived(new StateIndex(this.#list));

  /**
   * The clock as far as token states are concerned: it only moves when a state can have changed (a
   * token reaching its alert lead or its expiry), so the derivations over every token re-run then,
   * not on every tick. Set from the clock's tick listener, not derived from the clock, so a tick does
   * not even mark them.
   */
  #stateNow = $state(0);
  get stateNow(): number { return this.#stateNow; }
  /** The same, moving only when a token expires: all that live rows versus history depends on. */
  #expiryNow = $state(0);
  get expiryNow(): number { return this.#expiryNow; }

  #advance(now: number, force: boolean): void {
    const lead = this.#deps.alertLeadMs();
    const index = untrack(() => this.#index);
    if (force || lead !== this.#lead || now >= this.#stateUntil || now < this.#stateNow) {
      this.#lead = lead;
      this.#stateNow = now;
      this.#stateUntil = index.nextChange(now, lead);
    }
    if (force || now >= this.#expiryUntil || now < this.#expiryNow) {
      this.#expiryNow = now;
      this.#expiryUntil = index.nextChange(now, 0);
    }
  }

  /**
   * How many tokens (of one provider, or all) are in each state now. One pass over plain views, then
   * the few rows with a revoke in flight moved to "revoking" (reading the reactive records once each).
   */
  countStates(provider: ProviderFilter): Record<TokenState, number> {
    const now = this.#stateNow;
    const lead = this.#deps.alertLeadMs();
    const by = this.#index.counts(provider, now, lead);
    // A scratch set inside one call, never read reactively.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const busy = new Set([...Object.keys(this.#revoking), ...Object.keys(this.#pending.at)]);
    if (busy.size === 0) return by;
    for (const t of this.#list) {
      if (!busy.has(t.id) || (provider !== 'all' && t.provider !== provider)) continue;
      by[displayState(t, now, lead)]--;
      by.revoking++;
    }
    return by;
  }

  /** The state a row shows now: a click on revoke wins until main answers. */
  stateOf(token: TokenView, now: number): TokenState {
    if (this.#revoking[token.id] || this.#pending.at[token.id] !== undefined) return 'revoking';
    return displayState(token, now, this.#deps.alertLeadMs());
  }

  /** Each account's tokens, soonest expiry first, with their search text: once per list. */
  #buckets = $derived(bucketTokens(this.#list));

  /** The buckets after search, provider and state filters, still in expiry order. */
  #matching = $derived.by((): Map<string, TokenView[]> => {
    const filters = this.filters;
    // Only a state filter depends on time, and then only through stateNow.
    const now = filters.state === 'all' ? 0 : this.#stateNow;
    return matchTokens(this.#buckets, filters, (t) => this.stateOf(t, now));
  });

  /** Every token the filters keep (any order): what "N shown" counts. */
  filtered = $derived.by((): TokenView[] => [...this.#matching.values()].flat());

  /** Each account's tokens in expiry order, unfiltered: once per list. */
  #all = $derived.by((): Map<string, TokenView[]> => {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const out = new Map<string, TokenView[]>();
    for (const [accountId, entries] of this.#buckets) out.set(accountId, entries.map((e) => e.token));
    return out;
  });

  /**
   * The unfiltered groups, derived apart so they survive a search: clearing it (or any filter) hands
   * back the same groups instead of splitting 10,000 tokens again. Moves with the list, expiries and
   * accounts only.
   */
  #allGroups = $derived.by((): TokenGroup[] => groupTokens(this.#deps.accounts.list, this.#all, true, this.#expiryNow));

  /** Accounts in their own order, live tokens apart from history. Empty accounts only when unfiltered. */
  groups = $derived.by((): TokenGroup[] => (this.filters.filtering ? groupTokens(this.#deps.accounts.list, this.#matching, false, this.#expiryNow) : this.#allGroups));

  /** Row ids in reading order: live rows, then the history rows of groups whose history is open. */
  order = $derived.by((): string[] => {
    const ids: string[] = [];
    for (const g of this.groups) {
      for (const t of g.tokens) ids.push(t.id);
      if (this.#historyOpen[g.accountId]) for (const t of g.history) ids.push(t.id);
    }
    return ids;
  });

  /** Live tokens (not revoked or expired): what the sidebar counts. */
  liveCount = $derived.by((): number => {
    const now = this.#expiryNow;
    let n = 0;
    for (const t of this.#list) if (isLiveToken(t, now)) n++;
    return n;
  });

  /**
   * The list's one Tab stop (a roving tabindex): the row last focused while it is shown, else the
   * first row shown. Tab enters the list there and leaves it after that row's buttons, however many
   * rows there are; arrow keys move between rows.
   */
  tabStop = $derived.by((): string | null => {
    const id = this.#focusedRow;
    const order = this.order;
    if (id !== null && order.includes(id)) return id;
    return order[0] ?? null;
  });

  replace(list: TokenView[]): void {
    this.#list = list;
    this.#loaded = true;
    this.#advance(this.#deps.clock.now, true);
  }

  async load(): Promise<void> {
    const r = await this.#deps.api.listTokens();
    if (r.ok) this.replace(r.value);
  }

  async revoke(id: string): Promise<Result<TokenView>> {
    this.#pending.cancel(id);
    this.#revoking[id] = true;
    delete this.#errors[id];
    const r = await this.#deps.api.revoke(id);
    delete this.#revoking[id];
    if (r.ok) this.#upsert(r.value);
    else this.#errors[id] = r.error;
    return r;
  }

  /**
   * A revoke that waits REVOKE_UNDO_MS for an Undo before main is asked: the row reads "Revoking…"
   * at once, `undoRevoke` puts it back untouched. Resolves with main's answer, or null when undone.
   */
  revokeLater(id: string): Promise<Result<TokenView> | null> {
    return this.#pending.wait(id, REVOKE_UNDO_MS, () => this.revoke(id));
  }

  /** Undo of a pending revoke: true when it was still waiting (nothing was sent). */
  undoRevoke(id: string): boolean {
    if (!this.#pending.has(id)) return false;
    this.#pending.cancel(id);
    return true;
  }

  /** Sends every pending revoke now (before locking, so a click is not lost with the window's state). */
  async flushRevokes(): Promise<void> {
    await Promise.all(this.#pending.waiting().map((id) => this.revoke(id)));
  }

  toggleHistory(accountId: string): void {
    if (this.#historyOpen[accountId]) delete this.#historyOpen[accountId];
    else this.#historyOpen[accountId] = true;
  }

  previewMint(accountId: string, options: MintOptions): Promise<Result<SigningPreviewView>> {
    return this.#deps.api.previewMint(accountId, options);
  }

  async mint(accountId: string, options: MintOptions): Promise<Result<TokenView>> {
    this.#minting[accountId] = true;
    const r = await this.#deps.api.mint(accountId, options);
    delete this.#minting[accountId];
    // A mint uses the account's credentials: its outcome is the account's health too.
    this.#deps.accounts.noteOutcome(accountId, r.ok ? null : r.error, this.#deps.clock.now);
    if (r.ok) {
      this.#upsert(r.value);
      void this.focus(r.value.id);
    }
    return r;
  }

  copy(id: string, format?: CopyFormat) {
    return format ? this.#deps.api.copy(id, format) : this.#deps.api.copy(id);
  }

  /**
   * Brings a row into view and flashes it: clears filters that would hide it and opens its history
   * when it is there. The windowed list scrolls to `highlight` (it may not be drawn yet).
   */
  async focus(id: string): Promise<void> {
    const token = this.#list.find((t) => t.id === id);
    if (token && !this.filtered.includes(token)) this.filters.clear();
    if (token && !this.order.includes(id)) this.#historyOpen[token.accountId] = true;
    this.#highlight = { id, seq: (this.#highlight?.seq ?? 0) + 1 };
    await tick();
  }

  drop(): void {
    this.#pending.clear();
    this.#list = [];
    this.#loaded = false;
    this.#revoking = {};
    this.#minting = {};
    this.#errors = {};
    this.#highlight = null;
    this.#focusedRow = null;
    this.#historyOpen = {};
    this.filters.clear();
  }

  #upsert(view: TokenView): void {
    const i = this.#list.findIndex((t) => t.id === view.id);
    this.#list = i < 0 ? [view, ...this.#list] : this.#list.with(i, view);
    this.#advance(this.#deps.clock.now, true);
  }
}
