/**
 * Security decisions for the window, as pure functions so they are unit-tested without Electron.
 * Electron's checklist: isolation, sandbox, no node, web security, strict CSP, no new windows,
 * no navigation, no permissions, our own app:// scheme instead of file://.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'token-vault';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The Content-Security-Policy of the UI; renderer/index.html carries the same string (tested). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "object-src 'none'",
].join('; ');

/** electron-builder.config.cjs's appId (tested): Windows groups notifications and the taskbar by it. */
export const APP_ID = 'dev.tokenvault.app';

/**
 * The webPreferences every window gets. DevTools only in development: in a packaged build "paste
 * this into the console" must have no console to paste into.
 */
export function secureWebPreferences(preloadPath: string, options: { packaged: boolean }) {
  return {
    preload: preloadPath,
    devTools: !options.packaged,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    disableBlinkFeatures: 'Auxclick',
  } as const;
}

/** The origins whose top-level documents may call IPC: app:// always, the dev server in development. */
export function trustedOrigins(devServerUrl: string | undefined): string[] {
  const origins = [APP_ORIGIN];
  if (devServerUrl) {
    try {
      origins.push(new URL(devServerUrl).origin);
    } catch {
      // A malformed dev URL trusts nothing extra.
    }
  }
  return origins;
}

export function isTrustedUrl(url: string, origins: readonly string[]): boolean {
  try {
    const u = new URL(url);
    // app:// is not a "special" scheme to WHATWG URL in every runtime, so compare scheme + host by hand.
    const origin = u.origin !== 'null' ? u.origin : `${u.protocol}//${u.host}`;
    return origins.includes(origin);
  } catch {
    return false;
  }
}

/** Navigation away from the loaded UI is never allowed; a reload of the same document is. */
export function isNavigationAllowed(currentUrl: string, targetUrl: string): boolean {
  try {
    const a = new URL(currentUrl);
    const b = new URL(targetUrl);
    return a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname;
  } catch {
    return false;
  }
}

/** The one kind of label the application menu has; a plain shape so this file stays free of Electron. */
export interface MenuItemSpec {
  label?: string;
  role?: string;
  type?: 'separator';
  submenu?: MenuItemSpec[];
}

/**
 * The application menu, explicit so Electron's default one (with Reload and Toggle Developer Tools)
 * never ships: editing roles (copy and paste in the forms, and on macOS the app menu), and the
 * reload/DevTools items only in development.
 */
export function appMenuTemplate(platform: string, packaged: boolean): MenuItemSpec[] {
  const edit: MenuItemSpec = {
    label: 'Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  const menu: MenuItemSpec[] =
    platform === 'darwin'
      ? [{ label: 'Token Vault', submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { type: 'separator' }, { role: 'quit' }] }, edit, { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] }]
      : [{ label: 'File', submenu: [{ role: 'quit' }] }, edit];
  if (!packaged) menu.push({ label: 'Develop', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }] });
  return menu;
}

/** Permission requests (camera, notifications from the page, …): the UI needs none of them. */
export function isPermissionAllowed(_permission: string): boolean {
  return false;
}

/** Maps an app:// request to a file under the renderer's root, or null when it escapes it or is foreign. */
export function resolveAppPath(requestUrl: string, root: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path === '/' || path === '') path = '/index.html';
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..' || p.includes('\\') || p.includes('\0'))) return null;
  const base = root.endsWith('/') ? root.slice(0, -1) : root;
  return `${base}/${parts.join('/')}`;
}

const MIME: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  json: 'application/json',
};

export function mimeType(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return MIME[ext] ?? 'application/octet-stream';
}

/** Headers for every app:// response: the CSP again (belt and braces with the meta tag). */
export function appResponseHeaders(path: string): Record<string, string> {
  return {
    'Content-Type': mimeType(path),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
