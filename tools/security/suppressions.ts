/**
 * In-place suppression of an Electronegativity finding, with a written reason, on the line(s) before it:
 *
 *   // electronegativity-ignore: CONTEXT_ISOLATION_JS_CHECK, SANDBOX_JS_CHECK — webPreferences come from secureWebPreferences(), checked by the gate
 *   <!-- electronegativity-ignore: CSP_GLOBAL_CHECK — 'self' is our own app:// origin: no JSONP, no uploads -->
 *
 * It covers the first code line below it (other comment lines may sit in between). A suppression
 * without a reason, with an unknown check name, or that suppresses nothing fails the gate; so does
 * Electronegativity's own `eng-disable`, which hides findings with no reason at all.
 */
import type { Problem, SourceText } from './problem.js';
import type { Finding } from './sarif.js';

const CHECK = 'electronegativity';
export const MARK = 'electronegativity-ignore';
const SYNTAX = /electronegativity-ignore:\s*([A-Za-z0-9_]+(?:\s*,\s*[A-Za-z0-9_]+)*)\s+(?:—|–|--)\s+(.*?)\s*(?:\*\/|-->)?\s*$/;
const RULE = /^[A-Z][A-Z0-9_]*_CHECK$/;
const MIN_REASON_WORDS = 3;

export interface Suppression {
  file: string;
  /** Line of the comment. */
  line: number;
  /** Line of the code it covers. */
  target: number;
  rules: string[];
  reason: string;
}

export function findSuppressions({ file, text }: SourceText): { suppressions: Suppression[]; problems: Problem[] } {
  const lines = text.split('\n');
  const suppressions: Suppression[] = [];
  const problems: Problem[] = [];
  const at = (line: number, message: string) => problems.push({ check: CHECK, file, line, message });
  lines.forEach((content, i) => {
    if (/eng-disable/.test(content)) at(i + 1, `Electronegativity's eng-disable hides findings without a reason: use // ${MARK}: CHECK_ID — why it is safe`);
    if (!content.includes(MARK)) return;
    const m = SYNTAX.exec(content);
    if (!m) return at(i + 1, `malformed suppression: write // ${MARK}: CHECK_ID[, CHECK_ID] — why it is safe`);
    const rules = (m[1] ?? '').split(',').map((r) => r.trim());
    const reason = (m[2] ?? '').trim();
    for (const r of rules) if (!RULE.test(r)) at(i + 1, `${r} is not an Electronegativity check id (like CONTEXT_ISOLATION_JS_CHECK)`);
    if (reason.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length < MIN_REASON_WORDS) at(i + 1, 'a suppression needs a written reason: say why the finding is safe here');
    const target = lines.findIndex((l, j) => j > i && !isCommentOrBlank(l));
    if (target === -1) return at(i + 1, 'the suppression covers no code line');
    if (lines.slice(i + 1, target).some((l) => l.trim() === '')) return at(i + 1, 'the suppression must sit directly above the line it covers');
    suppressions.push({ file, line: i + 1, target: target + 1, rules, reason });
  });
  return { suppressions, problems };
}

function isCommentOrBlank(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('//') || t.startsWith('/*') || t.startsWith('*') || t.startsWith('<!--') || t.endsWith('-->');
}

export interface Suppressed {
  finding: Finding;
  by: Suppression;
}

export interface Matched {
  open: Finding[];
  suppressed: Suppressed[];
  /** (suppression, rule) pairs that matched no finding. */
  unused: Array<{ suppression: Suppression; rule: string }>;
}

export function applySuppressions(findings: readonly Finding[], suppressions: readonly Suppression[]): Matched {
  const used = new Set<string>();
  const open: Finding[] = [];
  const suppressed: Suppressed[] = [];
  for (const f of findings) {
    const by = suppressions.find((s) => s.file === f.file && s.target === f.line && s.rules.includes(f.rule));
    if (!by) {
      open.push(f);
      continue;
    }
    used.add(`${by.file}:${by.line}:${f.rule}`);
    suppressed.push({ finding: f, by });
  }
  const unused = suppressions.flatMap((s) => s.rules.filter((rule) => !used.has(`${s.file}:${s.line}:${rule}`)).map((rule) => ({ suppression: s, rule })));
  return { open, suppressed, unused };
}

/**
 * The source a line of the built output comes from: out/renderer/x.html ← renderer/x.html; inside a
 * bundle, the module named by the bundler's `// path/to/module.ts` region comment above the line.
 */
export function sourceOf(builtFile: string, builtText: string, line: number): string | null {
  if (builtFile.endsWith('.html')) return builtFile.replace(/^out\//, '');
  const lines = builtText.split('\n');
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    const m = /^\/\/ ([\w@.+/-]+\.(?:ts|js|mjs|cjs|svelte|json))\s*$/.exec(lines[i] ?? '');
    if (m) return m[1] ?? null;
  }
  return null;
}

/**
 * Built findings the sources already answered: a finding of rule R in code bundled from module M is
 * suppressed when M has a suppressed finding of R, at most as many times as M has such findings.
 * Comments do not survive bundling, so this is how a source suppression reaches out/.
 */
export function inheritSuppressions(builtOpen: readonly Finding[], fromSources: readonly Suppressed[], builtTexts: ReadonlyMap<string, string>): { open: Finding[]; suppressed: Suppressed[] } {
  const quota = new Map<string, Suppressed[]>();
  for (const s of fromSources) {
    const key = `${s.finding.rule}\0${s.finding.file}`;
    quota.set(key, [...(quota.get(key) ?? []), s]);
  }
  const open: Finding[] = [];
  const suppressed: Suppressed[] = [];
  for (const f of builtOpen) {
    const source = f.file ? sourceOf(f.file, builtTexts.get(f.file) ?? '', f.line) : null;
    const left = source ? quota.get(`${f.rule}\0${source}`) : undefined;
    const match = left?.shift();
    if (match) suppressed.push({ finding: f, by: match.by });
    else open.push(f);
  }
  return { open, suppressed };
}
