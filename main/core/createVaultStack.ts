import type { NetworkView, PlatformInfo } from '../../preload/contract.js';
import type { VaultData } from './vault/types.js';
import { AccountsServiceImpl, type AccountsServiceOptions } from './accounts/AccountsServiceImpl.js';
import type { Clock } from './clock.js';
import type { Logger } from './log.js';
import type { Presence } from './presence/Presence.js';
import type { Redactor } from './redact.js';
import { SettingsServiceImpl } from './settings/SettingsServiceImpl.js';
import { openConfSettings, SettingsStore, type SettingsBacking } from './settings/SettingsStore.js';
import { AtomicVaultFile } from './vault/AtomicVaultFile.js';
import { AutoLock } from './vault/AutoLock.js';
import type { KdfParams } from './vault/kdf.js';
import { noKeyWrapper, type KeyWrapper } from './vault/KeyWrapper.js';
import { Vault } from './vault/Vault.js';
import { VaultLocation } from './vault/VaultLocation.js';

export interface VaultStackDeps {
  /** Holds vault.json, its backups and settings.json (Electron: app.getPath('userData')). */
  dataDir: string;
  clock: Clock;
  logger: Logger;
  redactor: Redactor;
  platform: () => PlatformInfo;
  /** Electron: safeStorageKeyWrapper(). Default: no keychain. */
  keyWrapper?: KeyWrapper;
  /** Electron: new ElectronStore(ELECTRON_STORE_OPTIONS). Default: conf in dataDir. */
  settingsBacking?: SettingsBacking;
  /** Tests and harnesses may pass a cheap cost; the app keeps the default. */
  kdf?: KdfParams;
  recordAudit?: AccountsServiceOptions['recordAudit'];
  beforeLock?: (data: VaultData) => void;
  /** The person, asked by main (account removal, secrets moving to a new origin). Default: refuses. */
  presence?: Presence;
  /** How HTTP reaches the network, for the settings view. */
  network?: () => NetworkView;
}

export interface VaultStack {
  vault: Vault;
  accounts: AccountsServiceImpl;
  settings: SettingsServiceImpl;
  autoLock: AutoLock;
}

/** The vault, accounts, settings and auto-lock wired together, for main/services.ts and the e2e harness. */
export function createVaultStack(d: VaultStackDeps): VaultStack {
  const store = new SettingsStore(d.settingsBacking ?? openConfSettings(d.dataDir), d.logger);
  const keyWrapper = d.keyWrapper ?? noKeyWrapper;
  const vault = new Vault({
    file: new AtomicVaultFile(new VaultLocation(d.dataDir).file),
    clock: d.clock,
    redactor: d.redactor,
    logger: d.logger,
    keyWrapper,
    acceptInsecureKeychain: () => store.get().keychainAcceptInsecure,
    ...(d.kdf ? { kdf: d.kdf } : {}),
    ...(d.beforeLock ? { beforeLock: d.beforeLock } : {}),
  });
  const settings = new SettingsServiceImpl({ store, vault, keyWrapper, platform: d.platform, logger: d.logger, ...(d.network ? { network: d.network } : {}) });
  const accounts = new AccountsServiceImpl({
    vault,
    redactor: d.redactor,
    clock: d.clock,
    logger: d.logger,
    ...(d.recordAudit ? { recordAudit: d.recordAudit } : {}),
    ...(d.presence ? { presence: d.presence } : {}),
  });
  const autoLock = new AutoLock({ clock: d.clock, vault, settings: () => store.get(), logger: d.logger });
  settings.onChange(() => autoLock.refresh());
  return { vault, accounts, settings, autoLock };
}
