/**
 * One Token Vault per user: a second launch hands over to the first, which shows its window (even
 * when it was closed to the tray). Without the lock, two processes would each hold the vault
 * unlocked and race on its file.
 */
import type { App, BrowserWindow } from 'electron';

/** True when this process is the one instance; false means: quit now, the other one takes over. */
export function claimSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'on'>, onSecondInstance: () => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => onSecondInstance());
  return true;
}

export type RevealableWindow = Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'isVisible' | 'show' | 'focus'>;

/**
 * Brings the window to the user from any state: closed (opens a new one), hidden to the tray,
 * minimized, or behind other windows. Returns the window shown.
 */
export function revealWindow<W extends RevealableWindow>(win: W | null, open: () => W, focusApp?: () => void): W {
  // A new window shows itself once it has painted (window.ts: 'ready-to-show').
  if (!win || win.isDestroyed()) return open();
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
  focusApp?.();
  return win;
}
