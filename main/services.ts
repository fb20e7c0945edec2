import type { AppEvent, NetworkView, PlatformInfo } from '../preload/contract.js';
import { VaultAccounts } from './core/accounts/VaultAccounts.js';
import { auditAppender } from './core/audit/auditAppender.js';
import { AuditLog } from './core/audit/AuditLog.js';
import { AppError } from './core/errors.js';
import { createAuditService } from './core/audit/createAuditService.js';
import type { Clock } from './core/clock.js';
import { createHttpClient } from './core/http/createHttpClient.js';
import { HTTP_DEFAULTS, type FetchLike, type HttpClientOptions } from './core/http/httpTypes.js';
import { createNodeNetwork, type NetworkEnv } from './core/http/nodeFetch.js';
import type { Logger } from './core/log.js';
import { absentPresence, type Presence } from './core/presence/Presence.js';
import { createProviderRegistry } from './core/providers/providerRegistry.js';
import type { Redactor } from './core/redact.js';
import { AppSettings } from './core/settings/AppSettings.js';
import { openConfSettings, SettingsStore, type SettingsBacking } from './core/settings/SettingsStore.js';
import type { ClipboardPort } from './core/tokens/ClipboardPort.js';
import { createTokensService, type MainTokensService } from './core/tokens/createTokensService.js';
import { VaultExpirationLedger } from './core/tokens/VaultExpirationLedger.js';
import { AtomicVaultFile } from './core/vault/AtomicVaultFile.js';
import { AutoLock } from './core/vault/AutoLock.js';
import type { KdfParams } from './core/vault/kdf.js';
import { noKeyWrapper, type KeyWrapper } from './core/vault/KeyWrapper.js';
import { Vault } from './core/vault/Vault.js';
import { VaultLocation } from './core/vault/VaultLocation.js';
import type { Services } from './core/services.js';
import { AgentGrants } from './agent/AgentGrants.js';

export type { Services } from './core/services.js';

/** Everything the outside world gives the app; Electron's main and the e2e harness each supply their own. */
export interface ServiceDeps {
  /** Where the vault, its backups and the settings live (Electron: app.getPath('userData')). */
  dataDir: string;
  clock: Clock;
  logger: Logger;
  redactor: Redactor;
  /** Pushes an event to the renderer (and the tray/notifications in the app). */
  emit: (event: AppEvent) => void;
  clipboard: ClipboardPort;
  platform: () => PlatformInfo;
  /** Electron: safeStorageKeyWrapper(). Default: no keychain. */
  keyWrapper?: KeyWrapper;
  /** Electron: new ElectronStore(ELECTRON_STORE_OPTIONS). Default: conf in dataDir. */
  settingsBacking?: SettingsBacking;
  /** Tests pass a cheap KDF; the app keeps the default cost. */
  kdf?: KdfParams;
  /**
   * How HTTP leaves the app. Electron passes Chromium's stack (main/platform/electronFetch.ts: the
   * system proxy and PAC, the OS certificate store); without one, Node's undici with the
   * environment's HTTPS_PROXY / NO_PROXY / NODE_EXTRA_CA_CERTS (nodeFetch.ts). Either way every
   * request goes through the one HTTP client, so its timeouts, body cap, redirect rules and
   * redaction hold.
   */
  fetch?: FetchLike;
  /** What Settings shows about the network; given with `fetch`. */
  network?: () => NetworkView;
  /** The environment the Node network reads when no `fetch` is given (default process.env). */
  env?: NetworkEnv;
  http?: Partial<Omit<HttpClientOptions, 'clock' | 'logger' | 'fetch'>>;
  /**
   * The person, asked by main (signing, reveal, bulk revoke, account removal, secrets moving to a new
   * origin). Electron: its native dialogs and input events; the e2e harness: an adapter tests drive.
   * Without one, all of those are refused (absentPresence).
   */
  presence?: Presence;
}

export interface AppServices extends Services {
  vault: Vault;
  settings: AppSettings;
  accounts: VaultAccounts;
  tokens: MainTokensService;
  autoLock: AutoLock;
  /** The audit trail itself, for the agent's entries. */
  auditLog: AuditLog;
  /** Command-line grants ("Allow for N minutes"): dropped on lock and with their account. */
  agentGrants: AgentGrants;
  /** Stops timers and clears the clipboard if it still holds our copy (quit). */
  dispose(): Promise<void>;
}

