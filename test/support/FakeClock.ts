import type { Clock } from '../../main/core/clock.js';

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

/**
 * A clock tests move by hand. `advance` fires due timers in time order, each seeing `now()` equal
 * to its due time; `jump` moves wall time without firing anything (a sleep or a clock change), so
 * code must re-evaluate its schedules.
 */
export class FakeClock implements Clock {
  #now: number;
  #timers: Timer[] = [];
  #nextId = 1;

  constructor(start = Date.UTC(2026, 10, 23, 12, 0, 0)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): () => void {
    const timer = { id: this.#nextId++, at: this.#now + Math.max(0, ms), fn };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((t) => t !== timer);
    };
  }

  /** Number of timers still pending. */
  pending(): number {
    return this.#timers.length;
  }

  /** Moves time forward by ms, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      const due = this.#timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((t) => t !== due);
      this.#now = Math.max(this.#now, due.at);
      due.fn();
    }
    this.#now = end;
  }

  /** When the earliest pending timer is due, or null with none pending. */
  nextAt(): number | null {
    let at: number | null = null;
    for (const t of this.#timers) if (at === null || t.at < at) at = t.at;
    return at;
  }

  /**
   * Fires the one earliest timer if it is due by `until` (time moves to its due time, never back),
   * else moves time to `until`. A driver that waits for the work each timer starts between steps
   * never leaps over work, the way advance() can when one firing starts work the next one needs.
   */
  step(until: number): boolean {
    const due = this.#timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.id - b.id)[0];
    if (!due) {
      this.#now = Math.max(this.#now, until);
      return false;
    }
    this.#timers = this.#timers.filter((t) => t !== due);
    this.#now = Math.max(this.#now, due.at);
    due.fn();
    return true;
  }

  /** Moves wall time without firing timers, like waking from sleep. */
  jump(ms: number): void {
    this.#now += ms;
  }

  /** Lets pending promise callbacks run (no real time passes). */
  async flush(rounds = 10): Promise<void> {
    for (let i = 0; i < rounds; i++) await Promise.resolve();
  }
}
