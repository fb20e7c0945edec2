import { createContext } from 'svelte';

/** Where time comes from: the browser in the app, a FakeClock in tests (same shape as main's Clock). */
export interface TimeSource {
  now(): number;
  /** Calls fn after ms; returns a cancel function. */
  setTimeout(fn: () => void, ms: number): () => void;
}

export const browserTime: TimeSource = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(handle);
  },
};

/**
 * The ONE ticking source for every countdown in the window. Rows derive their text from `now`
 * with $derived; nothing else runs a timer per row, so a thousand rows cost one timer and one
 * signal write per second.
 *
 * Ticks land just after each wall-clock second (a re-armed timeout rather than setInterval), so all
 * countdowns change together and a sleep or clock change is corrected on the next tick instead
 * of drifting.
 */
export class Clock {
  #now = $state(0);
  get now(): number { return this.#now; }
  /** `now` to the minute: for text that changes once a minute ("created 5m ago"), so a tick skips it. */
  minute = $derived(Math.floor(this.#now / 60_000) * 60_000);
  #source: TimeSource;
  #cancel: (() => void) | null = null;
  // Callbacks, not UI state.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #listeners = new Set<(now: number) => void>();

  constructor(source: TimeSource = browserTime) {
    this.#source = source;
    this.#now = source.now();
  }

  get running(): boolean {
    return this.#cancel !== null;
  }

  start(): void {
    if (!this.#cancel) this.tick();
  }

  stop(): void {
    this.#cancel?.();
    this.#cancel = null;
  }

  /** Reads the time now and re-arms for just after the next whole second. */
  tick = (): void => {
    this.#cancel?.();
    this.#now = this.#source.now();
    for (const listener of this.#listeners) listener(this.#now);
    this.#cancel = this.#source.setTimeout(this.tick, 1000 - (this.#now % 1000) + 4);
  };

  /**
   * Called with the time on every tick, outside any reactive graph: for state that moves more rarely
   * than the clock (token states), which would otherwise put thousands of derivations on the path of
   * every second.
   */
  onTick(listener: (now: number) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A one-off timer on the same source (reveal timeout, toast dismissal): testable with a FakeClock. */
  after(ms: number, fn: () => void): () => void {
    return this.#source.setTimeout(fn, ms);
  }
}

const [readClock, provideClock, hasClock] = createContext<Clock>();

export function setClock(clock: Clock): Clock {
  return provideClock(clock);
}

export function getClock(): Clock {
  if (!hasClock()) throw new Error('No Clock in context: mount under App.');
  return readClock();
}
