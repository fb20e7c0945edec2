import type { Presence, PresencePrompt } from '../../main/core/presence/Presence.js';

/**
 * A person the test plays: every prompt is recorded; answers come from `answer()` queued ahead, or
 * a prompt waits until the test calls `answer()` (to hold a prompt open while other requests queue).
 */
export class ScriptedPresence implements Presence {
  readonly prompts: PresencePrompt[] = [];
  #answers: number[] = [];
  #waiting: Array<(index: number) => void> = [];
  #onPrompt: Array<() => void> = [];

  ask(prompt: PresencePrompt): Promise<number> {
    this.prompts.push(prompt);
    for (const f of this.#onPrompt.splice(0)) f();
    const next = this.#answers.shift();
    if (next !== undefined) return Promise.resolve(next);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  recentInput(): boolean {
    return false;
  }

  /** Answers the oldest waiting prompt, or queues the answer for the next one. */
  answer(index: number): void {
    const waiting = this.#waiting.shift();
    if (waiting) waiting(index);
    else this.#answers.push(index);
  }

  /** Resolves when `count` prompts have been asked in all. */
  async prompted(count: number): Promise<void> {
    while (this.prompts.length < count) await new Promise<void>((r) => this.#onPrompt.push(r));
  }

  waiting(): number {
    return this.#waiting.length;
  }
}
