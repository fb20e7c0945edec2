import type { NetworkView, PlatformInfo, Settings, SettingsView } from '../../../preload/contract.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import type { SettingsService } from '../services.js';
import { settingsSchema } from '../../../preload/settings.js';
import type { KeyWrapper } from '../vault/KeyWrapper.js';
import type { SettingsStore } from './SettingsStore.js';
import { weakenings } from './weakening.js';

/** The part of the vault that owns keychain unlock (the wrapped key lives in the vault file). */
export interface KeychainControl {
  enableKeychain(options: { acceptInsecure?: boolean }): Promise<void>;
  disableKeychain(): Promise<void>;
  keychainEnabled(): Promise<boolean>;
  /** Throws BAD_PASSWORD (throttled) unless `password` is the vault's master password. */
  confirmPassword(password: string): Promise<void>;
}

export interface AppSettingsOptions {
  store: SettingsStore;
  vault: KeychainControl;
  keyWrapper: KeyWrapper;
  platform: () => PlatformInfo;
  logger?: Logger;
  /** Which network stack and proxy HTTP uses (shown in Settings). */
  network?: () => NetworkView;
}

const patchSchema = settingsSchema.partial().strict();

/**
 * The app's settings as the window sees and changes them: kept by SettingsStore, shown with the
 * keychain and the platform. keychainUnlock is not just stored: turning it on wraps the data key with
 * the OS keychain (refused on an insecure backend unless keychainAcceptInsecure), turning it off
 * removes that copy, and the view always reports what the vault file actually holds.
 */
export class AppSettings implements SettingsService {
  readonly #o: AppSettingsOptions;
  readonly #listeners = new Set<(view: SettingsView) => void>();

  constructor(options: AppSettingsOptions) {
    this.#o = options;
  }

  /** The settings now, synchronously: for AutoLock and the vault's keychain policy. */
  current(): Settings {
    return this.#o.store.get();
  }

  async view(): Promise<SettingsView> {
    const w = this.#o.keyWrapper;
    const enabled = await this.#o.vault.keychainEnabled();
    const view: SettingsView = {
      settings: { ...this.current(), keychainUnlock: enabled },
      keychain: { available: w.available(), backend: w.backend(), secure: w.available() && w.secure(), enabled },
      platform: this.#o.platform(),
    };
    if (this.#o.network) view.network = this.#o.network();
    return view;
  }

  /**
   * Applies the patch. A change that weakens protection (weakening.ts) needs the master password in
   * the same call, checked by the vault: the window alone cannot lower the guard.
   */
  async update(patch: Partial<Settings>, password?: string): Promise<SettingsView> {
    const parsed = patchSchema.safeParse(patch);
    if (!parsed.success) throw new AppError('BAD_ARGUMENT', 'Those settings are not valid. Check the values and try again.');
    const next: Settings = { ...this.current(), ...parsed.data };
    const enabled = await this.#o.vault.keychainEnabled();
    const weaker = weakenings({ ...this.current(), keychainUnlock: enabled }, next);
    if (weaker.length > 0) {
      if (password === undefined) {
        throw new AppError('PASSWORD_REQUIRED', `This change ${weaker.join(' and ')}, so it needs your master password. Enter it and save again.`, {
          retryable: false,
        });
      }
      await this.#o.vault.confirmPassword(password);
    }
    const withdrawn = enabled && !next.keychainAcceptInsecure && !this.#o.keyWrapper.secure();
    if (parsed.data.keychainUnlock === true && !enabled) {
      await this.#o.vault.enableKeychain({ acceptInsecure: next.keychainAcceptInsecure });
    } else if ((parsed.data.keychainUnlock === false || withdrawn) && enabled) {
      // Withdrawing consent to an insecure backend removes the copy it protected.
      await this.#o.vault.disableKeychain();
    }
    next.keychainUnlock = await this.#o.vault.keychainEnabled();
    this.#o.store.set(next);
    this.#o.logger?.info('settings changed', { keys: Object.keys(parsed.data) });
    const view = await this.view();
    for (const l of this.#listeners) {
      try {
        l(view);
      } catch (e) {
        this.#o.logger?.error('settings listener failed', { error: e });
      }
    }
    return view;
  }

  /** For the 'settings-changed' event and AutoLock.refresh(). */
  onChange(listener: (view: SettingsView) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
