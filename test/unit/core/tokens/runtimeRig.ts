import { AuditLog } from '../../../../main/core/audit/AuditLog.js';
import { createLogger } from '../../../../main/core/log.js';
import { Redactor } from '../../../../main/core/redact.js';
import type { ClipboardPort } from '../../../../main/core/tokens/ClipboardPort.js';
import type { TokenSchedule } from '../../../../main/core/tokens/TokenSchedule.js';
import { TokenRuntime } from '../../../../main/core/tokens/TokenRuntime.js';
import { emptyVaultData, type StoredTokenState, type TokenRecord, type VaultData } from '../../../../main/core/vault/vaultRecords.js';
import type { AppEvent, TokenView } from '../../../../preload/contract.js';
import { DEFAULT_SETTINGS } from '../../../../preload/settings.js';
import { FakeClock } from '../../../support/FakeClock.js';
import { FakeProvider } from '../../../support/FakeProvider.js';
import { FakeVaultAccess } from '../../../support/FakeVaultAccess.js';
import { MemoryClipboard } from '../../../support/MemoryClipboard.js';
import { azionAccount } from './harness.js';

/** The one timer, counted: the runtime's tests look at what it emits, not at the schedule. */
export class CountingSchedule implements TokenSchedule {
  ticks = 0;
  starts = 0;
  stops = 0;
  clipboardChanges = 0;
  tick(): void {
    this.ticks++;
  }
  clipboardChanged(): void {
    this.clipboardChanges++;
  }
  start(): void {
    this.starts++;
  }
  stop(): void {
    this.stops++;
  }
}

/** A stored token of account 'a' (an Azion session token), in the given state. */
export function storedToken(id: string, state: StoredTokenState, createdAt: number, extra: Partial<TokenRecord> = {}): TokenRecord {
  return {
    id,
    accountId: 'a',
    kind: 'azion-session',
    value: `azion-session-value-${id}-0123456789abcdef`,
    createdAt,
    // Far ahead of FakeClock's start: the list shows the stored state, never "expired".
    expiresAt: Date.UTC(2100, 0, 1),
    state,
    ...extra,
  };
}

/** Vault data with account 'a' and the given tokens. */
export function vaultWith(tokens: TokenRecord[]): VaultData {
  return { ...emptyVaultData(), accounts: [azionAccount('a', 'session')], tokens };
}

export interface LogLine {
  level: string;
  msg: string;
  [field: string]: unknown;
}

export interface RuntimeRig {
  runtime: TokenRuntime;
  vault: FakeVaultAccess;
  clock: FakeClock;
  clipboard: MemoryClipboard;
  redactor: Redactor;
  /** The audit trail handed in (undefined with `withAudit: false`). */
  audit: AuditLog | undefined;
  schedule: CountingSchedule;
  events: AppEvent[];
  /** The log lines as written (redacted JSON). */
  lines: string[];
  warnings(): LogLine[];
  /** The token lists the window was sent, oldest first. */
  lists(): TokenView[][];
  /** What the window was told besides token lists. */
  others(): AppEvent[];
}

export interface RigOptions {
  data?: VaultData;
  /** Vault locked when the runtime is built (default unlocked). */
  locked?: boolean;
  vault?: FakeVaultAccess;
  clipboard?: MemoryClipboard & ClipboardPort;
  /** Pass an AuditLog over the vault (default true); false leaves the runtime to build its own. */
  withAudit?: boolean;
  clock?: FakeClock;
}

/** A TokenRuntime over fakes, not started: call `runtime.start()` as createTokensService does. */
export function makeRuntime(options: RigOptions = {}): RuntimeRig {
  const clock = options.clock ?? new FakeClock();
  const redactor = new Redactor();
  const vault =
    options.vault ?? new FakeVaultAccess(options.data ?? vaultWith([]), { redactor, ...(options.locked ? { unlocked: false } : {}) });
  const clipboard = options.clipboard ?? new MemoryClipboard();
  const events: AppEvent[] = [];
  const lines: string[] = [];
  const logger = createLogger({ write: (line) => lines.push(line) }, redactor, () => clock.now());
  const schedule = new CountingSchedule();
  const azion = new FakeProvider('azion', { clock });
  const ocean = new FakeProvider('ocean', { clock });
  const audit = options.withAudit === false ? undefined : new AuditLog(vault, clock, (t) => redactor.redact(t));
  const runtime = new TokenRuntime(
    {
      vault,
      providers: (kind) => (kind === 'azion' ? azion : ocean),
      clock,
      clipboard,
      settings: () => DEFAULT_SETTINGS,
      redactor,
      logger,
      emit: (e) => events.push(e),
      ...(audit ? { audit } : {}),
    },
    () => schedule,
  );
  return {
    runtime,
    vault,
    clock,
    clipboard,
    redactor,
    audit,
    schedule,
    events,
    lines,
    warnings: () => lines.map((l) => JSON.parse(l) as LogLine).filter((l) => l.level === 'warn'),
    lists: () => events.flatMap((e) => (e.type === 'tokens-changed' ? [e.tokens] : [])),
    others: () => events.filter((e) => e.type !== 'tokens-changed'),
  };
}

/** A promise the test settles by hand. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** One turn of the event loop (what the runtime's "a turn later" list waits for); no time passes. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
