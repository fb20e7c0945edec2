import type { AccountInput, AccountPatch, AccountView, Result, VaultApi } from '../../../preload/contract';

/** The accounts main reports; replaced whole on every 'accounts-changed'. */
export class AccountStore {
  list = $state.raw<AccountView[]>([]);
  loaded = $state(false);
  #api: VaultApi;

  constructor(api: VaultApi) {
    this.#api = api;
  }

  // Rebuilt whole whenever the list changes, never mutated: a plain Map is the right tool.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  byId = $derived(new Map(this.list.map((a) => [a.id, a])));

  replace(list: AccountView[]): void {
    this.list = list;
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
    if (r.ok) this.list = this.list.filter((a) => a.id !== id);
    return r;
  }

  drop(): void {
    this.list = [];
    this.loaded = false;
  }

  #upsert(view: AccountView): void {
    const i = this.list.findIndex((a) => a.id === view.id);
    this.list = i < 0 ? [...this.list, view] : this.list.with(i, view);
  }
}
