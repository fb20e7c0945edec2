/**
 * The system clipboard, as main/platform adapts it. Only text: tokens are never written as anything
 * else. Asynchronous because Electron 45's clipboard readText/writeText return promises.
 */
export interface ClipboardPort {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
  clear(): void;
}
