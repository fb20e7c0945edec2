/**
 * User presence, decided in main. Whatever signs, reveals a value, acts in bulk, removes an
 * account, sends a secret to a new origin or hands a token to a local caller asks this port; the
 * window never answers for the person. Electron implements it with native dialogs owned by main
 * (`dialog.showMessageBox`) and the input events main itself sees on the window's webContents;
 * the e2e harness implements it with an adapter the tests drive. A composition given no presence
 * adapter uses `absentPresence`, which refuses everything (fails closed).
 */
export interface PresencePrompt {
  /** What is being decided, in a few words ("Sign in to Ocean provider"). */
  title: string;
  /** The question, one sentence. */
  message: string;
  /** Exactly what the person approves: hosts, addresses, what is signed and what it proves. */
  detail: string;
  /** Button labels in order. The answer is the index chosen. */
  choices: readonly string[];
  /** The index that means "no": Escape, closing the dialog, or no person present. */
  cancelIndex: number;
  /** The index focused by default (a safe choice; usually the cancel one). */
  defaultIndex?: number;
}

export interface Presence {
  /** Asks the person; resolves with the index of the choice they made (cancelIndex if none). */
  ask(prompt: PresencePrompt): Promise<number>;
  /** True when the person gave real input (key or pointer) to the window within the last `withinMs`. */
  recentInput(withinMs: number): boolean;
}

/** Yes/no on top of ask(): true only when the person chose `confirmLabel`. */
export async function confirmPresence(
  presence: Presence,
  prompt: Omit<PresencePrompt, 'choices' | 'cancelIndex' | 'defaultIndex'>,
  confirmLabel: string,
): Promise<boolean> {
  const answer = await presence.ask({ ...prompt, choices: ['Cancel', confirmLabel], cancelIndex: 0, defaultIndex: 0 });
  return answer === 1;
}

/** No presence adapter: nothing that needs a person can happen. */
export const absentPresence: Presence = {
  ask: (prompt) => Promise.resolve(prompt.cancelIndex),
  recentInput: () => false,
};
