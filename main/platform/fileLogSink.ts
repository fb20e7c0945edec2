import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LogSink } from '../core/log.js';

/** Appends log lines to a file (created 0600); lines arrive already redacted by the logger. */
export function fileLogSink(file: string): LogSink {
  mkdirSync(dirname(file), { recursive: true });
  return { write: (line) => appendFileSync(file, line + '\n', { mode: 0o600 }) };
}
