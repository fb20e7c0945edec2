/**
 * Electron glue for the tray: an icon, a tooltip, and a context menu rebuilt from the model. Every
 * decision lives in trayModel.ts (what), trayController.ts (when) and trayActions.ts (what a click
 * does); Electron's classes are passed in so this is exercised under plain Node with fakes too.
 */
import type { Menu, NativeImage, Tray } from 'electron';
import type { TrayAction, TrayItem } from './trayModel.js';
import { toMenuTemplate } from './trayMenu.js';

export interface TrayElectron {
  Tray: typeof Tray;
  Menu: typeof Menu;
}

export interface CreateTrayOptions {
  icon: NativeImage | string;
  onAction(action: TrayAction): void;
  /**
   * What a plain click on the icon does where it does not open the menu (Windows, and Linux hosts
   * that send "activate"): platform convention is to show the app. Null leaves it to the menu.
   */
  clickAction: TrayAction | null;
  tooltip?: string;
}

export interface TrayHandle {
  update(items: TrayItem[]): void;
  destroy(): void;
}

export function createTray(electron: TrayElectron, opts: CreateTrayOptions): TrayHandle {
  const tray = new electron.Tray(opts.icon);
  tray.setToolTip(opts.tooltip ?? 'Token Vault');
  const { clickAction } = opts;
  if (clickAction) tray.on('click', () => opts.onAction(clickAction));
  let destroyed = false;
  return {
    update(items) {
      if (destroyed) return;
      // Linux needs setContextMenu again for any change to show, so the menu is always replaced whole.
      tray.setContextMenu(electron.Menu.buildFromTemplate(toMenuTemplate(items, opts.onAction)));
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      tray.destroy();
    },
  };
}

/** macOS opens the menu on click; elsewhere a click (or Linux "activate") shows the window. */
export function trayClickAction(os: NodeJS.Platform): TrayAction | null {
  return os === 'darwin' ? null : { kind: 'open' };
}
