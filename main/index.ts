/**
 * Composition root: app lifecycle, services, IPC, window, desktop integration. Decisions live
 * elsewhere (window/, lifecycle/, desktop/, core/); this file only wires them to Electron.
 */
import { app, clipboard, ClipboardItem, dialog, Menu, net, session, type BrowserWindow } from 'electron';
import ElectronStore from 'electron-store';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENT_CHANNEL, type AppEvent } from '../preload/contract.js';
import { systemClock } from './core/clock.js';
import { createLogger } from './core/log.js';
import { Redactor } from './core/redact.js';
import { ELECTRON_STORE_OPTIONS } from './core/settings/SettingsStore.js';
import { platformInfo } from './desktop/capabilities.js';
import { createHandlers } from './ipc/handlers.js';
import { registerElectronIpc } from './ipc/electronIpc.js';
import { schemas } from '../preload/schemas.js';
import { startDesktop, type Desktop } from './desktop/startDesktop.js';
import { electronClipboard } from './platform/electronClipboard.js';
import { electronPresence } from './platform/electronPresence.js';
import { createElectronFetch, electronNetworkInfo } from './platform/electronFetch.js';
import { fileLogSink } from './platform/fileLogSink.js';
import { safeStorageKeyWrapper } from './platform/safeStorageKeyWrapper.js';
import { claimSingleInstance } from './lifecycle/singleInstance.js';
import { registerAppScheme, serveAppScheme } from './window/protocol.js';
import { APP_ID, APP_ORIGIN, appMenuTemplate, isTrustedUrl, trustedOrigins } from './window/security.js';
import { createServices } from './services.js';
import { createMainWindow, guardAllWebContents, lockDownSession } from './window/window.js';
import { describeCaller } from './agent/callerIdentity.js';
import { startAgent } from './agent/startAgent.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];

let win: BrowserWindow | null = null;
let desktop: Desktop | null = null;
const primary = claimSingleInstance(app, () => desktop?.reveal());
if (!primary) app.quit();
// Before ready: every renderer sandboxed (whatever a future window's options say), every web
// contents guarded, and Windows' taskbar and notifications grouped under the installer's appId.
app.enableSandbox();
app.setAppUserModelId(APP_ID);
guardAllWebContents(app);
registerAppScheme();
/** Main's own dialogs and the window's real input: the person decides, never the window. */
const presence = electronPresence({
  clock: systemClock,
  window: () => win,
  showMessageBox: (w, options) => (w ? dialog.showMessageBox(w, options) : dialog.showMessageBox(options)),
});

const toRenderer = (e: AppEvent): void => win?.webContents.send(EVENT_CHANNEL, e);
/** Every event main emits goes to the window and to the desktop integration (tray, notifications). */
function emit(e: AppEvent): void {
  toRenderer(e);
  desktop?.handleEvent(e);
}

void app.whenReady().then(() => {
  // app.quit() does not stop this callback: a second instance must not open the same vault.
  if (!primary) return;
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(process.platform, app.isPackaged) as Electron.MenuItemConstructorOptions[]));
  const redactor = new Redactor();
  const logger = createLogger(fileLogSink(join(app.getPath('logs'), 'main.log')), redactor);
  // Token servers are reached through Chromium's stack (system proxy, OS certificates), in an
  // in-memory session of their own: nothing shared with the window's.
  const netSession = session.fromPartition('token-vault-network');
  const network = electronNetworkInfo(netSession);
  void network.refresh();
  const services = createServices({
    dataDir: app.getPath('userData'),
    clock: systemClock,
    logger,
    redactor,
    emit,
    clipboard: electronClipboard(clipboard, { platform: process.platform, ClipboardItem }),
    platform: () => desktop?.platformInfo() ?? platformInfo({ platform: process.platform, env: process.env, notificationsSupported: false, trayHost: 'unknown' }),
    keyWrapper: safeStorageKeyWrapper(),
    settingsBacking: new ElectronStore<Record<string, unknown>>(ELECTRON_STORE_OPTIONS),
    presence,
    fetch: createElectronFetch(net, netSession),
    network: network.view,
  });
  const origins = trustedOrigins(devServerUrl);
  registerElectronIpc({
    handlers: createHandlers(services),
    schemas,
    isTrustedSender: (url) => isTrustedUrl(url, origins),
    logger,
    // Any call from the window is user activity for the idle auto-lock.
    onCall: () => services.autoLock.touch(),
  });
  lockDownSession();
  serveAppScheme(join(here, '../renderer'));

  const open = (): BrowserWindow => {
    const w = createMainWindow({ preloadPath: join(here, '../preload/index.cjs'), url: devServerUrl ?? `${APP_ORIGIN}/index.html`, packaged: app.isPackaged });
    presence.watch(w.webContents);
    w.on('closed', () => (win = null));
    desktop?.attachWindow(w);
    return (win = w);
  };
  desktop = startDesktop({
    clock: systemClock,
    logger,
    tokens: services.tokens,
    lock: () => services.vault.lock(),
    settings: () => services.settings.current(),
    autoLock: services.autoLock,
    clearClipboard: async () => void (await services.tokens.clearClipboard()),
    reevaluate: () => services.tokens.reevaluate(),
    window: () => win,
    openWindow: open,
    send: toRenderer,
  });
  open();
  app.on('will-quit', () => void services.dispose());

  // The `tokenvault` CLI's agent. Without it the app still works; the CLI then says the app is not running.
  startAgent({
    services,
    grants: services.agentGrants,
    auditLog: services.auditLog,
    presence,
    clock: systemClock,
    logger,
    dataDir: app.getPath('userData'),
    requestUnlock: (caller) => {
      desktop?.reveal();
      emit({ type: 'unlock-requested', caller: describeCaller(caller) });
    },
  }).then(
    (agent) => app.on('will-quit', () => void agent.close()),
    (e: unknown) => logger.warn('command-line agent not started', { error: e }),
  );
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
