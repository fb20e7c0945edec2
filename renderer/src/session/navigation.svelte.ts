export type Screen = 'tokens' | 'accounts' | 'audit' | 'settings';

/** Which account dialog is open: adding one, or editing the account `id`. */
export type AccountDialogState = { mode: 'add' } | { mode: 'edit'; id: string };

/** Where the unlocked window is: its screen, and the account or mint dialog open over it. */
export class Navigation {
  #screen = $state<Screen>('tokens');
  #accountDialog = $state<AccountDialogState | null>(null);
  #minting = $state<string | null>(null);

  /** The screen shown while unlocked. */
  get screen(): Screen {
    return this.#screen;
  }

  /** The account dialog (add or edit), shown over any screen. A new object each time it opens. */
  get accountDialog(): AccountDialogState | null {
    return this.#accountDialog;
  }

  /** The account whose mint dialog is open. */
  get minting(): string | null {
    return this.#minting;
  }

  go(screen: Screen): void {
    this.#screen = screen;
  }

  openAddAccount(): void {
    this.#accountDialog = { mode: 'add' };
  }

  openEditAccount(id: string): void {
    this.#accountDialog = { mode: 'edit', id };
  }

  closeAccountDialog(): void {
    this.#accountDialog = null;
  }

  openMint(accountId: string): void {
    this.#minting = accountId;
  }

  closeMint(): void {
    this.#minting = null;
  }

  /** Closes both dialogs (a locked window shows neither). */
  closeDialogs(): void {
    this.#accountDialog = null;
    this.#minting = null;
  }
}
