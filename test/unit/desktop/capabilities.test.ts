import { describe, expect, it } from 'vitest';
import { desktops, isWayland, LIMITATIONS, platformInfo, type PlatformFacts } from '../../../main/desktop/capabilities.js';

const facts = (p: Partial<PlatformFacts> = {}): PlatformFacts => ({ platform: 'linux', env: {}, notificationsSupported: true, trayHost: 'unknown', ...p });

describe('platformInfo', () => {
  it('macOS and Windows: everything, no limitations', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      expect(platformInfo(facts({ platform }))).toEqual({ os: platform, tray: true, notifications: true, globalShortcut: true, limitations: [] });
    }
  });

  it('Linux with a StatusNotifier host: a tray, no caveat', () => {
    expect(platformInfo(facts({ trayHost: 'present', env: { XDG_CURRENT_DESKTOP: 'GNOME', XDG_SESSION_TYPE: 'x11' } }))).toMatchObject({ tray: true, limitations: [] });
  });

  it.each<[string, PlatformFacts['env'], boolean, string]>([
    ['GNOME on Wayland', { XDG_CURRENT_DESKTOP: 'GNOME', XDG_SESSION_TYPE: 'wayland' }, false, LIMITATIONS.noTrayHost],
    ['GNOME on X11 (no legacy tray since 3.26)', { XDG_CURRENT_DESKTOP: 'GNOME', XDG_SESSION_TYPE: 'x11' }, false, LIMITATIONS.noTrayHost],
    ['sway (Wayland, no XEmbed fallback)', { XDG_CURRENT_DESKTOP: 'sway', WAYLAND_DISPLAY: 'wayland-1' }, false, LIMITATIONS.noTrayHost],
    ['i3 on X11: the legacy tray may work', { XDG_CURRENT_DESKTOP: 'i3', XDG_SESSION_TYPE: 'x11' }, true, LIMITATIONS.legacyTray],
  ])('Linux without a StatusNotifier host, %s → tray %s', (_name, env, tray, limitation) => {
    const info = platformInfo(facts({ trayHost: 'absent', env }));
    expect(info.tray).toBe(tray);
    expect(info.limitations).toContain(limitation);
  });

  it('Linux where the bus could not be asked: warn on plain GNOME only', () => {
    expect(platformInfo(facts({ env: { XDG_CURRENT_DESKTOP: 'GNOME', XDG_SESSION_TYPE: 'x11' } }))).toMatchObject({ tray: true, limitations: [LIMITATIONS.gnomeTrayUnsure] });
    // Ubuntu's GNOME ships the AppIndicator extension enabled.
    expect(platformInfo(facts({ env: { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME', XDG_SESSION_TYPE: 'x11' } }))).toMatchObject({ tray: true, limitations: [] });
    expect(platformInfo(facts({ env: { XDG_CURRENT_DESKTOP: 'KDE', XDG_SESSION_TYPE: 'x11' } }))).toMatchObject({ tray: true, limitations: [] });
  });

  it('says when notifications, the tray icon or the shortcut cannot work', () => {
    const info = platformInfo(facts({ platform: 'win32', notificationsSupported: false, trayFailed: true, shortcutFailed: 'Ctrl+Alt+T' }));
    expect(info).toMatchObject({ tray: false, notifications: false, globalShortcut: true });
    expect(info.limitations).toEqual([LIMITATIONS.trayFailed, LIMITATIONS.noNotifications, LIMITATIONS.shortcutFailed('Ctrl+Alt+T')]);
    expect(info.limitations[2]).toContain('"Ctrl+Alt+T"');
  });

  it('Wayland: the global shortcut may need the desktop portal', () => {
    expect(platformInfo(facts({ trayHost: 'present', env: { XDG_SESSION_TYPE: 'wayland', XDG_CURRENT_DESKTOP: 'KDE' } })).limitations).toEqual([LIMITATIONS.waylandShortcut]);
  });

  it('an unknown OS is "other" with no tray promised', () => {
    expect(platformInfo(facts({ platform: 'freebsd' }))).toMatchObject({ os: 'other', tray: false, globalShortcut: false });
  });

  it('every limitation is a full sentence a user can act on', () => {
    const all = [...Object.values(LIMITATIONS).filter((v): v is string => typeof v === 'string'), LIMITATIONS.shortcutFailed('X')];
    for (const text of all) expect(text).toMatch(/^[A-Z"].*[.)]$/s);
  });
});

describe('session facts', () => {
  it('reads the desktop list and the session type', () => {
    expect(desktops({ XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' })).toEqual(['ubuntu', 'gnome']);
    expect(desktops({})).toEqual([]);
    expect(isWayland({ XDG_SESSION_TYPE: 'wayland' })).toBe(true);
    expect(isWayland({ WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(isWayland({ WAYLAND_DISPLAY: 'wayland-0', XDG_SESSION_TYPE: 'x11' })).toBe(false);
    expect(isWayland({ XDG_SESSION_TYPE: 'x11' })).toBe(false);
  });
});
