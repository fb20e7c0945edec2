/**
 * The order of what main does at start and at quit, without the Electron binary: main/index.ts is
 * loaded with a recording stand-in for `electron` (test/support/electronRecorder.ts) and the real
 * composition behind it. A sequencing slip (the scheme registered after ready, a window before the
 * protocol, the tray before ready, quitting before the clipboard is cleared) fails here instead of
 * on a user's machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REQUIRED_PREFERENCES } from '../../tools/security/windowCheck.js';
import { electronRecorder, type ElectronRecorder } from '../support/electronRecorder.js';

const dataDir = mkdtempSync(join(tmpdir(), 'tv-boot-'));
const recorder: ElectronRecorder = electronRecorder({ dataDir });

vi.mock('electron', () => recorder.module);
// electron-store reads Electron's app paths when constructed; the settings are a plain object here.
vi.mock('electron-store', () => ({ default: class { store: Record<string, unknown> = {}; } }));
// The one place the test looks inside main: it marks when the quit path asks the token service to
// clear the clipboard, so the log shows that it happens before app.quit().
vi.mock('../../main/services.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../main/services.js')>();
  return {
    ...actual,
    createServices: (...args: Parameters<typeof actual.createServices>) => {
      const services = actual.createServices(...args);
      const clear = services.tokens.clearClipboard.bind(services.tokens);
      services.tokens.clearClipboard = async () => {
        recorder.mark('<clipboard cleared>');
        return clear();
      };
      return services;
    },
  };
});

/** The position of the first log line that starts with `prefix`; fails when there is none. */
function at(prefix: string): number {
  const i = recorder.log.findIndex((line) => line.startsWith(prefix));
  expect(i, `main never did ${prefix}\n${recorder.log.join('\n')}`).toBeGreaterThanOrEqual(0);
  return i;
}

describe('main/index.ts boot order', () => {
  beforeAll(async () => {
    await import('../../main/index.js');
    recorder.ready();
    // The ready callback runs on the microtask after whenReady resolves; one await lets it.
    await Promise.resolve();
  });

  afterAll(async () => {
    // The agent closes its socket and the services stop their timers on will-quit.
    await Promise.all(recorder.fire('app', 'will-quit'));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes the single-instance lock before anything else', () => {
    expect(recorder.log[0]).toBe('app.requestSingleInstanceLock()');
  });

  it('sandboxes, guards every web contents and registers app:// as privileged before ready', () => {
    const ready = at('<ready>');
    expect(at('app.enableSandbox()')).toBeLessThan(ready);
    expect(at('app.on(web-contents-created)')).toBeLessThan(ready);
    expect(at('protocol.registerSchemesAsPrivileged()')).toBeLessThan(ready);
    const [schemes] = recorder.calls.find((c) => c.name === 'protocol.registerSchemesAsPrivileged()')!.args as [{ scheme: string; privileges: Record<string, boolean> }[]];
    expect(schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
  });

  it('after ready: the IPC handlers, the locked-down session and the protocol, then the window', () => {
    const ready = at('<ready>');
    const ipc = at('ipcMain.handle(');
    const permissions = at('session.defaultSession.setPermissionRequestHandler()');
    const protocol = at('protocol.handle(app)');
    const window = at('new BrowserWindow');
    expect(ready).toBeLessThan(ipc);
    expect(ipc).toBeLessThan(window);
    expect(permissions).toBeLessThan(window);
    expect(ready).toBeLessThan(protocol);
    expect(protocol).toBeLessThan(window);
    expect(at('BrowserWindow#.loadURL(app://token-vault/index.html)')).toBeGreaterThan(window);
  });

  it('opens the window with the web preferences the security gate requires', () => {
    const [options] = recorder.calls.find((c) => c.name === 'new BrowserWindow')!.args as [{ webPreferences: Record<string, unknown> }];
    expect(options.webPreferences).toMatchObject(REQUIRED_PREFERENCES);
    expect(options.webPreferences).toMatchObject({ devTools: false, preload: expect.stringMatching(/preload[/\\]index\.cjs$/) });
  });

  it('builds the tray and listens for power events only after ready', () => {
    const ready = at('<ready>');
    expect(at('new Tray')).toBeGreaterThan(ready);
    for (const event of ['suspend', 'resume', 'lock-screen', 'unlock-screen']) expect(at(`powerMonitor.on(${event})`)).toBeGreaterThan(ready);
    expect(at('app.on(before-quit)')).toBeGreaterThan(ready);
  });

  it('on quit: holds the quit, clears the clipboard, then quits', async () => {
    const quitsBefore = recorder.log.filter((l) => l === 'app.quit()').length;
    let held = false;
    recorder.fire('app', 'before-quit', { preventDefault: () => (held = true) });
    expect(held).toBe(true);
    await vi.waitFor(() => expect(recorder.log.filter((l) => l === 'app.quit()')).toHaveLength(quitsBefore + 1));
    const fromQuit = recorder.log.slice(recorder.log.lastIndexOf('<clipboard cleared>'));
    expect(fromQuit[0]).toBe('<clipboard cleared>');
    expect(fromQuit).toContain('app.quit()');
    // The quit that follows passes through: the guard does not hold it twice.
    let heldAgain = false;
    recorder.fire('app', 'before-quit', { preventDefault: () => (heldAgain = true) });
    expect(heldAgain).toBe(false);
  });
});
