/**
 * What this desktop can do, as a pure function of facts gathered at start-up, so Settings can say
 * plainly what will not work instead of the app failing silently.
 *
 * Linux tray facts: Electron draws its tray icon as a StatusNotifierItem over D-Bus, which needs a
 * host (org.kde.StatusNotifierWatcher: KDE, Cinnamon, XFCE's panel plugin, Ubuntu's GNOME, or
 * GNOME with the AppIndicator extension); with no host it falls back to the legacy X11 system tray,
 * which Wayland and modern GNOME do not have. Where no tray can show, closing the window must quit
 * rather than hide (see shouldHideOnClose), or the app would be running with no way back to it.
 */
import type { PlatformInfo } from '../../preload/contract.js';
import type { TrayHost } from '../tray/trayHost.js';

export type { TrayHost } from '../tray/trayHost.js';

export interface PlatformFacts {
  platform: string;
  env: Readonly<Record<string, string | undefined>>;
  notificationsSupported: boolean;
  trayHost: TrayHost;
  /** Creating the tray icon threw. */
  trayFailed?: boolean;
  /** The accelerator that failed to register, if one did. */
  shortcutFailed?: string;
}

export const LIMITATIONS = {
  noTrayHost:
    'No system tray was found on this desktop, so Token Vault shows no tray icon and closing the window quits the app. ' +
    'On GNOME, install the "AppIndicator and KStatusNotifierItem Support" extension, then restart Token Vault.',
  gnomeTrayUnsure:
    'GNOME shows tray icons only with the "AppIndicator and KStatusNotifierItem Support" extension; without it the tray icon is hidden ' +
    '(start Token Vault again to bring its window back).',
  legacyTray:
    'This desktop has no StatusNotifier tray host, so the tray icon uses the older X11 system tray; if no icon appears, add a system tray to your panel.',
  trayFailed: 'The tray icon could not be created on this system, so closing the window quits the app.',
  noNotifications: 'This system does not support desktop notifications, so expiry alerts appear only inside the Token Vault window.',
  waylandShortcut:
    'In a Wayland session a global shortcut works only where the desktop offers the GlobalShortcuts portal (e.g. KDE Plasma, recent GNOME); if it does nothing, use the tray icon instead.',
  shortcutFailed: (accelerator: string): string =>
    `The shortcut "${accelerator}" could not be registered: another app may already use it, or it is not a valid shortcut. Choose another one.`,
} as const;

function osOf(platform: string): PlatformInfo['os'] {
  return platform === 'linux' || platform === 'darwin' || platform === 'win32' ? platform : 'other';
}

export function isWayland(env: PlatformFacts['env']): boolean {
  return env['XDG_SESSION_TYPE'] === 'wayland' || (!!env['WAYLAND_DISPLAY'] && env['XDG_SESSION_TYPE'] !== 'x11');
}

/** XDG_CURRENT_DESKTOP is a colon-separated list, e.g. "ubuntu:GNOME" or "KDE". */
export function desktops(env: PlatformFacts['env']): string[] {
  return (env['XDG_CURRENT_DESKTOP'] ?? '').split(':').map((d) => d.trim().toLowerCase()).filter(Boolean);
}

function linuxTray(facts: PlatformFacts): { tray: boolean; limitation?: string } {
  const names = desktops(facts.env);
  const gnome = names.includes('gnome') && !names.includes('ubuntu'); // Ubuntu ships the extension on.
  if (facts.trayHost === 'present') return { tray: true };
  if (facts.trayHost === 'absent') {
    if (isWayland(facts.env) || gnome) return { tray: false, limitation: LIMITATIONS.noTrayHost };
    return { tray: true, limitation: LIMITATIONS.legacyTray };
  }
  return gnome ? { tray: true, limitation: LIMITATIONS.gnomeTrayUnsure } : { tray: true };
}

export function platformInfo(facts: PlatformFacts): PlatformInfo {
  const os = osOf(facts.platform);
  const limitations: string[] = [];
  let tray = os === 'darwin' || os === 'win32';
  if (os === 'linux') {
    const t = linuxTray(facts);
    tray = t.tray;
    if (t.limitation) limitations.push(t.limitation);
  }
  if (facts.trayFailed) {
    tray = false;
    limitations.push(LIMITATIONS.trayFailed);
  }
  if (!facts.notificationsSupported) limitations.push(LIMITATIONS.noNotifications);
  if (os === 'linux' && isWayland(facts.env)) limitations.push(LIMITATIONS.waylandShortcut);
  if (facts.shortcutFailed) limitations.push(LIMITATIONS.shortcutFailed(facts.shortcutFailed));
  return { os, tray, notifications: facts.notificationsSupported, globalShortcut: os !== 'other', limitations };
}
