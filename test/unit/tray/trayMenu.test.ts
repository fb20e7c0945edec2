import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { escapeMnemonic, toMenuTemplate } from '../../../main/tray/trayMenu.js';
import type { TrayAction, TrayItem } from '../../../main/tray/trayModel.js';

const items: TrayItem[] = [
  { type: 'action', id: 'token:t1', label: 'R&D — 3h 12m', action: { kind: 'copy', tokenId: 't1' } },
  { type: 'action', id: 'empty', label: 'No live tokens', action: { kind: 'open' }, enabled: false },
  { type: 'separator' },
  {
    type: 'submenu',
    id: 'token-actions',
    label: 'Other formats and revoke',
    items: [{ type: 'submenu', id: 'token-menu:t1', label: 'R&D', items: [{ type: 'action', id: 'revoke:t1', label: 'Revoke', action: { kind: 'revoke', tokenId: 't1' } }] }],
  },
];

/** Electron calls click with (menuItem, window, event); the handler ignores them. */
function click(option: MenuItemConstructorOptions | undefined): void {
  (option?.click as (() => void) | undefined)?.();
}

describe('toMenuTemplate', () => {
  it('maps every item kind to Electron options, keeping ids and nesting', () => {
    const template = toMenuTemplate(items, () => {});
    expect(template.map(({ click: _c, submenu: _s, ...rest }) => rest)).toEqual([
      { id: 'token:t1', label: 'R&&D — 3h 12m', enabled: true },
      { id: 'empty', label: 'No live tokens', enabled: false },
      { type: 'separator' },
      { id: 'token-actions', label: 'Other formats and revoke', type: 'submenu' },
    ]);
    const sub = template[3]?.submenu as MenuItemConstructorOptions[];
    expect(sub[0]).toMatchObject({ id: 'token-menu:t1', label: 'R&&D', type: 'submenu' });
    expect((sub[0]?.submenu as MenuItemConstructorOptions[])[0]).toMatchObject({ id: 'revoke:t1', label: 'Revoke' });
  });

  it('a click hands the item action back as data, from any depth', () => {
    const seen: TrayAction[] = [];
    const template = toMenuTemplate(items, (a) => seen.push(a));
    click(template[0]);
    const sub = template[3]?.submenu as MenuItemConstructorOptions[];
    click((sub[0]?.submenu as MenuItemConstructorOptions[])[0]);
    expect(seen).toEqual([{ kind: 'copy', tokenId: 't1' }, { kind: 'revoke', tokenId: 't1' }]);
  });

  it('doubles ampersands so user labels are not read as mnemonics', () => {
    expect(escapeMnemonic('R&D && Ops')).toBe('R&&D &&&& Ops');
    expect(escapeMnemonic('plain')).toBe('plain');
  });
});
