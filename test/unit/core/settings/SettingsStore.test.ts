import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../preload/settings.js';
import { openConfSettings, SettingsStore } from '../../../../main/core/settings/SettingsStore.js';

let dir: string;
let store: SettingsStore;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tv-settings-'));
  store = new SettingsStore(openConfSettings(dir));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('SettingsStore', () => {
  it('starts from the defaults and persists to a 0600 settings.json', async () => {
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    store.set({ ...DEFAULT_SETTINGS, autoLockMinutes: 5 });
    const file = join(dir, 'settings.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(new SettingsStore(openConfSettings(dir)).get().autoLockMinutes).toBe(5);
  });

  it('keeps the valid keys of a partly bad file, and falls back to defaults for garbage', async () => {
    const file = join(dir, 'settings.json');
    await writeFile(file, JSON.stringify({ autoLockMinutes: -3, theme: 'dark', fromTheFuture: 1 }));
    expect(new SettingsStore(openConfSettings(dir)).get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
    await writeFile(file, '{ not json');
    expect(new SettingsStore(openConfSettings(dir)).get()).toEqual(DEFAULT_SETTINGS);
  });

  it('refuses to store an invalid value', () => {
    expect(() => store.set({ ...DEFAULT_SETTINGS, clipboardClearSeconds: 1e9 })).toThrow();
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
  });
});
