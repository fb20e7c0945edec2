/** The one timer, as the runtime drives it (TokenScheduler is the one implementation). */
export interface TokenSchedule {
  /** Does what is due now and re-arms. */
  tick(): void;
  /** Only the clipboard's clear time changed. */
  clipboardChanged(): void;
  start(): void;
  stop(): void;
}
