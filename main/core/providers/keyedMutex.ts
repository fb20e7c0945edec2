/**
 * Runs tasks one at a time per key, in call order; different keys run in parallel. Ocean needs this
 * per (provider URL, address): nonces and expiration seconds are read, chosen and used in sequence,
 * so two mints for one key must not interleave.
 */
export class KeyedMutex {
  #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    // The chain must continue whatever this task does; a failure belongs to its caller only.
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** Keys with a task running or queued (for tests and diagnostics). */
  get busyKeys(): number {
    return this.#tails.size;
  }
}
