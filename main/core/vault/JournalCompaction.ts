import type { Logger } from '../log.js';
import type { SerialQueue } from './SerialQueue.js';
import type { Session } from './SessionFile.js';
import type { CompactionBound } from './VaultOptions.js';

/**
 * Folds the journal into a new vault file once it passes its bound, off the hot path: the update that
 * crossed the bound has already resolved when the new generation is written. Later updates queue
 * behind it; a failure only waits for the next bound check.
 */
export class JournalCompaction {
  #running = false;

  constructor(
    private readonly queue: SerialQueue,
    private readonly isCurrent: (s: Session) => boolean,
    private readonly seal: (s: Session) => Promise<void>,
    private readonly o: { compaction: CompactionBound; logger: Logger },
  ) {}

  /** Called after each append: schedules a compaction when the journal has grown past the bound. */
  after(s: Session): void {
    const t = s.journal.tail;
    if (this.#running || (t.records < this.o.compaction.records && t.bytes < this.o.compaction.bytes)) return;
    this.#running = true;
    setImmediate(() => {
      void this.queue
        .run(async () => {
          if (!this.isCurrent(s)) return;
          await this.seal(s);
          this.o.logger.info('journal compacted', { generation: s.generation });
        })
        .catch((e: unknown) => this.o.logger.warn('compaction failed; it is tried again after the next update', { error: e }))
        .finally(() => {
          this.#running = false;
        });
    });
  }
}
