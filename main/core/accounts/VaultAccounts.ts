import { randomBytes as nodeRandomBytes, randomUUID } from 'node:crypto';
import { AZION_DEFAULTS, isLiveToken, needsSigningApproval, type AccountInput, type AccountPatch, type AccountView } from '../../../preload/contract.js';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import { absentPresence, type Presence } from '../presence/Presence.js';
import { requireConfirmed } from '../presence/requireConfirmed.js';
import type { Redactor } from '../redact.js';
import type { AccountsService } from '../services.js';
import type { AccountRecord, AzionConfig, AzionSecrets, VaultData } from '../vault/vaultRecords.js';
import { registerAccountSecrets } from '../vault/secrets.js';
import type { VaultAccess } from '../vault/VaultAccess.js';
import type { RandomBytes } from '../vault/vaultCrypto.js';
import { toAccountView } from './accountView.js';
import { parseBaseUrl } from './parseBaseUrl.js';
import { resolveOceanKey } from './oceanKey.js';
import { originMoves, originPrompt, requireReenteredSecrets } from './originChange.js';

export { AZION_DEFAULTS } from '../../../preload/contract.js';

export interface AccountAuditEvent {
  action: 'account';
  accountId: string;
  accountLabel: string;
  detail: 'added' | 'updated' | 'removed';
}

export interface VaultAccountsOptions {
  vault: VaultAccess;
  redactor: Redactor;
  clock: Clock;
  logger?: Logger;
  randomBytes?: RandomBytes;
  newId?: () => string;
  /** Appends an audit entry inside the same vault update as the change (the audit chain is the token service's). */
  recordAudit?: (data: VaultData, event: AccountAuditEvent) => void;
  /** Asks the person (main's own dialog) before a secret moves to a new origin or an account is removed. Default: refuses. */
  presence?: Presence;
}

/** Revokes an account's live tokens once the person has said so (the token service, wired in by the composition). */
export type RevokeLive = (accountId: string) => Promise<{ revoked: number; failed: number }>;

const AZION_FIELDS = ['email', 'password', 'personalToken', 'mode', 'authBase', 'apiBase', 'checkBase'] as const;
const OCEAN_FIELDS = ['providerUrl', 'key'] as const;

/**
 * The accounts kept in the vault: Azion credentials and Ocean keys. Secrets are write-only: they go into the vault and to
 * the redactor, and every answer is a view (labels, addresses, `has` flags) built without them.
 */
export class VaultAccounts implements AccountsService {
  readonly #o: VaultAccountsOptions;
  readonly #listeners = new Set<(accounts: AccountView[]) => void>();
  #revokeLive: RevokeLive | null = null;

