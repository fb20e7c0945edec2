/**
 * TrayItem[] → Electron's menu template. Types only from electron, so this runs (and is tested)
 * under plain Node; main/tray/tray.ts hands the result to Menu.buildFromTemplate.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { TrayAction, TrayItem } from './trayModel.js';

/**
 * Chromium menus read "&" as a mnemonic marker on every platform (underlined on Windows, "_" in
 * Linux's dbusmenu, stripped on macOS); labels come from users ("R&D"), so a literal "&" is doubled.
 */
export function escapeMnemonic(label: string): string {
  return label.replaceAll('&', '&&');
}

export function toMenuTemplate(items: readonly TrayItem[], onAction: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'submenu':
        return { id: item.id, label: escapeMnemonic(item.label), type: 'submenu', submenu: toMenuTemplate(item.items, onAction) };
      case 'action': {
        const action = item.action;
        return { id: item.id, label: escapeMnemonic(item.label), enabled: item.enabled ?? true, click: () => onAction(action) };
      }
    }
  });
}
