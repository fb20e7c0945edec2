import { describe, expect, it } from 'vitest';
import { SerialQueue } from '../../../../main/core/vault/SerialQueue.js';

/** An operation the test finishes by hand, so the order is seen without any timer. */
function gate<T>(value: T) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, op: async () => (await opened, value) };
}

describe('SerialQueue', () => {
  it('runs one operation at a time, in the order asked, each caller getting its own result', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    const a = gate('a');
    const first = q.run(async () => {
      log.push('a start');
      const v = await a.op();
      log.push('a end');
      return v;
    });
    const second = q.run(async () => {
      log.push('b start');
      return 'b';
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(log).toEqual(['a start']);
    a.open();
    expect(await first).toBe('a');
    expect(await second).toBe('b');
    expect(log).toEqual(['a start', 'a end', 'b start']);
  });

  it('a failed operation rejects only its caller; the next one still runs', async () => {
    const q = new SerialQueue();
    const failed = q.run(() => Promise.reject(new Error('first failed')));
    const next = q.run(() => Promise.resolve(2));
    await expect(failed).rejects.toThrow('first failed');
    expect(await next).toBe(2);
    expect(await q.run(() => Promise.resolve(3))).toBe(3);
  });
});
