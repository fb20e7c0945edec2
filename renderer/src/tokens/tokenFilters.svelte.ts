import type { ProviderFilter, StateFilter, TokenFilters } from './tokenSearch.js';

/** The filters over the token list: search text, provider and state, changed only by intent. */
export class TokenFilterStore implements TokenFilters {
  #query = $state('');
  #provider = $state<ProviderFilter>('all');
  #state = $state<StateFilter>('all');

  /** The search text. */
  get query(): string {
    return this.#query;
  }

  get provider(): ProviderFilter {
    return this.#provider;
  }

  get state(): StateFilter {
    return this.#state;
  }

  /** Whether any filter narrows the list. */
  get filtering(): boolean {
    return this.#query.trim() !== '' || this.#provider !== 'all' || this.#state !== 'all';
  }

  search(query: string): void {
    this.#query = query;
  }

  filterProvider(provider: ProviderFilter): void {
    this.#provider = provider;
  }

  filterState(state: StateFilter): void {
    this.#state = state;
  }

  clear(): void {
    this.#query = '';
    this.#provider = 'all';
    this.#state = 'all';
  }
}
