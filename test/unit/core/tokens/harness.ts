import { AuditLog } from '../../../../main/core/audit/AuditLog.js';
import { createLogger } from '../../../../main/core/log.js';
import { Redactor } from '../../../../main/core/redact.js';
import { DEFAULT_SETTINGS, type Settings } from '../../../../preload/settings.js';
import { TestPresence } from '../../../support/TestPresence.js';
import { createTokensService, type MainTokensService } from '../../../../main/core/tokens/createTokensService.js';
import { VaultExpirationLedger } from '../../../../main/core/tokens/VaultExpirationLedger.js';
import { emptyVaultData, type AccountRecord, type VaultData } from '../../../../main/core/vault/vaultRecords.js';
import type { AppEvent } from '../../../../preload/contract.js';
import { FakeClock } from '../../../support/FakeClock.js';
import { MemoryClipboard } from '../../../support/MemoryClipboard.js';
import { FakeProvider } from '../../../support/FakeProvider.js';
import { FakeVaultAccess } from '../../../support/FakeVaultAccess.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export function azionAccount(id: string, mode: 'session' | 'personal', extra: Partial<AccountRecord> = {}): AccountRecord {
  return {
    id,
    label: `Azion ${mode} ${id}`,
    createdAt: 0,
    config: {
      kind: 'azion',
      authBase: 'https://api.azionapi.net',
      apiBase: 'https://api.azionapi.net',
      checkBase: 'https://sso.azion.com/api',
      mode,
      email: 'dev@example.com',
    },
    secrets: { kind: 'azion', password: 'pw-not-a-real-one' },
    autoRenew: false,
    revokeOnRenew: false,
    defaultCopyFormat: 'raw',
    ...extra,
  };
}

export function oceanAccount(id: string, flavour: 'provider' | 'node', extra: Partial<AccountRecord> = {}): AccountRecord {
  return {
    id,
    label: `Ocean ${flavour} ${id}`,
    createdAt: 0,
    config: { kind: 'ocean', providerUrl: `https://${flavour}.ocean.example`, address: '0x00000000000000000000000000000000000000A1', flavour },
    // Not a key anyone uses: the fakes never sign.
    secrets: { kind: 'ocean', privateKey: `0x${'11'.repeat(32)}` },
    autoRenew: false,
    revokeOnRenew: false,
    defaultCopyFormat: 'header',
    ...extra,
  };
}

export interface Harness {
  clock: FakeClock;
  vault: FakeVaultAccess;
  azion: FakeProvider;
  ocean: FakeProvider;
  clipboard: MemoryClipboard;
  events: AppEvent[];
  logs: string[];
  settings: Settings;
  redactor: Redactor;
  audit: AuditLog;
  service: MainTokensService;
  /** The stand-in person at main's dialogs: approves unless told otherwise. */
  presence: TestPresence;
  /** Lets background work finish (no real time passes). */
  settle(): Promise<void>;
  /** A new service over the persisted data, as after quitting and starting the app again. */
  restart(): Harness;
  tokensChanged(): AppEvent[];
}

export function makeHarness(
  options: { accounts?: AccountRecord[]; data?: VaultData; clock?: FakeClock; settings?: Partial<Settings>; withCheck?: boolean } = {},
): Harness {
  const clock = options.clock ?? new FakeClock();
  const data = options.data ?? { ...emptyVaultData(), accounts: options.accounts ?? [] };
  const redactor = new Redactor();
  const vault = new FakeVaultAccess(data, { redactor });
  const ledger = new VaultExpirationLedger(vault, clock);
  const azion = new FakeProvider('azion', { clock, withCheck: options.withCheck ?? true });
  const ocean = new FakeProvider('ocean', { clock, ledger, withCheck: options.withCheck ?? false });
  const clipboard = new MemoryClipboard();
  const events: AppEvent[] = [];
  const logs: string[] = [];
  const settings: Settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const logger = createLogger({ write: (line) => logs.push(line) }, redactor, () => clock.now());
  const audit = new AuditLog(vault, clock, (t) => redactor.redact(t));
  const presence = new TestPresence(clock);
  const service = createTokensService({
    vault,
    providers: (kind) => (kind === 'azion' ? azion : ocean),
    clock,
    clipboard,
    settings: () => settings,
    redactor,
    logger,
    emit: (e) => events.push(e),
    audit,
    presence,
  });
  const harness: Harness = {
    clock,
    vault,
    azion,
    ocean,
    clipboard,
    events,
    logs,
    settings,
    redactor,
    audit,
    service,
    presence,
    settle: async () => {
      for (let i = 0; i < 5; i++) {
        await service.settled();
        await clock.flush(20);
      }
    },
    restart: () => {
      service.dispose();
      return makeHarness({ data: vault.snapshot(), clock, settings: { ...settings }, withCheck: options.withCheck });
    },
    tokensChanged: () => events.filter((e) => e.type === 'tokens-changed'),
  };
  return harness;
}
