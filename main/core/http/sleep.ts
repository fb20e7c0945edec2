import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';

/** Waits `ms`, or rejects with CANCELLED when the signal aborts. Injected so tests never sleep. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** A Sleep driven by the injected Clock: a FakeClock's `advance` ends it. */
export function createClockSleep(clock: Clock): Sleep {
  return (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new AppError('CANCELLED'));
        return;
      }
      const onAbort = (): void => {
        cancel();
        reject(new AppError('CANCELLED'));
      };
      const cancel = clock.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
}
