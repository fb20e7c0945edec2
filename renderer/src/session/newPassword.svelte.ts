import type { ErrorData, Result } from '../../../preload/contract';
import { APP_WORDS, loadStrength, refusal, type Strength, type StrengthChecker } from './strength.js';

/** Why a new password was turned down, shown under the field it concerns. */
export interface Refusal {
  field: 'password' | 'confirm';
  message: string;
}

/** A check only the form knows (the change dialog's current password): a refusal, an error note, or null. */
export type FormCheck = () => Refusal | ErrorData | null;

/**
 * A new master password typed twice, with its strength as the user types, and the submit that
 * checks it and hands it to main: one piece for first setup and for changing the password.
 */
export class NewPassword {
  password = $state('');
  confirm = $state('');
  checker = $state.raw<StrengthChecker | null>(null);
  /** The last submit's refusal (weak, mismatched, or main's WEAK_PASSWORD). */
  refused = $state.raw<Refusal | null>(null);
  /** The last submit's other failure, shown as an error note. */
  failure = $state.raw<ErrorData | null>(null);
  /** Main is working on it (KDF, re-encryption): the form holds still. */
  busy = $state(false);

  strength = $derived<Strength | null>(this.checker && this.password ? this.checker(this.password, APP_WORDS) : null);
  /** Shown live once the second field has something in it. */
  mismatch = $derived(this.confirm !== '' && this.confirm !== this.password);

  /** Starts fetching the dictionaries (after first paint); safe to call more than once. */
  load(): void {
    if (!this.checker) void loadStrength().then((c) => (this.checker = c));
  }

  /** Why this password cannot be used, or null. Waits for the dictionaries if they are still loading. */
  async problem(): Promise<Refusal | null> {
    if (this.password === '') return { field: 'password', message: 'Choose a master password.' };
    const checker = this.checker ?? (this.checker = await loadStrength());
    const weak = refusal(checker(this.password, APP_WORDS));
    if (weak) return { field: 'password', message: weak };
    if (this.confirm !== this.password) {
      return { field: 'confirm', message: 'The two passwords differ. Type the same password in both fields.' };
    }
    return null;
  }

  /**
   * Checks the form's own rule first, then the password itself, then calls `send` with it. True when
   * main took it (the fields are then cleared); otherwise `refused` or `failure` says why.
   */
  async submit(send: (password: string) => Promise<Result<void>>, check?: FormCheck): Promise<boolean> {
    if (this.busy) return false;
    this.failure = null;
    const own = check?.() ?? null;
    if (own && 'code' in own) {
      this.refused = null;
      this.failure = own;
      return false;
    }
    this.refused = own ?? (await this.problem());
    if (this.refused) return false;
    this.busy = true;
    const r = await send(this.password);
    this.busy = false;
    if (r.ok) {
      this.clear();
      return true;
    }
    if (r.error.code === 'WEAK_PASSWORD') this.refused = { field: 'password', message: r.error.message };
    else this.failure = r.error;
    return false;
  }

  clear(): void {
    this.password = '';
    this.confirm = '';
  }
}
