import { EventEmitter } from 'node:events';
import type { App } from 'electron';
import { describe, expect, it } from 'vitest';
import { claimSingleInstance, revealWindow, type RevealableWindow } from '../../../main/lifecycle/singleInstance.js';

function fakeApp(gotLock: boolean) {
  const app = Object.assign(new EventEmitter(), { requestSingleInstanceLock: () => gotLock });
  return app;
}

class FakeWindow implements RevealableWindow {
  log: string[] = [];
  constructor(
    public state: { destroyed?: boolean; minimized?: boolean; visible?: boolean } = {},
  ) {}
  isDestroyed = () => this.state.destroyed ?? false;
  isMinimized = () => this.state.minimized ?? false;
  isVisible = () => this.state.visible ?? true;
  restore = () => {
    this.log.push('restore');
    this.state.minimized = false;
  };
  show = () => {
    this.log.push('show');
    this.state.visible = true;
  };
  focus = () => {
    this.log.push('focus');
  };
}

describe('claimSingleInstance', () => {
  it('the first instance holds the lock and hears about later launches', () => {
    const app = fakeApp(true);
    let seconds = 0;
    expect(claimSingleInstance(app as unknown as App, () => seconds++)).toBe(true);
    app.emit('second-instance', {}, ['token-vault'], '/home/u', {});
    expect(seconds).toBe(1);
  });

  it('a second instance learns it must quit, and listens to nothing', () => {
    const app = fakeApp(false);
    expect(claimSingleInstance(app as unknown as App, () => {})).toBe(false);
    expect(app.listenerCount('second-instance')).toBe(0);
  });
});

describe('revealWindow', () => {
  it('brings back a window hidden to the tray', () => {
    const win = new FakeWindow({ visible: false });
    let appFocused = 0;
    expect(revealWindow(win, () => new FakeWindow(), () => appFocused++)).toBe(win);
    expect(win.log).toEqual(['show', 'focus']);
    expect(appFocused).toBe(1);
  });

  it('restores a minimized window', () => {
    const win = new FakeWindow({ minimized: true });
    revealWindow(win, () => new FakeWindow());
    expect(win.log).toEqual(['restore', 'focus']);
  });

  it('opens a new window when there is none or it was destroyed, and lets it show itself when painted', () => {
    const fresh = new FakeWindow({ visible: false });
    expect(revealWindow(null, () => fresh)).toBe(fresh);
    expect(revealWindow(new FakeWindow({ destroyed: true }), () => fresh)).toBe(fresh);
    expect(fresh.log).toEqual([]);
  });
});
