import type { ErrorData, VaultApi } from '../../../preload/contract';
import type { Clock } from '../shared/clock.svelte.js';

export const REVEAL_MS = 20_000;

interface Revealed {
  tokenId: string;
  value: string;
  hidesAt: number;
}

/**
 * The one token value the window may hold, and only while it is on screen: set on an explicit
 * click, dropped on blur, after REVEAL_MS, on lock, or when another token is revealed.
 */
export class RevealStore {
  #current = $state.raw<Revealed | null>(null);
  get current(): Revealed | null { return this.#current; }
  #pending = $state<string | null>(null);
  get pending(): string | null { return this.#pending; }
  #api: VaultApi;
  #clock: Clock;
  #cancel: (() => void) | null = null;

  constructor(api: VaultApi, clock: Clock) {
    this.#api = api;
    this.#clock = clock;
  }

  async show(tokenId: string): Promise<ErrorData | null> {
    this.hide();
    this.#pending = tokenId;
    const r = await this.#api.reveal(tokenId);
    if (this.#pending !== tokenId) return null; // hidden or locked while waiting: drop the answer
    this.#pending = null;
    if (!r.ok) return r.error;
    const now = this.#clock.now;
    this.#current = { tokenId, value: r.value, hidesAt: now + REVEAL_MS };
    this.#cancel = this.#clock.after(REVEAL_MS, () => this.hide());
    return null;
  }

  hide(): void {
    this.#cancel?.();
    this.#cancel = null;
    this.#current = null;
    this.#pending = null;
  }
}