/**
 * The composition of the core services, shared by the Electron app and the e2e harness: one function,
 * each part built after what it needs, nothing bound late. The audit trail's append needs only the
 * clock and the redactor, so the vault (which records its lock) and the accounts service (which
 * records each change inside the same update) get it before the AuditLog that reads the vault.
 */
export function createServices(deps: ServiceDeps): AppServices {
  const { clock, logger, redactor } = deps;
  const presence = deps.presence ?? absentPresence;
  const nodeNetwork = deps.fetch ? undefined : createNodeNetwork(deps.env ?? process.env);
  const doFetch: FetchLike = deps.fetch ?? nodeNetwork!.fetch;
  const network = deps.network ?? (nodeNetwork ? () => nodeNetwork.info : undefined);
  const redact = (text: string): string => redactor.redact(text);
  const appendAudit = auditAppender(clock, redact);

  const store = new SettingsStore(deps.settingsBacking ?? openConfSettings(deps.dataDir), logger);
  const keyWrapper = deps.keyWrapper ?? noKeyWrapper;
  const vault = new Vault({
    file: new AtomicVaultFile(new VaultLocation(deps.dataDir).file),
    clock,
    redactor,
    logger,
    keyWrapper,
    acceptInsecureKeychain: () => store.get().keychainAcceptInsecure,
    ...(deps.kdf ? { kdf: deps.kdf } : {}),
    beforeLock: (data) => void appendAudit(data, { action: 'lock', outcome: 'ok' }),
  });
  const settings = new AppSettings({ store, vault, keyWrapper, platform: deps.platform, logger, ...(network ? { network } : {}) });
  const accounts = new VaultAccounts({
    vault,
    redactor,
    clock,
    logger,
    recordAudit: (data, event) => void appendAudit(data, { ...event, outcome: 'ok' }),
    presence,
  });
  const autoLock = new AutoLock({ clock, vault, settings: () => store.get(), logger });
  settings.onChange(() => autoLock.refresh());
  const audit = new AuditLog(vault, clock, redact);

  const http = createHttpClient({
    ...HTTP_DEFAULTS,
    ...deps.http,
    clock,
    logger,
    fetch: doFetch,
  });
  const providers = createProviderRegistry({ http, clock, ledger: new VaultExpirationLedger(vault, clock) });
  const tokens = createTokensService({
    vault,
    providers,
    clock,
    clipboard: deps.clipboard,
    settings: () => settings.current(),
    redactor,
    logger,
    emit: deps.emit,
    audit,
    presence,
  });

  // Main's remove-account dialog offers to revoke the live tokens first: one question, then this.
  accounts.revokeLiveWith((accountId) => tokens.revokeLiveConfirmed(accountId));

  const agentGrants = new AgentGrants(deps.clock);
  agentGrants.onChange(() => deps.emit({ type: 'agent-grants-changed', grants: agentGrants.list() }));
  vault.onLockChange((unlocked) => {
    if (!unlocked) agentGrants.clear();
  });

  vault.onStatusChange((status) => {
    if (status === 'unlocked') void audit.append({ action: 'unlock', outcome: 'ok' }).catch(() => undefined);
    deps.emit({ type: 'vault-status', status });
  });
  accounts.onChange((list) => {
    deps.emit({ type: 'accounts-changed', accounts: list });
    for (const g of agentGrants.list()) if (!list.some((a) => a.id === g.accountId)) agentGrants.clear(g.accountId);
    // Removing an account removes its tokens; toggling auto-renew changes the schedule.
    tokens.reevaluate();
  });
  settings.onChange((view) => {
    deps.emit({ type: 'settings-changed', view });
    tokens.reevaluate();
  });

  return {
    vault,
    settings,
    accounts,
    tokens,
    audit: createAuditService(audit),
    agent: {
      grants: async () => agentGrants.list(),
      async revokeGrant(grantId) {
        if (!agentGrants.revoke(grantId)) throw new AppError('NOT_FOUND', 'That permission has already ended. Refresh the list.');
      },
    },
    autoLock,
    auditLog: audit,
    agentGrants,
    async dispose() {
      autoLock.dispose();
      await tokens.dispose();
      await nodeNetwork?.close().catch(() => undefined);
    },
  };
}
