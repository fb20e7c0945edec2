/** One reason the security gate fails. `file` is relative to the project root, `line` is 1-based. */
export interface Problem {
  check: string;
  file: string;
  line?: number;
  message: string;
}

/** A source file handed to a check: its project-relative path and its text. */
export interface SourceText {
  file: string;
  text: string;
}

export function formatProblem(p: Problem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  return `[${p.check}] ${where}: ${p.message}`;
}
