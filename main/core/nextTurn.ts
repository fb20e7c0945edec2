/**
 * Resolves on the next turn of the event loop, after pending I/O and timers: what a sliced step of
 * heavy work (parsing, sealing, verifying at 10,000 tokens) awaits between slices so main's IPC, tray
 * and timers are never held up for long.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
