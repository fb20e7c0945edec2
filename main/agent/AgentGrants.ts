import { randomBytes } from 'node:crypto';
import type { AgentGrantView } from '../../preload/contract.js';
import type { Clock } from '../core/clock.js';
import type { CallerIdentity } from './callerIdentity.js';

interface Grant {
  view: AgentGrantView;
  callerKey: string;
}

/**
 * "Allow for N minutes" answers, per (caller, account), in memory only: they never outlive the
 * unlocked session (main calls clear() on lock) nor the app. Expiry is read from the injected clock at
 * each use, so a sleep or clock jump cannot stretch a grant.
 */
export class AgentGrants {
  readonly #clock: Clock;
  readonly #grants = new Map<string, Grant>();
  readonly #listeners = new Set<() => void>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  has(caller: Pick<CallerIdentity, 'key'>, accountId: string): boolean {
    const now = this.#clock.now();
    for (const g of this.#grants.values()) {
      if (g.callerKey === caller.key && g.view.accountId === accountId && g.view.expiresAt > now) return true;
    }
    return false;
  }

  add(caller: CallerIdentity, account: { id: string; label: string }, minutes: number): AgentGrantView {
    const now = this.#clock.now();
    // One grant per (caller, account): a new answer replaces the old one.
    for (const [id, g] of this.#grants) if (g.callerKey === caller.key && g.view.accountId === account.id) this.#grants.delete(id);
    const view: AgentGrantView = {
      id: randomBytes(8).toString('hex'),
      accountId: account.id,
      accountLabel: account.label,
      caller: { exe: caller.exe, pid: caller.pid, command: caller.command.join(' ').slice(0, 300), cwd: caller.cwd, verified: caller.verified },
      grantedAt: now,
      expiresAt: now + minutes * 60_000,
    };
    this.#grants.set(view.id, { view, callerKey: caller.key });
    this.#changed();
    return structuredClone(view);
  }

  /** The grants still in force, soonest to expire first. */
  list(): AgentGrantView[] {
    this.#prune();
    return [...this.#grants.values()].map((g) => structuredClone(g.view)).sort((a, b) => a.expiresAt - b.expiresAt);
  }

  revoke(id: string): boolean {
    const had = this.#grants.delete(id);
    if (had) this.#changed();
    return had;
  }

  /** Drops the grants of one account (removed), or all of them (lock). */
  clear(accountId?: string): void {
    const before = this.#grants.size;
    for (const [id, g] of this.#grants) if (accountId === undefined || g.view.accountId === accountId) this.#grants.delete(id);
    if (this.#grants.size !== before) this.#changed();
  }

  size(): number {
    this.#prune();
    return this.#grants.size;
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  #prune(): void {
    const now = this.#clock.now();
    for (const [id, g] of this.#grants) if (g.view.expiresAt <= now) this.#grants.delete(id);
  }

  #changed(): void {
    for (const l of this.#listeners) l();
  }
}
