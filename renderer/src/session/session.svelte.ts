import type { AppEvent, ErrorData, Result, Settings, SettingsView, VaultApi, VaultStatus } from '../../../preload/contract';
import { AccountStore } from '../accounts/accounts.svelte.js';
import { AgentGrantStore } from './agentGrants.svelte.js';
import { ClipboardStore } from '../shared/clipboard.svelte.js';
import type { Clock } from '../shared/clock.svelte.js';
import { formatRemaining } from '../shared/format.js';
import { KIND_NAMES } from '../shared/labels.js';
import { Navigation } from './navigation.svelte.js';
import { askPassword, type PasswordPrompt } from './passwordPrompt.js';
import { RevealStore } from '../tokens/reveal.svelte.js';
import { TokenStore } from '../tokens/tokens.svelte.js';
import { Toasts } from '../shared/toasts.svelte.js';

/**
 * The window's state: which vault status and screen we are on, plus one store per kind of view.
 * Events from main land in `handle`; locking drops everything main would not show a locked window.
 */
export class Session {
  #status = $state<VaultStatus | null>(null);
  #statusError = $state<ErrorData | null>(null);
  #damaged = $state<ErrorData | null>(null);
  #settings = $state.raw<SettingsView | null>(null);
  #passwordPrompt = $state.raw<PasswordPrompt | null>(null);
  #unlockRequest = $state<string | null>(null);
  #pendingCleanup = $state(0);
  #announcement = $state('');

  readonly api: VaultApi;
  readonly clock: Clock;
  readonly accounts: AccountStore;
  readonly tokens: TokenStore;
  readonly reveal: RevealStore;
  readonly clipboard: ClipboardStore;
  readonly toasts: Toasts;
  readonly grants: AgentGrantStore;
  readonly nav = new Navigation();

  /** The vault's status as main last reported it (null until read). */
  get status(): VaultStatus | null {
    return this.#status;
  }

  /** Why the status could not be read (shown instead of any screen). */
  get statusError(): ErrorData | null {
    return this.#statusError;
  }

  /** Settings as main last reported them. */
  get settings(): SettingsView | null {
    return this.#settings;
  }

  /** Main asked for the master password to confirm a weakening change. */
  get passwordPrompt(): PasswordPrompt | null {
    return this.#passwordPrompt;
  }

  /** Which command-line caller asked the locked vault for something (shown on the unlock screen). */
  get unlockRequest(): string | null {
    return this.#unlockRequest;
  }

  /** Credentials left on a server whose revoke main keeps retrying. */
  get pendingCleanup(): number {
    return this.#pendingCleanup;
  }

  /** The last outcome for screen readers (one polite live region in App). */
  get announcement(): string {
    return this.#announcement;
  }

  /** Set when main reports VAULT_DAMAGED: the unlock screen offers backups instead. */
  get damaged(): ErrorData | null {
    return this.#damaged;
  }

  /** "Try to unlock again" on the damaged-vault screen: back to the unlock form. */
  retryUnlock(): void {
    this.#damaged = null;
  }

