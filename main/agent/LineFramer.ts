/**
 * Splits a byte stream into newline-terminated lines of at most `maxBytes` each. A longer line is
 * reported once as oversized and then skipped up to its newline, so one bad frame never desyncs the
 * ones after it and never makes the buffer grow past the bound. Used by the agent and the CLI.
 */
export interface FramerSink {
  line(text: string): void;
  oversized(): void;
}

export class LineFramer {
  readonly #max: number;
  readonly #sink: FramerSink;
  #parts: Buffer[] = [];
  #size = 0;
  /** Inside an oversized line: drop bytes until its newline. */
  #skipping = false;

  constructor(maxBytes: number, sink: FramerSink) {
    this.#max = maxBytes;
    this.#sink = sink;
  }

  push(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(10, start);
      const end = nl === -1 ? chunk.length : nl;
      if (!this.#skipping) {
        if (this.#size + (end - start) > this.#max) {
          this.#skipping = true;
          this.#parts = [];
          this.#size = 0;
          this.#sink.oversized();
        } else if (end > start) {
          this.#parts.push(chunk.subarray(start, end));
          this.#size += end - start;
        }
      }
      if (nl === -1) return;
      if (this.#skipping) this.#skipping = false;
      else this.#emit();
      start = nl + 1;
    }
  }

  /** Bytes held of an unfinished line (a truncated frame at end of stream). */
  pending(): number {
    return this.#size;
  }

  #emit(): void {
    const text = Buffer.concat(this.#parts, this.#size).toString('utf8');
    this.#parts = [];
    this.#size = 0;
    this.#sink.line(text.endsWith('\r') ? text.slice(0, -1) : text);
  }
}
