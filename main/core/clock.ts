/** The outside world's time, injected so tests can move it. Times are absolute epoch milliseconds. */
export interface Clock {
  now(): number;
  /** Calls fn after ms; returns a cancel function. */
  setTimeout(fn: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  // eslint-disable-next-line no-restricted-syntax -- the one wall-clock read core has: the Clock itself.
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, Math.max(0, ms));
    // A pending schedule must never keep the process alive on its own.
    handle.unref?.();
    return () => clearTimeout(handle);
  },
};
