import { randomBytes } from 'node:crypto';
import type { AppEvent, TokenView } from '../../../preload/contract.js';
import type { AuditInput, AuditLog } from '../audit/AuditLog.js';
import type { Clock } from '../clock.js';
import { AppError, isAppError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Presence } from '../presence/Presence.js';
import type { Provider, ProviderKind, StoredTokenRef } from '../providers/types.js';
import type { Redactor } from '../redact.js';
import type { Settings } from '../../../preload/settings.js';
import type { VaultAccess } from '../vault/VaultAccess.js';
import type { AccountRecord, TokenRecord, VaultData } from '../vault/types.js';
import type { ClipboardPort } from './ClipboardPort.js';
import { listViews, toTokenView } from './tokenView.js';
import { tokenPreview } from './tokenPreview.js';

export interface TokensServiceDeps {
  vault: VaultAccess;
  providers: (kind: ProviderKind) => Provider;
  clock: Clock;
  clipboard: ClipboardPort;
  settings: () => Settings;
  redactor: Redactor;
  logger: Logger;
  emit: (event: AppEvent) => void;
  /** Random bytes for ids (default node:crypto). */
  random?: (size: number) => Uint8Array;
  /** The audit trail (default: an AuditLog over the same vault). */
  audit?: AuditLog;
  /** The person, asked by main: signing, reveal, revoke all. Default: absentPresence (refuses). */
  presence?: Presence;
}

/** What the token operations share: the ports, and small helpers that keep each operation short. */
export class TokenContext {
  readonly deps: TokensServiceDeps;
  readonly audit: AuditLog;
  /** Aborted on lock, so in-flight provider calls stop once the vault's secrets are gone. */
  abort = new AbortController();
  /** Revokes in flight, so a double click joins the first call. */
  readonly revoking = new Map<string, Promise<TokenRecord>>();
  /** Called after every change: re-arms the scheduler. */
  onChanged: () => void = () => {};
  /** Called after a copy: only the clipboard's clear time changed. */
  onClipboardChanged: () => void = () => {};
  readonly #tasks = new Set<Promise<unknown>>();
  #listSoon = false;

  constructor(deps: TokensServiceDeps, audit: AuditLog) {
    this.deps = deps;
    this.audit = audit;
  }

  now(): number {
    return this.deps.clock.now();
  }

  newId(): string {
    return Buffer.from((this.deps.random ?? randomBytes)(16)).toString('hex');
  }

  alertLeadMs(): number {
    return this.deps.settings().alertLeadMinutes * 60_000;
  }

  account(id: string): AccountRecord | undefined {
    return this.deps.vault.read().accounts.find((a) => a.id === id);
  }

  requireAccount(id: string): AccountRecord {
    const account = this.account(id);
    if (!account) throw new AppError('NOT_FOUND', 'That account no longer exists. Refresh the list and try again.');
    return account;
  }

  requireToken(id: string): TokenRecord {
    const token = this.deps.vault.read().tokens.find((t) => t.id === id);
    if (!token) throw new AppError('NOT_FOUND', 'That token is no longer in the vault. Refresh the list.');
    return token;
  }

  views(): TokenView[] {
    const data = this.deps.vault.read();
    return listViews(data.tokens, data.accounts, this.now(), this.alertLeadMs());
  }

  view(token: TokenRecord): TokenView {
    return toTokenView(token, this.account(token.accountId)?.label ?? '(removed account)', this.now(), this.alertLeadMs());
  }

  /**
   * At unlock: the full list goes out a turn later, once. With 10,000 tokens building it is a few
   * milliseconds unlock need not wait for: the window asks for the list itself once it hears 'unlocked'.
   */
  changedSoon(): void {
    if (this.#listSoon) return;
    this.#listSoon = true;
    void this.track(
      new Promise<void>((resolve) =>
        setImmediate(() => {
          this.#listSoon = false;
          this.changed();
          resolve();
        }),
      ),
    );
  }

  /** Emits the full list and re-arms the schedule; a no-op while locked. */
  changed(): void {
    if (!this.deps.vault.isUnlocked()) return;
    const pendingCleanup = this.deps.vault.read().cleanup?.length ?? 0;
    this.deps.emit({ type: 'tokens-changed', tokens: this.views(), ...(pendingCleanup > 0 ? { pendingCleanup } : {}) });
    this.onChanged();
  }

  /** The audit fields that describe a token, never its value. */
  describe(token: Pick<TokenRecord, 'id' | 'accountId' | 'value'>, account: AccountRecord | undefined): Partial<AuditInput> {
    return { accountId: token.accountId, accountLabel: account?.label, tokenId: token.id, tokenPreview: tokenPreview(token.value) };
  }

  /** Appends an entry on its own; an audit that cannot be written is logged, never thrown over the real outcome. */
  async record(input: AuditInput): Promise<void> {
    try {
      await this.audit.append(input);
    } catch (e) {
      this.deps.logger.warn('audit entry not written', { action: input.action, outcome: input.outcome, code: codeOf(e) });
    }
  }

  /** Finds a token inside an update, or throws NOT_FOUND (the update then changes nothing). */
  static tokenIn(data: VaultData, id: string): TokenRecord {
    const token = data.tokens.find((t) => t.id === id);
    if (!token) throw new AppError('NOT_FOUND', 'That token is no longer in the vault. Refresh the list.');
    return token;
  }

  /** Keeps track of background work so tests and quit can wait for it. */
  track<T>(promise: Promise<T>): Promise<T> {
    this.#tasks.add(promise);
    const done = (): void => {
      this.#tasks.delete(promise);
    };
    promise.then(done, done);
    return promise;
  }

  async settled(): Promise<void> {
    while (this.#tasks.size > 0) await Promise.allSettled([...this.#tasks]);
  }
}

export function codeOf(e: unknown): string {
  return isAppError(e) ? e.code : 'INTERNAL';
}

export function refOf(token: TokenRecord): StoredTokenRef {
  const ref: StoredTokenRef = { kind: token.kind, value: token.value, expiresAt: token.expiresAt };
  if (token.serverId !== undefined) ref.serverId = token.serverId;
  if (token.meta !== undefined) ref.meta = { ...token.meta };
  return ref;
}
