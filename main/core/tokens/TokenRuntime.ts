import { randomBytes } from 'node:crypto';
import type { AppEvent, TokenView } from '../../../preload/contract.js';
import type { Settings } from '../../../preload/settings.js';
import { AuditLog, type AuditInput } from '../audit/AuditLog.js';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import { absentPresence, type Presence } from '../presence/Presence.js';
import type { Provider, ProviderKind } from '../providers/types.js';
import type { Redactor } from '../redact.js';
import type { VaultAccess } from '../vault/VaultAccess.js';
import type { AccountRecord, TokenRecord } from '../vault/vaultRecords.js';
import { ClipboardGuard } from './ClipboardGuard.js';
import { codeOf } from './codeOf.js';
import { RevealGate } from './RevealGate.js';
import { SigningPreviews } from './SigningPreviews.js';
import type { TokenSchedule } from './TokenSchedule.js';
import type { TokensServiceDeps } from './TokensServiceDeps.js';
import { tokenPreview } from './tokenPreview.js';
import { listViews, toTokenView } from './tokenView.js';

/** How the runtime gets its schedule: handed in by the service, so the runtime imports no operation. */
export type ScheduleFactory = (runtime: TokenRuntime, clipboard: ClipboardGuard) => TokenSchedule;

/**
 * What the token operations (actions/) run on: the ports, read-only, and the session's state, private
 * (the abort signal of the current unlock, revokes in flight, background work, the clipboard guard,
 * the signing previews, the reveal gate, the one timer). Only the runtime changes that state, through
 * the methods below; it also follows the vault's lock and unlock.
 */
export class TokenRuntime {
  readonly #deps: TokensServiceDeps;
  readonly #audit: AuditLog;
  readonly #clipboard: ClipboardGuard;
  readonly #previews: SigningPreviews;
  readonly #revealGate: RevealGate;
  readonly #scheduler: TokenSchedule;
  /** Aborted on lock, so in-flight provider calls stop once the vault's secrets are gone. */
  #abort = new AbortController();
  /** Revokes in flight, so a double click joins the first call. */
  readonly #revoking = new Map<string, Promise<TokenRecord>>();
  readonly #tasks = new Set<Promise<unknown>>();
  #listSoon = false;
  /** Whether this runtime has heard of the current unlock: the vault tells its listeners one by one. */
  #started = false;
  #unsubscribe: (() => void) | null = null;

  constructor(deps: TokensServiceDeps, schedule: ScheduleFactory) {
    this.#deps = deps;
    this.#audit = deps.audit ?? new AuditLog(deps.vault, deps.clock, (text) => deps.redactor.redact(text));
    this.#clipboard = new ClipboardGuard(deps.clipboard);
    this.#previews = new SigningPreviews(deps.clock);
    this.#revealGate = new RevealGate(() => this.presence(), deps.clock);
    this.#scheduler = schedule(this, this.#clipboard);
  }

  get vault(): VaultAccess {
    return this.#deps.vault;
  }

  get clock(): Clock {
    return this.#deps.clock;
  }

  get redactor(): Redactor {
    return this.#deps.redactor;
  }

  get logger(): Logger {
    return this.#deps.logger;
  }

  get audit(): AuditLog {
    return this.#audit;
  }

  /** The signing previews shown this unlock (cleared on lock). */
  get previews(): SigningPreviews {
    return this.#previews;
  }

  get clipboard(): ClipboardGuard {
    return this.#clipboard;
  }

  /** The signal every provider call gets: aborted when the vault locks. */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  provider(kind: ProviderKind): Provider {
    return this.#deps.providers(kind);
  }

  settings(): Settings {
    return this.#deps.settings();
  }

  emit(event: AppEvent): void {
    this.#deps.emit(event);
  }

  presence(): Presence {
    return this.#deps.presence ?? absentPresence;
  }

  /** Throws unless a reveal may happen now (RevealGate). */
  admitReveal(): void {
    this.#revealGate.admit();
  }

  now(): number {
    return this.#deps.clock.now();
  }

