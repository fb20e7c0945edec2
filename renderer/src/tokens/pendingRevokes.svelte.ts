import type { Clock } from '../shared/clock.svelte.js';

/**
 * Revokes waiting out their Undo: each one is sent when its delay ends, unless cancelled first (an
 * Undo, a newer click, a lock that drops the window's state).
 */
export class PendingRevokes {
  #at = $state<Record<string, number>>({});
  // Timers of pending revokes (not UI state).
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #timers = new Map<string, () => void>();
  #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** When main will be asked, by token id. */
  get at(): Record<string, number> {
    return this.#at;
  }

  /** Whether `id` is still waiting (nothing was sent yet). */
  has(id: string): boolean {
    return this.#timers.has(id);
  }

  /** The ids still waiting, read once (to send them now). */
  waiting(): string[] {
    return [...this.#timers.keys()];
  }

  /** Calls `send` after `delayMs`; resolves with its answer, or null when cancelled before. */
  wait<T>(id: string, delayMs: number, send: () => Promise<T>): Promise<T | null> {
    this.cancel(id);
    return new Promise((resolve) => {
      this.#at[id] = this.#clock.now + delayMs;
      const cancel = this.#clock.after(delayMs, () => {
        this.#timers.delete(id);
        delete this.#at[id];
        void send().then(resolve);
      });
      this.#timers.set(id, () => {
        cancel();
        resolve(null);
      });
    });
  }

  cancel(id: string): void {
    const cancel = this.#timers.get(id);
    this.#timers.delete(id);
    delete this.#at[id];
    cancel?.();
  }

  clear(): void {
    for (const cancel of this.#timers.values()) cancel();
    this.#timers.clear();
    this.#at = {};
  }
}
