import type { Clock } from '../core/clock.js';

/**
 * Holds the app's quit until `cleanup` (clearing our copy off the clipboard, which Electron reads
 * asynchronously) finishes or `timeoutMs` passes, then quits for real. Wire `beforeQuit` to
 * app 'before-quit'; `quit` is app.quit.
 */
export function createQuitGuard(opts: { clock: Clock; cleanup(): Promise<void> | void; quit(): void; timeoutMs?: number; onError?(e: unknown): void }) {
  let state: 'idle' | 'cleaning' | 'done' = 'idle';
  return {
    beforeQuit(event: { preventDefault(): void }): void {
      if (state === 'done') return;
      event.preventDefault();
      if (state === 'cleaning') return;
      state = 'cleaning';
      let finished = false;
      const finish = (): void => {
        if (finished) return;
        finished = true;
        cancelTimeout();
        state = 'done';
        opts.quit();
      };
      const cancelTimeout = opts.clock.setTimeout(finish, opts.timeoutMs ?? 1000);
      Promise.resolve()
        .then(() => opts.cleanup())
        .catch((e: unknown) => opts.onError?.(e))
        .finally(finish);
    },
    /** True once cleanup ran (or timed out) and the quit is under way: windows may close for real. */
    quitting: (): boolean => state !== 'idle',
  };
}
