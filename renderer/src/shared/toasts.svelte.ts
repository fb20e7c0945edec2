import type { Clock } from './clock.svelte.js';

export type ToastKind = 'info' | 'success' | 'warning' | 'error';

export interface ToastAction {
  label: string;
  run: () => void;
}

export interface Toast {
  id: number;
  kind: ToastKind;
  title: string;
  detail?: string;
  action?: ToastAction;
  /** How long it stays, when not its kind's default (a revoke's Undo lasts as long as the wait). */
  lifetimeMs?: number;
}

const LIFETIME: Record<ToastKind, number> = { info: 5000, success: 4000, warning: 12_000, error: 12_000 };

/**
 * Transient messages in one aria-live region. Dismissal timers run on the shared Clock's source so
 * tests drive them with a FakeClock.
 */
export class Toasts {
  #items = $state.raw<Toast[]>([]);
  get items(): Toast[] { return this.#items; }
  #nextId = 1;
  // Timer handles, not UI state: nothing renders from them.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #cancels = new Map<number, () => void>();
  #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  show(toast: Omit<Toast, 'id'>): number {
    const id = this.#nextId++;
    // Newest on top; five is all a corner can hold without covering the list.
    const next = [{ ...toast, id }, ...this.#items];
    for (const old of next.slice(5)) this.#cancels.get(old.id)?.();
    this.#items = next.slice(0, 5);
    this.#cancels.set(id, this.#clock.after(toast.lifetimeMs ?? LIFETIME[toast.kind], () => this.dismiss(id)));
    return id;
  }

  dismiss(id: number): void {
    this.#cancels.get(id)?.();
    this.#cancels.delete(id);
    this.#items = this.#items.filter((t) => t.id !== id);
  }

  clear(): void {
    for (const cancel of this.#cancels.values()) cancel();
    this.#cancels.clear();
    this.#items = [];
  }
}
