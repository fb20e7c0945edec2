import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceText } from '../../../tools/security/problem.js';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'security');

/** A deliberately insecure fixture, presented to a check under the project path it imitates. */
export function fixture(name: string, as: string): SourceText {
  return { file: as, text: readFileSync(join(FIXTURES, name), 'utf8') };
}

/** A real project file, as the gate reads it. */
export function real(file: string): SourceText {
  return { file, text: readFileSync(join(ROOT, file), 'utf8') };
}
