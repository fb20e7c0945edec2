/** The system clipboard, as main/platform adapts it. Only text: tokens are never written as anything else. */
export interface ClipboardPort {
  readText(): string;
  writeText(text: string): void;
  clear(): void;
}
