/**
 * The desktop integration in one call, for main/index.ts: tray, notifications, power and
 * screen-lock events, close to tray, global shortcut, clipboard clearing on lock and quit. This is
 * wiring only; every decision is in a tested module (tray/, lifecycle/, capabilities, ...).
 */
import { app, globalShortcut, Menu, nativeImage, Notification, powerMonitor, Tray, type BrowserWindow } from 'electron';
import type { AppEvent, PlatformInfo, Settings } from '../../preload/contract.js';
import color1x from '../../build/tray/tray.png?asset';
import color2x from '../../build/tray/tray@2x.png?asset';
import template1x from '../../build/tray/trayTemplate.png?asset';
import template2x from '../../build/tray/trayTemplate@2x.png?asset';
import { shouldHideOnClose } from '../lifecycle/closeToTray.js';
import { createQuitGuard } from '../lifecycle/quitGuard.js';
import { createSessionGuard, type AutoLockPort } from '../lifecycle/sessionGuard.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import type { TokensService } from '../core/services.js';
import { createTray, trayClickAction, type TrayHandle } from '../tray/tray.js';
import { createTrayActionHandler } from '../tray/trayActions.js';
import { createTrayController } from '../tray/trayController.js';
import { platformInfo, type PlatformFacts } from './capabilities.js';
import { createNotifier } from '../platform/notifications.js';
import { watchPower } from '../platform/power.js';
import { createShortcutBinding } from '../platform/shortcut.js';
import { revealWindow } from '../lifecycle/singleInstance.js';
import { chooseTrayIcon, loadTrayIcon } from '../tray/trayIcon.js';
import { probeTrayHost } from '../tray/trayHost.js';

export interface DesktopDeps {
  clock: Clock;
  /** The settings now (the settings service's current()). */
  settings(): Settings;
  tokens: Pick<TokensService, 'copy' | 'revoke' | 'mint'>;
  lock(): Promise<void>;
  autoLock: AutoLockPort;
  /** The token service's "clear the clipboard if it still holds our copy". */
  clearClipboard(): Promise<void> | void;
  window(): BrowserWindow | null;
  openWindow(): BrowserWindow;
  /** Re-decides the token schedules (renewals, alerts, clipboard clear) from the wall clock. */
  reevaluate(): void;
  /** Sends an AppEvent to the renderer (not back into handleEvent). */
  send(event: AppEvent): void;
  logger: Logger;
}

export interface Desktop {
  /** Call with every AppEvent main emits (vault status, tokens, accounts, settings, expiry alerts). */
  handleEvent(event: AppEvent): void;
  /** Close to tray for this window. */
  attachWindow(win: BrowserWindow): void;
  /** Show the window from any state (second instance, dock click, shortcut). */
  reveal(): BrowserWindow;
  /** For SettingsView.platform. */
  platformInfo(): PlatformInfo;
}

export function startDesktop(deps: DesktopDeps): Desktop {
  const { clock, logger, settings } = deps;
  const facts: PlatformFacts = {
    platform: process.platform,
    env: process.env,
    notificationsSupported: Notification.isSupported(),
    trayHost: 'unknown',
  };
  let info = platformInfo(facts);
  const refreshInfo = (): void => {
    info = platformInfo(facts);
  };
  void probeTrayHost(process.platform).then((host) => {
    facts.trayHost = host;
    refreshInfo();
  });

  const reveal = (): BrowserWindow => revealWindow(deps.window(), deps.openWindow, () => app.focus({ steal: true }));
  /** Sends once the page can hear it: a window just opened from the tray is still loading. */
  const sendWhenLoaded = (event: AppEvent): void => {
    const win = deps.window();
    if (win?.webContents.isLoading()) win.webContents.once('did-finish-load', () => deps.send(event));
    else deps.send(event);
  };
  const revealAndSend = (event: AppEvent): void => {
    reveal();
    sendWhenLoaded(event);
  };

  const notifier = createNotifier(Notification, {
    onClickToken: (tokenId) => revealAndSend({ type: 'focus-token', tokenId }),
    onClickNotice: () => void reveal(),
  });
  const quitGuard = createQuitGuard({
    clock,
    cleanup: deps.clearClipboard,
    quit: () => app.quit(),
    onError: (e) => logger.warn('clipboard clear on quit failed', { error: e }),
  });
  const onAction = createTrayActionHandler({
    tokens: deps.tokens,
    lock: deps.lock,
    showWindow: () => void reveal(),
    send: sendWhenLoaded,
    notify: (text) => notifier.notice(text),
    quit: () => app.quit(),
  });
  let tray: TrayHandle | null = null;
  try {
    const icon = loadTrayIcon(nativeImage, chooseTrayIcon(process.platform, { template1x, template2x, color1x, color2x }));
    tray = createTray({ Tray, Menu }, { icon, onAction: (a) => void onAction(a), clickAction: trayClickAction(process.platform) });
  } catch (e) {
    logger.warn('tray unavailable', { error: e });
    facts.trayFailed = true;
    refreshInfo();
  }
  const trayController = createTrayController({
    clock,
    alertLeadMs: settings().alertLeadMinutes * 60_000,
    render: (items) => tray?.update(items),
  });
  const session = createSessionGuard({
    clock,
    settings,
    autoLock: deps.autoLock,
    clearClipboard: deps.clearClipboard,
    // After a resume, a screen unlock or a detected sleep/clock jump, timers may be late: the tray
    // labels and every token schedule are recomputed from the wall clock.
    refresh: () => {
      trayController.refresh();
      deps.reevaluate();
    },
    onError: (e) => logger.warn('clipboard clear on lock failed', { error: e }),
  });
  const stopPower = watchPower(powerMonitor, (event) => session.powerEvent(event));
  const shortcut = createShortcutBinding(globalShortcut, () => void reveal());
  /** Registers the shortcut the settings name (a no-op when unchanged) and records a failure. */
  const syncShortcut = (): void => {
    const result = shortcut.set(settings().globalShortcut);
    if (result.ok) delete facts.shortcutFailed;
    else facts.shortcutFailed = result.accelerator;
    refreshInfo();
  };
  syncShortcut();

  app.on('before-quit', (event) => quitGuard.beforeQuit(event));
  app.on('will-quit', () => {
    stopPower();
    session.dispose();
    trayController.dispose();
    shortcut.dispose();
    tray?.destroy();
  });
  app.on('activate', () => void reveal());

  return {
    handleEvent(event) {
      trayController.handleEvent(event);
      session.appEvent(event);
      // A focused window already shows the alert; the desktop notification is for when it is not.
      if (event.type === 'expiry-alert' && !deps.window()?.isFocused()) {
        notifier.expiryAlert(event, trayController.tokens().find((t) => t.id === event.tokenId), clock.now());
      } else if (event.type === 'renewal-failing' && !deps.window()?.isFocused()) {
        notifier.renewalFailing(event, clock.now());
      } else if (event.type === 'settings-changed') {
        syncShortcut();
      }
    },
    attachWindow(win) {
      win.on('close', (event) => {
        if (shouldHideOnClose({ closeToTray: settings().closeToTray, trayAvailable: info.tray, quitting: quitGuard.quitting() })) {
          event.preventDefault();
          win.hide();
        }
      });
    },
    reveal,
    // Syncing here makes a settings view built right after a change report the new shortcut's fate.
    platformInfo: () => {
      syncShortcut();
      return info;
    },
  };
}
