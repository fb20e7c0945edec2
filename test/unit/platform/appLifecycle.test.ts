import { describe, expect, it } from 'vitest';
import { createQuitGuard, createSessionGuard, lockTriggers, shouldHideOnClose } from '../../../main/appLifecycle.js';
import type { ClipboardPort } from '../../../main/platform/electronClipboard.js';
import { FakeClock } from '../../support/FakeClock.js';

describe('shouldHideOnClose', () => {
  it.each([
    [true, true, false, true],
    [true, true, true, false], // quitting: let it close
    [true, false, false, false], // no tray: hiding would leave no way back
    [false, true, false, false],
    [false, false, true, false],
  ])('closeToTray=%s tray=%s quitting=%s → hide=%s', (closeToTray, trayAvailable, quitting, hide) => {
    expect(shouldHideOnClose({ closeToTray, trayAvailable, quitting })).toBe(hide);
  });
});

describe('lockTriggers', () => {
  it('sleep, wake and screen lock lock when lockOnSleep is on; nothing does when off', () => {
    expect([...lockTriggers({ lockOnSleep: true })].sort()).toEqual(['lock-screen', 'resume', 'suspend']);
    expect(lockTriggers({ lockOnSleep: false }).size).toBe(0);
  });
});

/** A clipboard like Electron 45's (async reads) and the token service's "clear only our copy". */
function fakeClipboard(initial = '') {
  let text = initial;
  const port: ClipboardPort = {
    readText: async () => text,
    writeText: async (t) => {
      text = t;
    },
    clear: () => {
      text = '';
    },
  };
  const ours = 'Authorization: Token our-copy';
  const clearIfOurs = async (): Promise<void> => {
    if ((await port.readText()) === ours) port.clear();
  };
  return { port, ours, clearIfOurs, text: () => text };
}

function sessionSetup(lockOnSleep = true) {
  const clock = new FakeClock();
  const log: string[] = [];
  const settings = { lockOnSleep };
  const clip = fakeClipboard();
  const guard = createSessionGuard({
    clock,
    settings: () => settings,
    autoLock: { suspend: () => log.push('lock:sleep'), screenLocked: () => log.push('lock:screen') },
    clearClipboard: clip.clearIfOurs,
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
    await clip.port.writeText(clip.ours);
    guard.appEvent({ type: 'vault-status', status: 'unlocked' });
    await clock.flush();
    expect(clip.text()).toBe(clip.ours);
    guard.appEvent({ type: 'vault-status', status: 'locked' });
    await clock.flush();
    expect(clip.text()).toBe('');

    await clip.port.writeText('something the user copied');
    guard.appEvent({ type: 'vault-status', status: 'locked' });
    await clock.flush();
    expect(clip.text()).toBe('something the user copied');
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

describe('createQuitGuard', () => {
  function quitSetup(cleanup: () => Promise<void> | void) {
    const clock = new FakeClock();
    const log: string[] = [];
    const errors: unknown[] = [];
    const guard = createQuitGuard({ clock, cleanup, quit: () => log.push('quit'), timeoutMs: 1000, onError: (e) => errors.push(e) });
    const beforeQuit = (): boolean => {
      let prevented = false;
      guard.beforeQuit({ preventDefault: () => (prevented = true) });
      return prevented;
    };
    return { clock, log, errors, guard, beforeQuit };
  }

  it('holds the quit until our copy is off the clipboard, then quits for real', async () => {
    const clip = fakeClipboard('Authorization: Token our-copy');
    const { beforeQuit, log, clock, guard } = quitSetup(clip.clearIfOurs);
    expect(guard.quitting()).toBe(false);
    expect(beforeQuit()).toBe(true);
    expect(guard.quitting()).toBe(true);
    await clock.flush();
    expect(clip.text()).toBe('');
    expect(log).toEqual(['quit']);
    // The second before-quit (from our own app.quit) goes through.
    expect(beforeQuit()).toBe(false);
    expect(clock.pending()).toBe(0);
  });

  it('repeated quit requests while cleaning do not start a second cleanup or quit twice', async () => {
    let runs = 0;
    const { beforeQuit, log, clock } = quitSetup(async () => {
      runs++;
    });
    expect(beforeQuit()).toBe(true);
    expect(beforeQuit()).toBe(true);
    await clock.flush();
    expect(runs).toBe(1);
    expect(log).toEqual(['quit']);
  });

  it('a clipboard that never answers cannot keep the app from quitting', async () => {
    const { beforeQuit, log, clock } = quitSetup(() => new Promise<void>(() => {}));
    beforeQuit();
    await clock.flush();
    expect(log).toEqual([]);
    clock.advance(999);
    expect(log).toEqual([]);
    clock.advance(1);
    expect(log).toEqual(['quit']);
  });

  it('a failing cleanup is reported and the app still quits', async () => {
    const { beforeQuit, log, clock, errors } = quitSetup(async () => {
      throw new Error('clipboard gone');
    });
    beforeQuit();
    await clock.flush();
    expect(log).toEqual(['quit']);
    expect(errors).toHaveLength(1);
    clock.advance(5000);
    expect(log).toEqual(['quit']);
  });
});
