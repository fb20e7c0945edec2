import { APP_WORDS, loadStrength, refusal, type Strength, type StrengthChecker } from './strength.js';

/** A new master password typed twice, with its strength as the user types (first setup, change). */
export class NewPassword {
  password = $state('');
  confirm = $state('');
  checker = $state.raw<StrengthChecker | null>(null);

  strength = $derived<Strength | null>(this.checker && this.password ? this.checker(this.password, APP_WORDS) : null);
  /** Shown live once the second field has something in it. */
  mismatch = $derived(this.confirm !== '' && this.confirm !== this.password);

  /** Starts fetching the dictionaries (after first paint); safe to call more than once. */
  load(): void {
    void loadStrength().then((c) => (this.checker = c));
  }

  /** Why this password cannot be used, or null. Waits for the dictionaries if they are still loading. */
  async problem(): Promise<{ field: 'password' | 'confirm'; message: string } | null> {
    if (this.password === '') return { field: 'password', message: 'Choose a master password.' };
    const checker = this.checker ?? (this.checker = await loadStrength());
    const weak = refusal(checker(this.password, APP_WORDS));
    if (weak) return { field: 'password', message: weak };
    if (this.confirm !== this.password) {
      return { field: 'confirm', message: 'The two passwords differ. Type the same password in both fields.' };
    }
    return null;
  }

  clear(): void {
    this.password = '';
    this.confirm = '';
  }
}
