import type { Clock } from '../../main/core/clock.js';
import type { Presence, PresencePrompt } from '../../main/core/presence/Presence.js';

/**
 * How the stand-in person answers main's dialogs: 'approve' picks the confirming choice, as a person
 * who asked for the action would; 'cancel' the cancel choice; 'wait' leaves the prompt open until the
 * test calls reply() (to hold one open while other requests queue); a function answers each prompt.
 */
export type PresenceAnswer = 'approve' | 'cancel' | 'wait' | ((prompt: PresencePrompt) => number | Promise<number>);

/**
 * The one presence double: tests, the agent harness and the e2e harness drive it, standing in for
 * the person at main's native dialogs. Every prompt is recorded so tests can check what main showed.
 * Replies queued with reply() come first, whatever `answer` says. Input is whatever the driver reports
 * with input(): the e2e harness reports the page's trusted (real) input events only.
 */
export class TestPresence implements Presence {
  readonly prompts: PresencePrompt[] = [];
  answer: PresenceAnswer;
  readonly #clock: Clock;
  #lastInput = Number.NEGATIVE_INFINITY;
  readonly #replies: number[] = [];
  readonly #waiting: Array<(index: number) => void> = [];
  readonly #onPrompt: Array<() => void> = [];

  constructor(clock: Clock, answer: PresenceAnswer = 'approve') {
    this.#clock = clock;
    this.answer = answer;
  }

  ask(prompt: PresencePrompt): Promise<number> {
    this.prompts.push(prompt);
    for (const f of this.#onPrompt.splice(0)) f();
    const queued = this.#replies.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    const a = this.answer;
    if (a === 'cancel') return Promise.resolve(prompt.cancelIndex);
    if (a === 'approve') return Promise.resolve(prompt.choices.findIndex((_c, i) => i !== prompt.cancelIndex));
    if (a === 'wait') return new Promise((resolve) => this.#waiting.push(resolve));
    return Promise.resolve(a(prompt));
  }

  /** Picks choice `index` in the oldest open prompt, or queues it as the reply to the next one. */
  reply(index: number): void {
    const waiting = this.#waiting.shift();
    if (waiting) waiting(index);
    else this.#replies.push(index);
  }

  /** Resolves when `count` prompts have been asked in all. */
  async prompted(count: number): Promise<void> {
    while (this.prompts.length < count) await new Promise<void>((r) => this.#onPrompt.push(r));
  }

  /** Prompts open now, waiting for reply(). */
  waiting(): number {
    return this.#waiting.length;
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
