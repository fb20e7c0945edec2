/**
 * Asks the session bus whether a StatusNotifier host (org.kde.StatusNotifierWatcher) is running,
 * the thing a Linux tray icon needs. Uses dbus-send, present wherever D-Bus is; any failure or
 * slowness means 'unknown', never a crash or a stalled start-up.
 */
import { execFile } from 'node:child_process';

/** Whether a StatusNotifier host was found on the session bus; 'unknown' when we could not ask. */
export type TrayHost = 'present' | 'absent' | 'unknown';

export type RunCommand = (file: string, args: readonly string[], timeoutMs: number) => Promise<string>;

export const NAME_HAS_OWNER_ARGS = [
  '--session',
  '--print-reply',
  '--reply-timeout=1000',
  '--dest=org.freedesktop.DBus',
  '/org/freedesktop/DBus',
  'org.freedesktop.DBus.NameHasOwner',
  'string:org.kde.StatusNotifierWatcher',
] as const;

/** dbus-send prints e.g. `method return time=… sender=… \n   boolean true`. */
export function parseNameHasOwner(stdout: string): TrayHost {
  const m = /\bboolean\s+(true|false)\b/.exec(stdout);
  if (!m) return 'unknown';
  return m[1] === 'true' ? 'present' : 'absent';
}

export const runCommand: RunCommand = (file, args, timeoutMs) =>
  new Promise((resolve, reject) => {
    execFile(file, [...args], { timeout: timeoutMs, windowsHide: true }, (err, stdout) => (err ? reject(err) : resolve(String(stdout))));
  });

export async function probeTrayHost(platform: string, run: RunCommand = runCommand): Promise<TrayHost> {
  if (platform !== 'linux') return 'unknown';
  try {
    return parseNameHasOwner(await run('dbus-send', NAME_HAS_OWNER_ARGS, 1500));
  } catch {
    return 'unknown';
  }
}
