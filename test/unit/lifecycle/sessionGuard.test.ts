import { describe, expect, it } from 'vitest';
import { createSessionGuard, lockTriggers } from '../../../main/lifecycle/sessionGuard.js';
import { clearIfOurs, OUR_COPY } from '../../support/clearIfOurs.js';
import { FakeClock } from '../../support/FakeClock.js';
import { MemoryClipboard } from '../../support/MemoryClipboard.js';

describe('lockTriggers', () => {
  it('sleep, wake and screen lock lock when lockOnSleep is on; nothing does when off', () => {
    expect([...lockTriggers({ lockOnSleep: true })].sort()).toEqual(['lock-screen', 'resume', 'suspend']);
    expect(lockTriggers({ lockOnSleep: false }).size).toBe(0);
  });
});

function sessionSetup(lockOnSleep = true) {
  const clock = new FakeClock();
  const log: string[] = [];
  const settings = { lockOnSleep };
  const clip = new MemoryClipboard();
  const guard = createSessionGuard({
    clock,
    settings: () => settings,
    autoLock: { suspend: () => log.push('lock:sleep'), screenLocked: () => log.push('lock:screen') },
    clearClipboard: clearIfOurs(clip),
    refresh: () => log.push('refresh'),
  });
  return { clock, log, settings, clip, guard };
}

describe('createSessionGuard', () => {
  it('locks on suspend, screen lock and wake; refreshes on wake and screen unlock', () => {
    const { guard, log } = sessionSetup();
    guard.powerEvent('suspend');
    guard.powerEvent('lock-screen');
    guard.powerEvent('resume');
    guard.powerEvent('unlock-screen');
    expect(log).toEqual(['lock:sleep', 'lock:screen', 'lock:sleep', 'refresh', 'refresh']);
  });

  it('follows lockOnSleep as it changes', () => {
    const { guard, log, settings } = sessionSetup(false);
    guard.powerEvent('suspend');
    guard.powerEvent('lock-screen');
    expect(log).toEqual([]);
    settings.lockOnSleep = true;
    guard.powerEvent('lock-screen');
    expect(log).toEqual(['lock:screen']);
  });

  it('notices a sleep the OS never announced, from a wall-clock gap', () => {
    const { guard, log, clock } = sessionSetup();
    clock.advance(5 * 60_000); // awake: checks run on time
    expect(log).toEqual([]);
    clock.jump(45 * 60_000); // asleep: the monotonic timer stood still, the wall clock did not
    clock.advance(30_000);
    expect(log).toEqual(['lock:sleep', 'refresh']);
    clock.advance(10 * 60_000);
    expect(log).toHaveLength(2);
    guard.dispose();
    expect(clock.pending()).toBe(0);
  });

  it('a short stall (a slow KDF, a busy loop) is not a sleep', () => {
    const { log, clock } = sessionSetup();
    clock.jump(50_000);
    clock.advance(30_000);
    expect(log).toEqual([]);
  });

  it('with lockOnSleep off, a detected sleep only refreshes', () => {
    const { log, clock } = sessionSetup(false);
    clock.jump(3_600_000);
    clock.advance(30_000);
    expect(log).toEqual(['refresh']);
  });

  it('clears our copy from the clipboard when the vault locks, and leaves the user\'s own copy alone', async () => {
    const { guard, clip, clock } = sessionSetup();
    await clip.writeText(OUR_COPY);
    guard.appEvent({ type: 'vault-status', status: 'unlocked' });
    await clock.flush();
    expect(clip.text).toBe(OUR_COPY);
    guard.appEvent({ type: 'vault-status', status: 'locked' });
    await clock.flush();
    expect(clip.text).toBe('');

    await clip.writeText('something the user copied');
    guard.appEvent({ type: 'vault-status', status: 'locked' });
    await clock.flush();
    expect(clip.text).toBe('something the user copied');
  });

  it('a failing clipboard clear is reported, not thrown into the event path', async () => {
    const clock = new FakeClock();
    const errors: unknown[] = [];
    const guard = createSessionGuard({
      clock,
      settings: () => ({ lockOnSleep: true }),
      autoLock: { suspend: () => {}, screenLocked: () => {} },
      clearClipboard: async () => {
        throw new Error('no clipboard');
      },
      refresh: () => {},
      onError: (e) => errors.push(e),
    });
    expect(() => guard.appEvent({ type: 'vault-status', status: 'locked' })).not.toThrow();
    await clock.flush();
    expect(errors).toHaveLength(1);
  });
});
