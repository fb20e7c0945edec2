import { BrowserWindow, session, type App, type Session, type WebContents } from 'electron';
import { isNavigationAllowed, isPermissionAllowed, secureWebPreferences } from './security.js';

export interface WindowOptions {
  preloadPath: string;
  /** app://token-vault/index.html in production, the dev server URL in development. */
  url: string;
  /** A packaged build: no DevTools. */
  packaged: boolean;
}

/** The one window, with every guard from main/window/security.ts applied. */
export function createMainWindow(opts: WindowOptions): BrowserWindow {
  // electronegativity-ignore: CONTEXT_ISOLATION_JS_CHECK, SANDBOX_JS_CHECK, AUXCLICK_JS_CHECK — webPreferences come from secureWebPreferences(), which the security gate checks (isolation, sandbox, no node, Auxclick off)
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Token Vault',
    backgroundColor: '#111418',
    webPreferences: secureWebPreferences(opts.preloadPath, { packaged: opts.packaged }),
  });

  // No window.open at all: the UI has no external links, and nothing it asks to open is opened.
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(win.webContents.getURL(), url)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(opts.url);
  return win;
}

/**
 * Every web contents the app ever creates (the window, and anything a future change or a bug
 * might open) gets the same guards: no new windows, no navigation away, no webviews, no Bluetooth
 * picker. Registered before any window exists.
 */
export function guardAllWebContents(app: Pick<App, 'on'>): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isNavigationAllowed(contents.getURL(), url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isNavigationAllowed(contents.getURL(), url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.on('select-bluetooth-device', (event, _devices, callback) => {
      event.preventDefault();
      callback('');
    });
  });
}

/** Deny every permission request and check, every device and every screen capture, for the whole session. */
export function lockDownSession(ses: Session = session.defaultSession): void {
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(isPermissionAllowed(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => isPermissionAllowed(permission));
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  // The pickers: cancel at once (calling back with no device), so no device is ever chosen.
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  ses.on('select-serial-port', (event, _ports, _wc, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
}
