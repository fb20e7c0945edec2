import { beforeEach, describe, expect, it } from 'vitest';
import { AutoLock, type AutoLockTarget } from '../../../../main/core/vault/AutoLock.js';
import { FakeClock } from '../../../support/FakeClock.js';

/** A vault stand-in: only the lock state matters here (the real Vault's lock is tested elsewhere). */
class FakeLockable implements AutoLockTarget {
  unlocked = false;
  locks = 0;
  #listeners = new Set<(u: boolean) => void>();
  isUnlocked(): boolean {
    return this.unlocked;
  }
  onLockChange(l: (u: boolean) => void): () => void {
    this.#listeners.add(l);
    return () => this.#listeners.delete(l);
  }
  set(unlocked: boolean): void {
    this.unlocked = unlocked;
    for (const l of this.#listeners) l(unlocked);
  }
  async lock(): Promise<void> {
    this.locks++;
    this.set(false);
  }
}

const MIN = 60_000;
let clock: FakeClock;
let vault: FakeLockable;
let settings: { autoLockMinutes: number; lockOnSleep: boolean };
let auto: AutoLock;

beforeEach(() => {
  clock = new FakeClock();
  vault = new FakeLockable();
  settings = { autoLockMinutes: 15, lockOnSleep: true };
  auto = new AutoLock({ clock, vault, settings: () => settings });
});

describe('AutoLock', () => {
  it('does nothing while locked', () => {
    expect(clock.pending()).toBe(0);
    auto.touch();
    auto.suspend();
    expect(vault.locks).toBe(0);
  });

  it('locks after N idle minutes, counted from the last activity', () => {
    vault.set(true);
    clock.advance(10 * MIN);
    auto.touch();
    clock.advance(14 * MIN);
    expect(vault.locks).toBe(0);
    clock.advance(1 * MIN);
    expect(vault.locks).toBe(1);
    expect(clock.pending()).toBe(0);
  });

  it('counts idle time that passed during sleep when the machine resumes', () => {
    settings.lockOnSleep = false;
    vault.set(true);
    clock.advance(5 * MIN);
    auto.suspend();
    expect(vault.locks).toBe(0);
    clock.jump(60 * MIN); // timers were frozen
    auto.resume();
    expect(vault.locks).toBe(1);
  });

  it('locks on suspend and on screen lock when lockOnSleep is on', () => {
    vault.set(true);
    auto.suspend();
    expect(vault.locks).toBe(1);
    vault.set(true);
    auto.screenLocked();
    expect(vault.locks).toBe(2);
  });

  it('never idles out with 0 minutes, and applies a settings change on refresh', () => {
    settings.autoLockMinutes = 0;
    vault.set(true);
    clock.advance(24 * 60 * MIN);
    expect(vault.locks).toBe(0);
    expect(clock.pending()).toBe(0);
    settings.autoLockMinutes = 1;
    auto.refresh();
    clock.advance(1 * MIN);
    expect(vault.locks).toBe(1);
  });

  it('restarts the countdown on every unlock and stops on dispose', () => {
    vault.set(true);
    clock.advance(14 * MIN);
    vault.set(false);
    vault.set(true);
    clock.advance(14 * MIN);
    expect(vault.locks).toBe(0);
    auto.dispose();
    clock.advance(60 * MIN);
    expect(vault.locks).toBe(0);
  });
});

describe('AutoLock with the real vault', () => {
  it('idles the vault out and the data is gone', async () => {
    const { makeHarness, TEST_PASSWORD } = await import('../../../support/vaultHarness.js');
    const h = await makeHarness();
    try {
      const auto = new AutoLock({ clock: h.clock, vault: h.vault, settings: () => ({ autoLockMinutes: 5, lockOnSleep: true }) });
      await h.vault.create(TEST_PASSWORD);
      h.clock.advance(5 * MIN);
      await h.clock.flush();
      expect(h.vault.isUnlocked()).toBe(false);
      expect(() => h.vault.read()).toThrow(/locked/);
      auto.dispose();
    } finally {
      await h.cleanup();
    }
  });
});

describe('AutoLock: what it logs, and the edges of when it locks', () => {
  const lines: string[] = [];
  const logger = {
    debug: () => undefined,
    warn: () => undefined,
    info: (msg: string, fields?: Record<string, unknown>) => void lines.push(`info ${msg} ${JSON.stringify(fields)}`),
    error: (msg: string, fields?: Record<string, unknown>) => void lines.push(`error ${msg} ${String((fields?.['error'] as Error | undefined)?.message)}`),
  };
  beforeEach(() => {
    lines.length = 0;
    auto.dispose();
    auto = new AutoLock({ clock, vault, settings: () => settings, logger });
  });

  it('logs each lock with its reason', () => {
    vault.set(true);
    auto.suspend();
    vault.set(true);
    auto.screenLocked();
    vault.set(true);
    clock.advance(15 * MIN);
    expect(lines).toEqual(['info auto-lock {"reason":"suspend"}', 'info auto-lock {"reason":"screen-lock"}', 'info auto-lock {"reason":"idle"}']);
  });

  it('with lockOnSleep off, neither suspend nor screen lock locks', () => {
    settings.lockOnSleep = false;
    vault.set(true);
    auto.suspend();
    auto.screenLocked();
    expect(vault.locks).toBe(0);
    expect(lines).toEqual([]);
  });

  it('a lock that fails is logged, not an unhandled rejection', async () => {
    vault.set(true);
    vault.lock = () => Promise.reject(new Error('disk gone'));
    auto.suspend();
    await clock.flush();
    expect(lines).toEqual(['info auto-lock {"reason":"suspend"}', 'error auto-lock failed disk gone']);
  });

  it('0 minutes: no timer is armed on unlock, and resume never idles the vault out', () => {
    settings.autoLockMinutes = 0;
    vault.set(true);
    expect(clock.pending()).toBe(0);
    clock.jump(60 * MIN);
    auto.resume();
    expect(vault.locks).toBe(0);
    expect(clock.pending()).toBe(0);
  });

  it('resume while locked arms nothing', () => {
    clock.jump(60 * MIN);
    auto.resume();
    expect(clock.pending()).toBe(0);
    expect(vault.locks).toBe(0);
  });

  it('touch arms the countdown when none runs (minutes turned on without refresh), and leaves a running one alone', () => {
    settings.autoLockMinutes = 0;
    vault.set(true);
    settings.autoLockMinutes = 1;
    auto.touch();
    expect(clock.pending()).toBe(1);
    const due = clock.nextAt();
    clock.advance(MIN / 2);
    // Not re-armed on every input event: the timer stays, and re-checks when it fires.
    auto.touch();
    expect(clock.pending()).toBe(1);
    expect(clock.nextAt()).toBe(due);
    clock.advance(MIN / 2);
    expect(vault.locks).toBe(0);
    clock.advance(MIN / 2);
    expect(vault.locks).toBe(1);
  });
});

describe('AutoLock without a logger', () => {
  it('a lock that fails is swallowed, not an unhandled rejection', async () => {
    const reasons: unknown[] = [];
    const onUnhandled = (r: unknown): void => void reasons.push(r);
    process.on('unhandledRejection', onUnhandled);
    try {
      vault.set(true);
      vault.lock = () => Promise.reject(new Error('disk gone'));
      auto.suspend();
      // One turn of the event loop: Node reports unhandled rejections once the microtasks have run.
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect(reasons).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
