import { describe, expect, it } from 'vitest';
import { createQuitGuard } from '../../../main/lifecycle/quitGuard.js';
import { clearIfOurs, OUR_COPY } from '../../support/clearIfOurs.js';
import { FakeClock } from '../../support/FakeClock.js';
import { MemoryClipboard } from '../../support/MemoryClipboard.js';

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
    const clip = new MemoryClipboard();
    await clip.writeText(OUR_COPY);
    const { beforeQuit, log, clock, guard } = quitSetup(clearIfOurs(clip));
    expect(guard.quitting()).toBe(false);
    expect(beforeQuit()).toBe(true);
    expect(guard.quitting()).toBe(true);
    await clock.flush();
    expect(clip.text).toBe('');
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
