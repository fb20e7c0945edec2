import { describe, expect, it } from 'vitest';
import { NAME_HAS_OWNER_ARGS, parseNameHasOwner, probeTrayHost, runCommand, type RunCommand } from '../../../main/tray/trayHost.js';

const REPLY = (b: string) => `method return time=1732363200.000000 sender=org.freedesktop.DBus -> destination=:1.42 serial=3 reply_serial=2\n   boolean ${b}\n`;

describe('tray host probe', () => {
  it('parses dbus-send replies', () => {
    expect(parseNameHasOwner(REPLY('true'))).toBe('present');
    expect(parseNameHasOwner(REPLY('false'))).toBe('absent');
    expect(parseNameHasOwner('')).toBe('unknown');
    expect(parseNameHasOwner('Error org.freedesktop.DBus.Error.NoReply')).toBe('unknown');
  });

  it('asks the session bus whether the StatusNotifierWatcher name has an owner', async () => {
    const asked: string[][] = [];
    const run: RunCommand = async (file, args) => {
      asked.push([file, ...args]);
      return REPLY('false');
    };
    expect(await probeTrayHost('linux', run)).toBe('absent');
    expect(asked).toEqual([['dbus-send', ...NAME_HAS_OWNER_ARGS]]);
    expect(asked[0]).toContain('string:org.kde.StatusNotifierWatcher');
  });

  it('a missing dbus-send, no bus or a timeout means unknown, not a crash', async () => {
    const run: RunCommand = async () => {
      throw Object.assign(new Error('spawn dbus-send ENOENT'), { code: 'ENOENT' });
    };
    expect(await probeTrayHost('linux', run)).toBe('unknown');
  });

  it('does not ask anything off Linux', async () => {
    const run: RunCommand = async () => {
      throw new Error('must not run');
    };
    expect(await probeTrayHost('darwin', run)).toBe('unknown');
    expect(await probeTrayHost('win32', run)).toBe('unknown');
  });

  it('the real runner returns stdout and rejects on a failing command', async () => {
    expect(await runCommand(process.execPath, ['-e', 'process.stdout.write("   boolean true")'], 10_000)).toBe('   boolean true');
    await expect(runCommand(process.execPath, ['-e', 'process.exit(3)'], 10_000)).rejects.toThrow();
    await expect(runCommand('/nonexistent/dbus-send', [], 10_000)).rejects.toThrow();
  });
});
