/**
 * Runs async operations one at a time, in the order they were asked for. A failed operation rejects
 * only its own caller; the next one still runs.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(op: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(op);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
