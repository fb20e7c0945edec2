import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PlatformInfo, SettingsView } from '../../../../preload/contract.js';
import { DEFAULT_SETTINGS } from '../../../../preload/settings.js';
import { AppSettings } from '../../../../main/core/settings/AppSettings.js';
import { openConfSettings, SettingsStore } from '../../../../main/core/settings/SettingsStore.js';
import { FakeKeyWrapper } from '../../../support/FakeKeyWrapper.js';
import { codeOf, TEST_PASSWORD, useVaultHarness } from '../../../support/vaultHarness.js';

const PLATFORM: PlatformInfo = { os: 'linux', tray: true, notifications: true, globalShortcut: false, limitations: ['No global shortcut on Wayland.'] };

let keychain: FakeKeyWrapper;
let store: SettingsStore;
let service: AppSettings;
let events: SettingsView[];
const h = useVaultHarness(() => {
  keychain = new FakeKeyWrapper();
  return { keyWrapper: keychain, acceptInsecureKeychain: () => store.get().keychainAcceptInsecure };
});

beforeEach(async () => {
  store = new SettingsStore(openConfSettings(h.dir));
  service = new AppSettings({ store, vault: h.vault, keyWrapper: keychain, platform: () => PLATFORM });
  events = [];
  service.onChange((v) => events.push(v));
  await h.vault.create(TEST_PASSWORD);
});

describe('AppSettings', () => {
  it('shows the keychain backend and the platform', async () => {
    expect(await service.view()).toEqual({
      settings: DEFAULT_SETTINGS,
      keychain: { available: true, backend: 'gnome_libsecret', secure: true, enabled: false },
      platform: PLATFORM,
    });
  });

  it('updates, validates and tells listeners', async () => {
    const v = await service.update({ autoLockMinutes: 1, theme: 'light' });
    expect(v.settings).toMatchObject({ autoLockMinutes: 1, theme: 'light' });
    expect(events).toHaveLength(1);
    expect(await codeOf(service.update({ autoLockMinutes: -1 }))).toBe('BAD_ARGUMENT');
    expect(await codeOf(service.update({ nope: true } as never))).toBe('BAD_ARGUMENT');
    expect(service.current().autoLockMinutes).toBe(1);
  });

  it('turning keychain unlock on wraps the data key; the view reports the file, also while locked', async () => {
    const v = await service.update({ keychainUnlock: true }, TEST_PASSWORD);
    expect(v.keychain.enabled).toBe(true);
    expect(v.settings.keychainUnlock).toBe(true);
    await h.vault.lock();
    expect((await service.view()).keychain.enabled).toBe(true);
    await h.vault.unlockWithKeychain();
    expect((await service.update({ keychainUnlock: false })).keychain.enabled).toBe(false);
  });

  it('refuses basic_text unless accepted, in the same patch or before; withdrawing consent turns it off', async () => {
    keychain.backendName = 'basic_text';
    expect((await service.view()).keychain).toMatchObject({ backend: 'basic_text', secure: false });
    expect(await codeOf(service.update({ keychainUnlock: true }, TEST_PASSWORD))).toBe('KEYCHAIN_INSECURE');
    expect(store.get().keychainUnlock).toBe(false);
    expect((await service.update({ keychainUnlock: true, keychainAcceptInsecure: true }, TEST_PASSWORD)).keychain.enabled).toBe(true);
    await h.vault.lock();
    await h.vault.unlockWithKeychain();
    const v = await service.update({ keychainAcceptInsecure: false });
    expect(v.keychain.enabled).toBe(false);
    expect(v.settings.keychainUnlock).toBe(false);
  });

  it('weakening protection needs the master password in the same call; strengthening never does', async () => {
    const weakening = [
      { autoLockMinutes: 0 },
      { autoLockMinutes: 60 },
      { lockOnSleep: false },
      { clipboardClearSeconds: 0 },
      { clipboardClearSeconds: 600 },
      { keychainUnlock: true },
      { keychainAcceptInsecure: true },
    ];
    for (const patch of weakening) {
      const e = await service.update(patch).catch((x: unknown) => x);
      expect(e, JSON.stringify(patch)).toMatchObject({ code: 'PASSWORD_REQUIRED' });
      expect((e as Error).message).toMatch(/master password/);
    }
    expect(await codeOf(service.update({ lockOnSleep: false }, 'not the password'))).toBe('BAD_PASSWORD');
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect((await service.view()).keychain.enabled).toBe(false);
    // Stronger or neutral: no password.
    await service.update({ autoLockMinutes: 5, clipboardClearSeconds: 10, theme: 'dark', lockOnSleep: true });
    const off = await service.update({ autoLockMinutes: 0, lockOnSleep: false }, TEST_PASSWORD);
    expect(off.settings).toMatchObject({ autoLockMinutes: 0, lockOnSleep: false });
    // From "never" to a time is stronger.
    expect((await service.update({ autoLockMinutes: 30 })).settings.autoLockMinutes).toBe(30);
  });

  it('a keychain change needs the vault unlocked', async () => {
    await h.vault.lock();
    expect(await codeOf(service.update({ keychainUnlock: true }, TEST_PASSWORD))).toBe('LOCKED');
    expect(JSON.parse(await readFile(join(h.dir, 'settings.json'), 'utf8').catch(() => '{}'))).not.toHaveProperty('keychainUnlock', true);
  });
});
