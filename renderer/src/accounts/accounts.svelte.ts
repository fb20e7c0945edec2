import type { AccountHealth, AccountInput, AccountPatch, AccountView, ErrorData, Result, VaultApi } from '../../../preload/contract';

/** The accounts main reports; replaced whole on every 'accounts-changed'. */
export class AccountStore {
  #list = $state.raw<AccountView[]>([]);
  get list(): AccountView[] { return this.#list; }
  loaded = $state(false);
  /**
   * What the last call from this window that used an account's credentials (a check, a mint) found,
   * at once. Main keeps the lasting record (AccountView.health, across lock and restart, renewals
   * included); `healthOf` shows whichever is newer.
   */
  health = $state<Record<string, AccountHealth>>({});
  /** Accounts with a credentials check in flight. */
  checking = $state<Record<string, true>>({});
  #api: VaultApi;

  constructor(api: VaultApi) {
    this.#api = api;
  }

  // Rebuilt whole whenever the list changes, never mutated: a plain Map is the right tool.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  byId = $derived(new Map(this.#list.map((a) => [a.id, a])));

  /** Records an outcome; a cancelled call (lock, quit) says nothing about the credentials. */
  noteOutcome(id: string, error: ErrorData | null, at: number): void {
    if (error?.code === 'CANCELLED') return;
    this.health[id] = { at, error };
  }

  /** The newest outcome known for an account: main's record, or this window's own answer if later. */
  healthOf(account: AccountView): AccountHealth | undefined {
    const mine = this.health[account.id];
    const kept = account.health;
    if (!mine) return kept;
    if (!kept) return mine;
    return mine.at > kept.at ? mine : kept;
  }

  replace(list: AccountView[]): void {
    this.#list = list;
    this.loaded = true;
  }

  async load(): Promise<Result<AccountView[]>> {
    const r = await this.#api.listAccounts();
    if (r.ok) this.replace(r.value);
    return r;
  }

  async add(input: AccountInput): Promise<Result<AccountView>> {
    const r = await this.#api.addAccount(input);
    if (r.ok) this.#upsert(r.value);
    return r;
  }

  async update(id: string, patch: AccountPatch): Promise<Result<AccountView>> {
    const r = await this.#api.updateAccount(id, patch);
    if (r.ok) this.#upsert(r.value);
    return r;
  }

  async remove(id: string): Promise<Result<void>> {
    const r = await this.#api.removeAccount(id);
    if (r.ok) this.#list = this.#list.filter((a) => a.id !== id);
    return r;
  }

  drop(): void {
    this.#list = [];
    this.loaded = false;
    this.health = {};
    this.checking = {};
  }

  #upsert(view: AccountView): void {
    const i = this.#list.findIndex((a) => a.id === view.id);
    this.#list = i < 0 ? [...this.#list, view] : this.#list.with(i, view);
  }
}
