/**
 * Composition root: app lifecycle, services, IPC, window. Decisions live elsewhere (security.ts,
 * core/); this file only wires them to Electron.
 */
import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENT_CHANNEL, type AppEvent } from '../preload/contract.js';
import { systemClock } from './core/clock.js';
import { createLogger } from './core/log.js';
import { Redactor } from './core/redact.js';
import { createHandlers } from './ipc/handlers.js';
import { registerElectronIpc } from './ipc/electronIpc.js';
import { schemas } from './ipc/schemas.js';
import { fileLogSink } from './platform/fileLogSink.js';
import { registerAppScheme, serveAppScheme } from './protocol.js';
import { APP_ORIGIN, isTrustedUrl, trustedOrigins } from './security.js';
import { createServices } from './services.js';
import { createMainWindow, lockDownSession } from './window.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];

if (!app.requestSingleInstanceLock()) app.quit();
registerAppScheme();

let win: BrowserWindow | null = null;

function send(event: AppEvent): void {
  win?.webContents.send(EVENT_CHANNEL, event);
}

void app.whenReady().then(() => {
  const redactor = new Redactor();
  const logger = createLogger(fileLogSink(join(app.getPath('logs'), 'main.log')), redactor);
  const services = createServices({ dataDir: app.getPath('userData'), clock: systemClock, logger, redactor });
  const origins = trustedOrigins(devServerUrl);
  registerElectronIpc({
    handlers: createHandlers(services),
    schemas,
    isTrustedSender: (url) => isTrustedUrl(url, origins),
    logger,
  });
  lockDownSession();
  serveAppScheme(join(here, '../renderer'));
  const open = (): void => {
    win = createMainWindow({
      preloadPath: join(here, '../preload/index.cjs'),
      url: devServerUrl ?? `${APP_ORIGIN}/index.html`,
    });
    win.on('closed', () => (win = null));
  };
  open();
  void services.vault.status().then((status) => send({ type: 'vault-status', status }));
  app.on('second-instance', () => {
    if (!win) return open();
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