  newId(): string {
    return Buffer.from((this.#deps.random ?? randomBytes)(16)).toString('hex');
  }

  alertLeadMs(): number {
    return this.#deps.settings().alertLeadMinutes * 60_000;
  }

  account(id: string): AccountRecord | undefined {
    return this.#deps.vault.read().accounts.find((a) => a.id === id);
  }

  requireAccount(id: string): AccountRecord {
    const account = this.account(id);
    if (!account) throw new AppError('NOT_FOUND', 'That account no longer exists. Refresh the list and try again.');
    return account;
  }

  requireToken(id: string): TokenRecord {
    const token = this.#deps.vault.read().tokens.find((t) => t.id === id);
    if (!token) throw new AppError('NOT_FOUND', 'That token is no longer in the vault. Refresh the list.');
    return token;
  }

  views(): TokenView[] {
    const data = this.#deps.vault.read();
    return listViews(data.tokens, data.accounts, this.now(), this.alertLeadMs());
  }

  view(token: TokenRecord): TokenView {
    return toTokenView(token, this.account(token.accountId)?.label ?? '(removed account)', this.now(), this.alertLeadMs());
  }

  /** The audit fields that describe a token, never its value. */
  describe(token: Pick<TokenRecord, 'id' | 'accountId' | 'value'>, account: AccountRecord | undefined): Partial<AuditInput> {
    return { accountId: token.accountId, accountLabel: account?.label, tokenId: token.id, tokenPreview: tokenPreview(token.value) };
  }

  /** Appends an entry on its own; an audit that cannot be written is logged, never thrown over the real outcome. */
  async record(input: AuditInput): Promise<void> {
    try {
      await this.#audit.append(input);
    } catch (e) {
      this.#deps.logger.warn('audit entry not written', { action: input.action, outcome: input.outcome, code: codeOf(e) });
    }
  }

  isRevoking(tokenId: string): boolean {
    return this.#revoking.has(tokenId);
  }

  /** The revoke of this token in flight, if any: a second click joins it. */
  revokeInFlight(tokenId: string): Promise<TokenRecord> | undefined {
    return this.#revoking.get(tokenId);
  }

  /** The revoke of this token in flight, or `run()` started (and tracked) as the one every caller joins. */
  revokeOnce(tokenId: string, run: () => Promise<TokenRecord>): Promise<TokenRecord> {
    const running = this.#revoking.get(tokenId);
    if (running) return running;
    const promise = this.track(run()).finally(() => this.#revoking.delete(tokenId));
    this.#revoking.set(tokenId, promise);
    return promise;
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

  /** Emits the full list and re-arms the schedule; a no-op while locked. */
  changed(): void {
    if (!this.#deps.vault.isUnlocked()) return;
    const pendingCleanup = this.#deps.vault.read().cleanup?.length ?? 0;
    this.#deps.emit({ type: 'tokens-changed', tokens: this.views(), ...(pendingCleanup > 0 ? { pendingCleanup } : {}) });
    this.#scheduler.tick();
  }

  /** After a copy: only the clipboard's clear time changed. */
  clipboardChanged(): void {
    this.#scheduler.clipboardChanged();
  }

  /** Starts following the vault's lock and unlock (and takes up an unlock already under way). */
  start(): void {
    this.#unsubscribe = this.#deps.vault.onLockChange((unlocked) => (unlocked ? this.#onUnlock() : this.#onLock()));
    if (this.#deps.vault.isUnlocked()) this.#onUnlock();
  }

  /** Re-decides every schedule and re-emits the list. A listener told of the unlock before this one leaves it to the unlock. */
  reevaluate(): void {
    if (this.#started) this.changed();
  }

  async clearClipboard(): Promise<boolean> {
    const cleared = await this.#clipboard.clearIfOurs();
    if (cleared) this.#deps.emit({ type: 'clipboard-cleared' });
    return cleared;
  }

  async dispose(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#scheduler.stop();
    this.#abort.abort();
    this.#previews.clear();
    if (await this.#clipboard.clearIfOurs()) this.#deps.emit({ type: 'clipboard-cleared' });
  }

  #onLock(): void {
    this.#started = false;
    this.#scheduler.stop();
    this.#abort.abort();
    this.#abort = new AbortController();
    this.#previews.clear();
    void this.#clipboard.clearIfOurs().then(
      (cleared) => cleared && this.#deps.emit({ type: 'clipboard-cleared' }),
      (e: unknown) => this.#deps.logger.warn('the clipboard could not be cleared on lock; quitting tries again', { code: codeOf(e) }),
    );
    this.#deps.emit({ type: 'tokens-changed', tokens: [] });
  }

  #onUnlock(): void {
    this.#started = true;
    // The vault registered every token value with the redactor before telling anyone it unlocked.
    this.#repairInterruptedRevokes(this.#deps.vault.read().tokens);
    this.#scheduler.start();
    this.#changedSoon();
  }

  /** A revoke cut short by lock or quit left 'revoking' behind; nobody is waiting for it any more. */
  #repairInterruptedRevokes(tokens: readonly TokenRecord[]): void {
    const interrupted = tokens.filter((t) => t.state === 'revoking' && !this.#revoking.has(t.id)).map((t) => t.id);
    if (interrupted.length === 0) return;
    const at = this.now();
    const repair = this.#deps.vault.update((data) => {
      for (const t of data.tokens) {
        if (!interrupted.includes(t.id) || t.state !== 'revoking') continue;
        t.state = 'revoke_failed';
        t.failure = { code: 'CANCELLED', message: 'Revoking was interrupted before the server answered. Revoke again.', at };
      }
    });
    this.track(repair.then(() => this.changed())).catch((e: unknown) => this.#deps.logger.warn('interrupted revokes not repaired', { code: codeOf(e) }));
  }

  /**
   * At unlock: the full list goes out a turn later, once. With 10,000 tokens building it is a few
   * milliseconds unlock need not wait for: the window asks for the list itself once it hears 'unlocked'.
   */
  #changedSoon(): void {
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
}
