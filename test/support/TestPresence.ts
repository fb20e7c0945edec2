import type { Clock } from '../../main/core/clock.js';
import type { Presence, PresencePrompt } from '../../main/core/presence/Presence.js';

/** How the stand-in person answers main's dialogs. */
export type PresenceAnswer = 'approve' | 'cancel' | ((prompt: PresencePrompt) => number | Promise<number>);

/**
 * A presence adapter that tests and the e2e harness drive, standing in for the person at main's
 * native dialogs. 'approve' picks the confirming choice, as a person who asked for the action
 * would; every prompt is recorded so tests can check what main showed. Input is whatever the
 * driver reports with input(): the harness reports the page's trusted (real) input events only.
 */
export class TestPresence implements Presence {
  readonly prompts: PresencePrompt[] = [];
  answer: PresenceAnswer;
  readonly #clock: Clock;
  #lastInput = Number.NEGATIVE_INFINITY;

  constructor(clock: Clock, answer: PresenceAnswer = 'approve') {
    this.#clock = clock;
    this.answer = answer;
  }

  ask(prompt: PresencePrompt): Promise<number> {
    this.prompts.push(prompt);
    const a = this.answer;
    if (a === 'cancel') return Promise.resolve(prompt.cancelIndex);
    if (a === 'approve') return Promise.resolve(prompt.choices.findIndex((_c, i) => i !== prompt.cancelIndex));
    return Promise.resolve(a(prompt));
  }

  /** The person clicked or pressed a key in the window, now. */
  input(): void {
    this.#lastInput = this.#clock.now();
  }

  /** As if the person's last click or key press was long ago. */
  forgetInput(): void {
    this.#lastInput = Number.NEGATIVE_INFINITY;
  }

  recentInput(withinMs: number): boolean {
    const age = this.#clock.now() - this.#lastInput;
    return age >= 0 && age <= withinMs;
  }

  /** Titles of the prompts shown so far, for short assertions. */
  titles(): string[] {
    return this.prompts.map((p) => p.title);
  }
}