  constructor(api: VaultApi, clock: Clock) {
    this.api = api;
    this.clock = clock;
    this.accounts = new AccountStore(api);
    this.toasts = new Toasts(clock);
    this.reveal = new RevealStore(api, clock);
    this.clipboard = new ClipboardStore(clock);
    this.grants = new AgentGrantStore(api, this.toasts, (text) => this.announce(text));
    this.tokens = new TokenStore({
      api,
      accounts: this.accounts,
      clock,
      alertLeadMs: () => (this.#settings?.settings.alertLeadMinutes ?? 15) * 60_000,
    });
  }

  theme = $derived(this.#settings?.settings.theme ?? 'system');

  /** Subscribes to main's events (once) and reads the status; returns the cleanup. */
  start(): () => void {
    const off = this.api.onEvent((e) => this.handle(e));
    this.clock.start();
    void this.refreshStatus();
    return () => {
      off();
      this.clock.stop();
    };
  }

  async refreshStatus(): Promise<void> {
    const r = await this.api.status();
    if (r.ok) {
      this.#statusError = null;
      await this.setStatus(r.value);
    } else if (r.error.code === 'VAULT_DAMAGED') {
      this.#damaged = r.error;
      await this.setStatus('locked');
    } else {
      this.#statusError = r.error;
    }
  }

  handle(event: AppEvent): void {
    switch (event.type) {
      case 'vault-status':
        void this.setStatus(event.status);
        return;
      case 'tokens-changed':
        if (this.#status === 'unlocked') this.tokens.replace(event.tokens);
        this.#pendingCleanup = event.pendingCleanup ?? 0;
        return;
      case 'accounts-changed':
        if (this.#status === 'unlocked') this.accounts.replace(event.accounts);
        return;
      case 'settings-changed':
        this.#settings = event.view;
        return;
      case 'expiry-alert':
        this.#expiryAlert(event.tokenId, event.expiresAt);
        return;
      case 'focus-token':
        if (this.#status !== 'unlocked') return;
        this.nav.go('tokens');
        void this.tokens.focus(event.tokenId);
        return;
      case 'clipboard-cleared':
        if (this.clipboard.current) this.toasts.show({ kind: 'info', title: 'Clipboard cleared' });
        this.clipboard.cleared();
        return;
      case 'navigate':
        if (this.#status === 'unlocked') this.nav.go(event.screen);
        return;
      case 'start-mint':
        if (this.#status !== 'unlocked') return;
        this.nav.go('tokens');
        this.nav.openMint(event.accountId);
        return;
      case 'unlock-requested':
        if (this.#status === 'locked') this.#unlockRequest = event.caller;
        return;
      case 'agent-grants-changed':
        this.grants.replace(event.grants);
        return;
      case 'renewal-failing':
        if (this.#status === 'unlocked') this.toasts.show({ kind: 'warning', title: `Auto-renew failing: ${event.accountLabel}`, detail: event.message });
        return;
      default: {
        const unknown: never = event;
        void unknown;
      }
    }
  }

  async setStatus(next: VaultStatus): Promise<void> {
    const prev = this.#status;
    this.#status = next;
    if (next !== 'unlocked') {
      this.#passwordPrompt?.cancel();
      if (prev === 'unlocked' || prev === null) this.drop();
      void this.loadSettings();
      return;
    }
    if (prev === 'unlocked') return;
    this.#damaged = null;
    this.#unlockRequest = null;
    this.nav.go('tokens');
    await Promise.all([this.accounts.load(), this.tokens.load(), this.loadSettings()]);
  }

  /** Says an outcome to screen readers; a repeat of the same words is still read. */
  announce(text: string): void {
    this.#announcement = this.#announcement === text ? `${text}\u00a0` : text;
  }

  /** Forgets every view and the revealed value: what a locked window may not hold. */
  drop(): void {
    this.#pendingCleanup = 0;
    this.reveal.hide();
    this.clipboard.cleared();
    this.tokens.drop();
    this.accounts.drop();
    this.toasts.clear();
    this.#announcement = '';
    this.nav.closeDialogs();
    this.grants.drop();
  }

  async loadSettings(): Promise<void> {
    const r = await this.api.getSettings();
    if (r.ok) this.#settings = r.value;
  }

  async create(password: string): Promise<Result<void>> {
    const r = await this.api.create(password);
    if (r.ok) await this.setStatus('unlocked');
    return r;
  }

  async unlock(password: string): Promise<Result<void>> {
    const r = await this.api.unlock(password);
    if (r.ok) await this.setStatus('unlocked');
    else if (r.error.code === 'VAULT_DAMAGED') this.#damaged = r.error;
    return r;
  }

  async unlockWithKeychain(): Promise<Result<void>> {
    const r = await this.api.unlockWithKeychain();
    if (r.ok) await this.setStatus('unlocked');
    else if (r.error.code === 'VAULT_DAMAGED') this.#damaged = r.error;
    return r;
  }

  async restoreBackup(backupId: string, password: string): Promise<Result<void>> {
    const r = await this.api.restoreBackup(backupId, password);
    if (r.ok) {
      this.#damaged = null;
      await this.refreshStatus();
    }
    return r;
  }

  async lock(): Promise<void> {
    // A revoke waiting out its Undo is sent, not lost with the window's state.
    await this.tokens.flushRevokes();
    const r = await this.api.lock();
    if (r.ok) await this.setStatus('locked');
    else this.toasts.show({ kind: 'error', title: 'Could not lock', detail: r.error.message });
  }

  /** Weakening protection is decided in main: when it asks for the master password, the dialog asks the person. */
  async updateSettings(patch: Partial<Settings>): Promise<Result<SettingsView>> {
    let r = await this.api.updateSettings(patch);
    if (!r.ok && r.error.code === 'PASSWORD_REQUIRED') r = await askPassword(r.error, (pw) => this.api.updateSettings(patch, pw), (prompt) => (this.#passwordPrompt = prompt));
    if (r.ok) this.#settings = r.value;
    return r;
  }

  #expiryAlert(tokenId: string, expiresAt: number): void {
    if (this.#status !== 'unlocked') return;
    const token = this.tokens.list.find((t) => t.id === tokenId);
    const left = expiresAt - this.clock.now;
    const what = token ? `${token.accountLabel} · ${KIND_NAMES[token.kind]}` : 'A token';
    this.toasts.show({
      kind: 'warning',
      title: left > 0 ? `Expires in ${formatRemaining(left)}` : 'Token expired',
      detail: what,
      action: {
        label: 'Show',
        run: () => {
          this.nav.go('tokens');
          void this.tokens.focus(tokenId);
        },
      },
    });
  }
}
