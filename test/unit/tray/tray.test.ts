import { EventEmitter } from 'node:events';
import type { Menu, MenuItemConstructorOptions, Tray } from 'electron';
import { describe, expect, it } from 'vitest';
import { createTray, trayClickAction } from '../../../main/tray/tray.js';
import type { TrayAction, TrayItem } from '../../../main/tray/trayModel.js';

/** Stand-ins for Electron's Tray and Menu that record what the glue does with them. */
function fakeElectron() {
  const log: string[] = [];
  const templates: MenuItemConstructorOptions[][] = [];
  const instances: EventEmitter[] = [];
  class FakeTray extends EventEmitter {
    constructor(image: unknown) {
      super();
      instances.push(this);
      log.push(`new Tray(${String(image)})`);
    }
    setToolTip(t: string): void {
      log.push(`tooltip ${t}`);
    }
    setContextMenu(menu: { n: number }): void {
      log.push(`menu #${menu.n}`);
    }
    destroy(): void {
      log.push('destroy');
    }
  }
  const FakeMenu = {
    buildFromTemplate(template: MenuItemConstructorOptions[]) {
      templates.push(template);
      return { n: templates.length };
    },
  };
  return { log, templates, instances, electron: { Tray: FakeTray as unknown as typeof Tray, Menu: FakeMenu as unknown as typeof Menu } };
}

const model: TrayItem[] = [{ type: 'action', id: 'lock', label: 'Lock now', action: { kind: 'lock' } }];

describe('createTray', () => {
  it('creates the icon, replaces the whole menu on each update, destroys once', () => {
    const f = fakeElectron();
    const tray = createTray(f.electron, { icon: '/icons/tray.png', onAction: () => {}, clickAction: null });
    tray.update(model);
    tray.update(model);
    tray.destroy();
    tray.destroy();
    tray.update(model);
    expect(f.log).toEqual(['new Tray(/icons/tray.png)', 'tooltip Token Vault', 'menu #1', 'menu #2', 'destroy']);
  });

  it('menu clicks reach onAction; an icon click runs clickAction where given', () => {
    const f = fakeElectron();
    const seen: TrayAction[] = [];
    const tray = createTray(f.electron, { icon: 'x', onAction: (a) => seen.push(a), clickAction: { kind: 'open' } });
    tray.update(model);
    (f.templates[0]?.[0]?.click as () => void)();
    f.instances[0]?.emit('click');
    expect(seen).toEqual([{ kind: 'lock' }, { kind: 'open' }]);
  });

  it('macOS opens the menu on click; Windows and Linux show the window', () => {
    expect(trayClickAction('darwin')).toBeNull();
    expect(trayClickAction('win32')).toEqual({ kind: 'open' });
    expect(trayClickAction('linux')).toEqual({ kind: 'open' });
  });
});
