/**
 * Whether closing the window hides it to the tray or closes it. Where no tray can show, closing must
 * close (see desktop/capabilities.ts), or the app would be running with no way back to it.
 */

/** Close hides to the tray only when the user wants it, a tray can be shown, and we are not quitting. */
export function shouldHideOnClose(s: { closeToTray: boolean; trayAvailable: boolean; quitting: boolean }): boolean {
  return s.closeToTray && s.trayAvailable && !s.quitting;
}
