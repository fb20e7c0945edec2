import type { ClipboardPort } from '../../main/core/tokens/ClipboardPort.js';

/** The system clipboard for tests and the harness: what main wrote is readable here, never in the page. */
export class MemoryClipboard implements ClipboardPort {
  text = '';
  writes: string[] = [];

  async readText(): Promise<string> {
    return this.text;
  }

  async writeText(text: string): Promise<void> {
    this.text = text;
    this.writes.push(text);
  }

  clear(): void {
    this.text = '';
  }
}
