import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  APP_ID,
  APP_ORIGIN,
  appMenuTemplate,
  type MenuItemSpec,
  CONTENT_SECURITY_POLICY,
  appResponseHeaders,
  isNavigationAllowed,
  isPermissionAllowed,
  isTrustedUrl,
  resolveAppPath,
  secureWebPreferences,
  trustedOrigins,
} from '../../../main/window/security.js';

describe('window security', () => {
  it('webPreferences isolate, sandbox and disable node', () => {
    const p = secureWebPreferences('/app/preload.cjs', { packaged: true });
    expect(p).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('has no DevTools in a packaged build', () => {
    expect(secureWebPreferences('/p', { packaged: true }).devTools).toBe(false);
    expect(secureWebPreferences('/p', { packaged: false }).devTools).toBe(true);
  });

  it('ships an explicit menu without Reload or DevTools, with editing for the forms', () => {
    const roles = (items: MenuItemSpec[]): string[] => items.flatMap((i) => [...(i.role ? [i.role] : []), ...roles(i.submenu ?? [])]);
    for (const platform of ['darwin', 'win32', 'linux']) {
      const packaged = roles(appMenuTemplate(platform, true));
      expect(packaged).toEqual(expect.arrayContaining(['copy', 'paste', 'quit']));
      expect(packaged).not.toContain('toggleDevTools');
      expect(packaged).not.toContain('reload');
      expect(packaged).not.toContain('forceReload');
      expect(roles(appMenuTemplate(platform, false))).toContain('toggleDevTools');
    }
  });

  it("uses the installer's appId as the AppUserModelId", () => {
    const config = createRequire(import.meta.url)('../../../electron-builder.config.cjs') as { appId: string };
    expect(APP_ID).toBe(config.appId);
  });

  it('trusts app:// and the dev server only', () => {
    const origins = trustedOrigins('http://localhost:5173/');
    expect(isTrustedUrl(`${APP_ORIGIN}/index.html`, origins)).toBe(true);
    expect(isTrustedUrl('http://localhost:5173/index.html', origins)).toBe(true);
    expect(isTrustedUrl('http://localhost:5174/index.html', origins)).toBe(false);
    expect(isTrustedUrl('app://evil/index.html', origins)).toBe(false);
    expect(isTrustedUrl('file:///etc/passwd', origins)).toBe(false);
    expect(isTrustedUrl('https://example.com', trustedOrigins(undefined))).toBe(false);
    expect(isTrustedUrl('not a url', origins)).toBe(false);
  });

  it('blocks navigation away from the loaded document', () => {
    expect(isNavigationAllowed(`${APP_ORIGIN}/index.html`, `${APP_ORIGIN}/index.html#x`)).toBe(true);
    expect(isNavigationAllowed(`${APP_ORIGIN}/index.html`, 'https://example.com/')).toBe(false);
    expect(isNavigationAllowed(`${APP_ORIGIN}/index.html`, `${APP_ORIGIN}/other.html`)).toBe(false);
    expect(isNavigationAllowed(`${APP_ORIGIN}/index.html`, 'javascript:alert(1)')).toBe(false);
  });

  it('denies every permission', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) expect(isPermissionAllowed(p)).toBe(false);
  });

  it('serves only files under the renderer root', () => {
    expect(resolveAppPath(`${APP_ORIGIN}/`, '/r')).toBe('/r/index.html');
    expect(resolveAppPath(`${APP_ORIGIN}/assets/a.js`, '/r/')).toBe('/r/assets/a.js');
    expect(resolveAppPath(`${APP_ORIGIN}/../secret`, '/r')).toBe('/r/secret');
    // URL parsing folds encoded dot segments before we see them: the path stays inside the root.
    expect(resolveAppPath(`${APP_ORIGIN}/assets/%2e%2e/%2e%2e/etc/passwd`, '/r')).toBe('/r/etc/passwd');
    expect(resolveAppPath(`${APP_ORIGIN}/assets/..%2f..%2fetc`, '/r')).toBeNull();
    expect(resolveAppPath(`${APP_ORIGIN}/a%5c..%5cb`, '/r')).toBeNull();
    expect(resolveAppPath('app://other/index.html', '/r')).toBeNull();
    expect(resolveAppPath('https://token-vault/index.html', '/r')).toBeNull();
  });

  it('index.html carries exactly the CSP main serves, and it is strict', () => {
    const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(appResponseHeaders('/r/index.html')['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });
});
