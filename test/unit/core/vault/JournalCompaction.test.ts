import { describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../../../main/core/log.js';
import { JournalCompaction } from '../../../../main/core/vault/JournalCompaction.js';
import { SerialQueue } from '../../../../main/core/vault/SerialQueue.js';
import type { Session } from '../../../../main/core/vault/SessionFile.js';

/** When the journal is folded into a new vault file, and what happens when that fails. */
const BOUND = { records: 10, bytes: 1000 };

function rig(options: { current?: boolean; seal?: () => Promise<void> } = {}) {
  const queue = new SerialQueue();
  const seal = vi.fn(options.seal ?? (() => Promise.resolve()));
  const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() } satisfies Logger;
  const compaction = new JournalCompaction(queue, () => options.current ?? true, seal, { compaction: BOUND, logger });
  const session = (records: number, bytes: number, generation = 4): Session => ({ journal: { tail: { records, bytes } }, generation }) as unknown as Session;
  /** Lets the scheduled turn run, then everything queued behind it. */
  const settle = async (): Promise<void> => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await queue.run(() => Promise.resolve());
  };
  return { compaction, seal, logger, session, settle };
}

describe('JournalCompaction', () => {
  it('folds the journal once it reaches either bound (records or bytes), not before', async () => {
    const r = rig();
    r.compaction.after(r.session(9, 999));
    await r.settle();
    expect(r.seal).not.toHaveBeenCalled();
    r.compaction.after(r.session(10, 0));
    await r.settle();
    r.compaction.after(r.session(0, 1000));
    await r.settle();
    expect(r.seal).toHaveBeenCalledTimes(2);
  });

  it('after the update that crossed the bound, on a later turn, and says so with the new generation', async () => {
    const r = rig();
    const s = r.session(10, 0, 7);
    r.compaction.after(s);
    expect(r.seal).not.toHaveBeenCalled();
    await r.settle();
    expect(r.seal).toHaveBeenCalledWith(s);
    expect(r.logger.info).toHaveBeenCalledWith('journal compacted', { generation: 7 });
  });

  it('schedules one compaction at a time: updates past the bound while it is pending add none', async () => {
    const r = rig();
    for (let i = 0; i < 3; i++) r.compaction.after(r.session(10 + i, 0));
    await r.settle();
    expect(r.seal).toHaveBeenCalledTimes(1);
    // Once it is done, the next update past the bound schedules the next one.
    r.compaction.after(r.session(10, 0));
    await r.settle();
    expect(r.seal).toHaveBeenCalledTimes(2);
  });

  it('leaves a session that is no longer current (locked meanwhile) alone', async () => {
    const r = rig({ current: false });
    r.compaction.after(r.session(10, 0));
    await r.settle();
    expect(r.seal).not.toHaveBeenCalled();
    expect(r.logger.info).not.toHaveBeenCalled();
  });

  it('a failure is logged and only waits for the next update past the bound', async () => {
    const error = new Error('disk full');
    let fail = true;
    const r = rig({ seal: () => (fail ? Promise.reject(error) : Promise.resolve()) });
    r.compaction.after(r.session(10, 0));
    await r.settle();
    expect(r.logger.warn).toHaveBeenCalledWith('compaction failed; it is tried again after the next update', { error });
    expect(r.logger.info).not.toHaveBeenCalled();
    fail = false;
    r.compaction.after(r.session(11, 0));
    await r.settle();
    expect(r.seal).toHaveBeenCalledTimes(2);
    expect(r.logger.info).toHaveBeenCalledTimes(1);
  });
});
