import { BrowserWindow, session, shell } from 'electron';
import { isNavigationAllowed, isPermissionAllowed, secureWebPreferences } from './security.js';

export interface WindowOptions {
  preloadPath: string;
  /** app://token-vault/index.html in production, the dev server URL in development. */
  url: string;
}

/** The one window, with every guard from main/security.ts applied. */
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
    webPreferences: secureWebPreferences(opts.preloadPath),
  });

  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links to the web open in the user's browser, never inside the app.
    // electronegativity-ignore: OPEN_EXTERNAL_JS_CHECK — only https:// links, handed to the user's browser, never opened in the app
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(win.webContents.getURL(), url)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(opts.url);
  return win;
}

/** Deny every permission request and check for the whole session. */
export function lockDownSession(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(isPermissionAllowed(permission)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => isPermissionAllowed(permission));
}