  constructor(options: VaultAccountsOptions) {
    this.#o = options;
    options.vault.onLockChange((unlocked) => this.#emit(unlocked ? this.#views() : []));
  }

  async list(): Promise<AccountView[]> {
    return this.#views();
  }

  async add(input: AccountInput): Promise<AccountView> {
    this.#o.vault.read(); // LOCKED before any work (a keystore decrypt can take a second)
    const base = { id: (this.#o.newId ?? randomUUID)(), label: label(input.label), createdAt: this.#o.clock.now() };
    const defaults = { autoRenew: false, revokeOnRenew: true, defaultCopyFormat: 'raw' as const };
    let record: AccountRecord;
    if (input.kind === 'azion') {
      const secrets: AzionSecrets = { kind: 'azion' };
      if (input.password) secrets.password = input.password;
      if (input.personalToken) secrets.personalToken = input.personalToken.trim();
      const config: AzionConfig = {
        kind: 'azion',
        authBase: parseBaseUrl(input.authBase ?? AZION_DEFAULTS.authBase, 'auth base URL'),
        apiBase: parseBaseUrl(input.apiBase ?? AZION_DEFAULTS.apiBase, 'API base URL'),
        checkBase: parseBaseUrl(input.checkBase ?? AZION_DEFAULTS.checkBase, 'check base URL'),
        mode: input.mode,
        email: email(input.email),
      };
      checkAzion(config, secrets);
      record = { ...base, ...defaults, config, secrets };
    } else {
      const providerUrl = parseBaseUrl(input.providerUrl, 'provider URL');
      if (input.key.type === 'keystore') this.#o.redactor.add(input.key.password);
      const key = await resolveOceanKey(input.key, this.#o.randomBytes ?? nodeRandomBytes);
      record = {
        ...base,
        ...defaults,
        config: { kind: 'ocean', providerUrl, address: key.address, flavour: 'auto' },
        secrets: { kind: 'ocean', privateKey: key.privateKey },
      };
    }
    registerAccountSecrets(this.#o.redactor, record);
    await this.#o.vault.update((d) => {
      d.accounts.push(record);
      this.#audit(d, record, 'added');
    });
    this.#o.logger?.info('account added', { accountId: record.id, kind: record.config.kind });
    this.#emit(this.#views());
    return toAccountView(record);
  }

  async update(id: string, patch: AccountPatch): Promise<AccountView> {
    const current = this.#find(this.#o.vault.read(), id);
    this.#o.redactor.add(patch.password);
    this.#o.redactor.add(patch.personalToken);
    const { key: _reentered, ...rest } = patch;
    if (patch.key && current.config.kind !== 'ocean') throw new AppError('BAD_ARGUMENT', 'key does not apply to an Azion account.');
    // A dry run on a copy: an invalid patch is refused before the person is asked anything.
    applyPatch(structuredClone(current), rest);
    const moves = originMoves(current, patch);
    if (moves.length > 0) requireReenteredSecrets(current, patch);
    if (patch.key) await this.#checkReenteredKey(current, patch.key);
    if (moves.length > 0) await requireConfirmed(this.#presence(), originPrompt(current, moves), 'Use the new server');
    if (patch.autoRenew === true && !current.autoRenew && needsSigningApproval(current.config)) {
      // Auto-renew signs without asking each time: the person agrees to that once, here.
      await requireConfirmed(
        this.#presence(),
        {
          title: 'Let Token Vault sign renewals?',
          message: `Renew "${current.label}" tokens automatically?`,
          detail: `Before a token expires, your key (${current.config.address}) will sign a new auth request for ${current.config.providerUrl} without asking each time.`,
        },
        'Renew automatically',
      );
    }
    // Patched inside the update, on the latest record: a concurrent change (the token service
    // recording a detected flavour) is not overwritten by a stale copy.
    const next = await this.#o.vault.update((d) => {
      const updated = applyPatch(this.#find(d, id), rest);
      this.#audit(d, updated, 'updated');
      return structuredClone(updated);
    });
    this.#o.logger?.info('account updated', { accountId: id, fields: Object.keys(patch) });
    this.#emit(this.#views());
    return toAccountView(next);
  }

  /** Lets main's remove dialog offer "revoke them first" (the token service revokes; this service only asks). */
  revokeLiveWith(revoke: RevokeLive): void {
    this.#revokeLive = revoke;
  }

  /**
   * Removes the account and its tokens: without the account they could be neither renewed nor
   * revoked, and keeping their values would keep secrets the user asked to delete. One question, in
   * main's dialog: with live tokens it offers to revoke them first (the safe default of the window's
   * old checkbox), or to remove the account and leave them valid until they expire.
   */
  async remove(id: string): Promise<void> {
    const data = this.#o.vault.read();
    const record = this.#find(data, id);
    const live = data.tokens.filter((t) => t.accountId === id && isLiveToken(t, this.#o.clock.now())).length;
    const tokens = `${live} live token${live === 1 ? '' : 's'}`;
    const canRevoke = live > 0 && this.#revokeLive !== null;
    const choices = canRevoke ? ['Cancel', 'Remove, keep tokens valid', `Revoke ${live} and remove`] : ['Cancel', 'Remove'];
    const answer = await this.#presence().ask({
      title: 'Remove account?',
      message: `Remove "${record.label}" and everything Token Vault keeps for it?`,
      detail: canRevoke
        ? `Its secret is deleted from the vault. Its ${tokens} can be revoked first; otherwise they stay valid on the server until they expire.`
        : live > 0
          ? `Its secret and ${tokens} are deleted from the vault. The tokens stay valid on the server until they expire.`
          : 'Its secret and its token history are deleted from the vault.',
      choices,
      cancelIndex: 0,
      defaultIndex: 0,
    });
    if (answer <= 0 || answer >= choices.length) throw new AppError('NOT_CONFIRMED');
    if (answer === 2 && this.#revokeLive) {
      const { failed } = await this.#revokeLive(id);
      if (failed > 0) {
        throw new AppError(
          'SERVER_ERROR',
          `${failed} token${failed === 1 ? '' : 's'} of "${record.label}" could not be revoked, so the account was kept. Try again, or remove it and keep them valid until they expire.`,
        );
      }
    }
    await this.#o.vault.update((d) => {
      d.accounts = d.accounts.filter((a) => a.id !== id);
      d.tokens = d.tokens.filter((t) => t.accountId !== id);
      this.#audit(d, record, 'removed');
    });
    this.#o.logger?.info('account removed', { accountId: id });
    this.#emit(this.#views());
  }

  /** For the 'accounts-changed' event; also fires with [] on lock and the list on unlock. */
  onChange(listener: (accounts: AccountView[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #presence(): Presence {
    return this.#o.presence ?? absentPresence;
  }

  /** A re-entered Ocean key must be this account's own key: it proves knowledge, it replaces nothing. */
  async #checkReenteredKey(account: AccountRecord, key: NonNullable<AccountPatch['key']>): Promise<void> {
    if (account.config.kind !== 'ocean') return;
    if (key.type === 'keystore') this.#o.redactor.add(key.password);
    const resolved = await resolveOceanKey(key, this.#o.randomBytes ?? nodeRandomBytes);
    if (resolved.address !== account.config.address) {
      throw new AppError(
        'BAD_KEY',
        `That key belongs to ${resolved.address}, not to this account (${account.config.address}). Enter this account's key, or add another account for the other key.`,
      );
    }
  }

  #views(): AccountView[] {
    return this.#o.vault.read().accounts.map(toAccountView);
  }

  #find(data: Readonly<VaultData>, id: string): AccountRecord {
    const found = data.accounts.find((a) => a.id === id);
    if (!found) throw new AppError('NOT_FOUND');
    return found;
  }

  #audit(d: VaultData, a: AccountRecord, detail: AccountAuditEvent['detail']): void {
    this.#o.recordAudit?.(d, { action: 'account', accountId: a.id, accountLabel: a.label, detail });
  }

