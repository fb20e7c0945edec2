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
