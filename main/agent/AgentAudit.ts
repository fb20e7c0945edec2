import type { AuditInput } from '../core/audit/AuditLog.js';
import type { Logger } from '../core/log.js';

/** The vault the audit trail lives in, as far as the agent's audit needs it. */
export interface AuditVault {
  isUnlocked(): boolean;
  onLockChange(listener: (unlocked: boolean) => void): () => void;
}

export interface AuditAppender {
  append(input: AuditInput): Promise<unknown>;
}

/** Locked requests kept for the trail until the next unlock; beyond this only their number is kept. */
const MAX_PENDING = 200;

/**
 * Every agent request goes into the audit trail. The trail is inside the encrypted vault, so a request
 * that arrives while it is locked is held in memory (bounded) and written on the next unlock, in order.
 */
export class AgentAudit {
  readonly #log: AuditAppender;
  readonly #vault: AuditVault;
  readonly #logger: Logger;
  #pending: AuditInput[] = [];
  #dropped = 0;
  readonly #unsubscribe: () => void;

  constructor(log: AuditAppender, vault: AuditVault, logger: Logger) {
    this.#log = log;
    this.#vault = vault;
    this.#logger = logger;
    this.#unsubscribe = vault.onLockChange((unlocked) => {
      if (unlocked) void this.#flush();
    });
  }

  async record(input: AuditInput): Promise<void> {
    const entry: AuditInput = { ...input, action: 'agent' };
    if (!this.#vault.isUnlocked()) {
      if (this.#pending.length < MAX_PENDING) this.#pending.push(entry);
      else this.#dropped++;
      return;
    }
    try {
      await this.#log.append(entry);
    } catch (e) {
      this.#logger.warn('agent audit entry not written', { outcome: entry.outcome, error: e });
    }
  }

  dispose(): void {
    this.#unsubscribe();
  }

  async #flush(): Promise<void> {
    const pending = this.#pending;
    const dropped = this.#dropped;
    this.#pending = [];
    this.#dropped = 0;
    if (dropped > 0) pending.push({ action: 'agent', outcome: 'LOCKED', detail: `${dropped} more command-line requests arrived while locked` });
    for (const entry of pending) {
      try {
        await this.#log.append({ ...entry, detail: `${entry.detail ?? ''} (while locked)`.trim() });
      } catch (e) {
        this.#logger.warn('agent audit entry not written', { outcome: entry.outcome, error: e });
      }
    }
  }
}