  #emit(accounts: AccountView[]): void {
    for (const l of this.#listeners) {
      try {
        l(accounts);
      } catch (e) {
        this.#o.logger?.error('accounts listener failed', { error: e });
      }
    }
  }
}

function applyPatch(a: AccountRecord, patch: AccountPatch): AccountRecord {
  const keys = Object.keys(patch).filter((k) => patch[k as keyof AccountPatch] !== undefined);
  const foreign = keys.filter((k) => (a.config.kind === 'azion' ? OCEAN_FIELDS : AZION_FIELDS).includes(k as never));
  if (foreign.length > 0) {
    throw new AppError('BAD_ARGUMENT', `${foreign.join(', ')} does not apply to ${a.config.kind === 'azion' ? 'an Azion' : 'an Ocean'} account.`);
  }
  if (patch.label !== undefined) a.label = label(patch.label);
  if (patch.autoRenew !== undefined) a.autoRenew = patch.autoRenew;
  if (patch.revokeOnRenew !== undefined) a.revokeOnRenew = patch.revokeOnRenew;
  if (patch.defaultCopyFormat !== undefined) a.defaultCopyFormat = patch.defaultCopyFormat;
  if (a.config.kind === 'azion' && a.secrets.kind === 'azion') {
    const c = a.config;
    if (patch.email !== undefined) c.email = email(patch.email);
    if (patch.mode !== undefined) c.mode = patch.mode;
    if (patch.authBase !== undefined) c.authBase = parseBaseUrl(patch.authBase, 'auth base URL');
    if (patch.apiBase !== undefined) c.apiBase = parseBaseUrl(patch.apiBase, 'API base URL');
    if (patch.checkBase !== undefined) c.checkBase = parseBaseUrl(patch.checkBase, 'check base URL');
    if (patch.password) a.secrets.password = patch.password;
    if (patch.personalToken) a.secrets.personalToken = patch.personalToken.trim();
    checkAzion(c, a.secrets);
  } else if (a.config.kind === 'ocean' && patch.providerUrl !== undefined) {
    const url = parseBaseUrl(patch.providerUrl, 'provider URL');
    // Another server may be another flavour (Provider or Ocean Node): detect again on first use.
    if (url !== a.config.providerUrl) a.config = { ...a.config, providerUrl: url, flavour: 'auto' };
  }
  return a;
}

/** Session tokens are minted with Basic auth; personal tokens need a password or a pasted personal token. */
function checkAzion(c: AzionConfig, s: AzionSecrets): void {
  if (c.mode === 'session' && !s.password) {
    throw new AppError('BAD_ARGUMENT', 'Session tokens are minted with your Azion password: enter it, or switch to personal tokens.');
  }
  if (c.mode === 'personal' && !s.password && !s.personalToken) {
    throw new AppError('BAD_ARGUMENT', 'Personal tokens need your Azion password, or (for SSO/MFA accounts) a personal token pasted from the console.');
  }
}

function label(input: string): string {
  const l = input.trim();
  if (l.length < 1 || l.length > 80) throw new AppError('BAD_ARGUMENT', 'Give the account a name of 1 to 80 characters.');
  return l;
}

function email(input: string): string {
  const e = input.trim();
  if (e.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(e)) throw new AppError('BAD_ARGUMENT', 'That email address does not look right.');
  return e;
}
