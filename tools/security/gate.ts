/**
 * The security gate: Electronegativity over the sources and the built output (any finding fails
 * unless suppressed in place with a reason), plus the checks it cannot do: secure windows, IPC
 * through the checked helper, a strict CSP, the fuses, node-free bundles, and npm audit.
 * Everything is read from `root`, so the tests run the same gate on a weakened copy of the project.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AUDIT_EXCEPTIONS, checkAuditReport, runNpmAudit } from './audit.js';
import { checkPreloadBundle, checkRendererBundle } from './bundleCheck.js';
import { checkHtml, checkSamePolicy } from './cspCheck.js';
import { EXCLUDED_CHECKS, runElectronegativity, type ScanResult } from './electronegativity.js';
import { checkPackagingConfig } from './fuseCheck.js';
import { checkHardening } from './hardeningCheck.js';
import { checkIpcRegistration, checkRegisterHelper } from './ipcCheck.js';
import type { Problem, SourceText } from './problem.js';
import { applySuppressions, findSuppressions, inheritSuppressions, type Suppressed } from './suppressions.js';
import { checkSecurePreferences, checkWindows } from './windowCheck.js';

export interface GateOptions {
  root: string;
  /** Where SARIF logs and staged copies go. */
  workDir: string;
  /** 'run': audit, and report (not fail) when the registry cannot answer; 'require': that fails too. */
  audit: 'run' | 'require' | 'skip';
}

export interface Section {
  name: string;
  status: 'pass' | 'fail' | 'not-run';
  problems: Problem[];
  notes: string[];
}

export interface GateReport {
  ok: boolean;
  sections: Section[];
}

export const PACKAGING_CONFIG = 'electron-builder.config.cjs';

export async function runGate(opts: GateOptions): Promise<GateReport> {
  const files = new ProjectFiles(opts.root);
  const sections = [
    await electronegativitySection(files, opts),
    section('windows', files, () => [...checkWindows(files.under('main', /\.ts$/)), ...files.withOne('main/window/security.ts', checkSecurePreferences)]),
    section('hardening', files, () => checkHardening(files.under('main', /\.ts$/))),
    section('ipc', files, () => [...checkIpcRegistration(files.under('main', /\.ts$/)), ...files.withOne('main/ipc/register.ts', checkRegisterHelper)]),
    await cspSection(files),
    section('fuses', files, () => checkPackagingConfig(loadConfig(join(opts.root, PACKAGING_CONFIG)), PACKAGING_CONFIG)),
    section('bundles', files, () => [
      ...files.required(files.under('out/renderer', /\.(c|m)?js$/), 'out/renderer/**/*.js').flatMap(checkRendererBundle),
      ...files.required(files.under('out/preload', /\.(c|m)?js$/), 'out/preload/*.cjs').flatMap(checkPreloadBundle),
    ]),
    await auditSection(opts),
  ];
  return { ok: sections.every((s) => s.status !== 'fail'), sections };
}

/** A section's problems, plus any file it needed and did not find. */
function section(name: string, files: ProjectFiles, problems: () => Problem[]): Section {
  const found = [...problems(), ...files.takeMissing()];
  return { name, status: found.length > 0 ? 'fail' : 'pass', problems: found, notes: [] };
}

async function electronegativitySection(files: ProjectFiles, opts: GateOptions): Promise<Section> {
  const sources = [...files.under('main', /\.ts$/), ...files.under('preload', /\.ts$/), ...files.under('renderer', /\.(ts|js|html)$/), ...files.some(['package.json'])];
  const built = files.required(files.under('out', /\.((c|m)?js|html)$/), 'out/ (run `npx electron-vite build` first)');
  const problems = files.takeMissing();
  // Without the build there is no whole application to scan; say so instead of reporting its absence as findings.
  if (built.length === 0) return { name: 'electronegativity', status: 'fail', problems, notes: [] };
  const electronVersion = (createRequire(join(opts.root, 'package.json'))('electron/package.json') as { version: string }).version;
  const scan = await runElectronegativity({ stageDir: join(opts.workDir, 'stage'), sarifDir: opts.workDir, electronVersion, sources, built });
  const parsed = [...sources, ...built].map(findSuppressions);
  problems.push(...parsed.flatMap((p) => p.problems), ...unreadable(scan.sources), ...unreadable(scan.built));
  const suppressions = parsed.flatMap((p) => p.suppressions);
  const fromSources = applySuppressions(scan.sources.findings, suppressions);
  const inPlaceBuilt = applySuppressions(scan.built.findings, suppressions);
  const inherited = inheritSuppressions(inPlaceBuilt.open, fromSources.suppressed, new Map(built.map((b) => [b.file, b.text])));
  const builtFiles = new Set(built.map((b) => b.file));
  for (const f of [...fromSources.open, ...inherited.open]) {
    problems.push({ check: `electronegativity ${f.rule}`, file: f.file || '(whole application)', line: f.file ? f.line : undefined, message: f.message });
  }
  for (const { suppression: s, rule } of fromSources.unused) {
    if (!builtFiles.has(s.file)) problems.push({ check: 'electronegativity', file: s.file, line: s.line, message: `stale suppression: ${rule} is not reported on line ${s.target}; remove it` });
  }
  const suppressedNotes = [...fromSources.suppressed, ...inPlaceBuilt.suppressed, ...inherited.suppressed].map(describeSuppressed);
  const notes = [
    `${scan.sources.checks} checks; SARIF: ${scan.sources.sarifFile}, ${scan.built.sarifFile}`,
    ...suppressedNotes,
    ...EXCLUDED_CHECKS.map((c) => `not run: ${c.check} — ${c.reason}`),
    ...[...scan.sources.errors, ...scan.built.errors].filter((e) => e.tolerable).map((e) => `parser warning in ${e.file}: ${e.message}`),
  ];
  return { name: 'electronegativity', status: problems.length > 0 ? 'fail' : 'pass', problems, notes };
}

function unreadable(scan: ScanResult): Problem[] {
  return scan.errors.filter((e) => !e.tolerable).map((e) => ({ check: 'electronegativity', file: e.file, message: `could not be parsed, so it was not checked: ${e.message}` }));
}

function describeSuppressed({ finding: f, by }: Suppressed): string {
  const where = `${f.file}:${f.line}`;
  const from = by.file === f.file ? '' : ` (from ${by.file}:${by.line})`;
  return `suppressed ${f.rule} at ${where}${from} — ${by.reason}`;
}

async function cspSection(files: ProjectFiles): Promise<Section> {
  const pages = [...files.some(['renderer/index.html']), ...files.under('out/renderer', /\.html$/)];
  const problems = [...files.takeMissing(), ...pages.flatMap(checkHtml)];
  const securityFile = join(files.root, 'main/window/security.ts');
  const security = existsSync(securityFile) ? ((await import(pathToFileURL(securityFile).href)) as { CONTENT_SECURITY_POLICY?: unknown }) : {};
  const header = security.CONTENT_SECURITY_POLICY;
  if (typeof header !== 'string') problems.push({ check: 'csp', file: 'main/window/security.ts', message: 'CONTENT_SECURITY_POLICY (the header main serves) is not exported as a string' });
  else for (const page of pages) problems.push(...checkSamePolicy(header, page, 'main/window/security.ts'));
  return { name: 'csp', status: problems.length > 0 ? 'fail' : 'pass', problems, notes: [] };
}

async function auditSection(opts: GateOptions): Promise<Section> {
  if (opts.audit === 'skip') return { name: 'audit', status: 'not-run', problems: [], notes: ['skipped on request'] };
  const run = await runNpmAudit(opts.root);
  if (!run.ran) {
    const note = `npm audit --omit=dev could not run: ${run.why}`;
    if (opts.audit === 'require') return { name: 'audit', status: 'fail', problems: [{ check: 'audit', file: 'package-lock.json', message: note }], notes: [] };
    return { name: 'audit', status: 'not-run', problems: [], notes: [note, 'run with --require-audit where the registry answers audits to make this fail'] };
  }
  const verdict = checkAuditReport(run.report, AUDIT_EXCEPTIONS);
  return { name: 'audit', status: verdict.problems.length > 0 ? 'fail' : 'pass', problems: verdict.problems, notes: verdict.explained };
}

/** A fresh load each time, so a test that rewrites the config sees the new one. */
function loadConfig(path: string): unknown {
  if (!existsSync(path)) return undefined;
  const load = createRequire(path);
  delete load.cache[path];
  return load(path);
}

/** Reads project files relative to root; a file the gate needs but cannot find becomes a problem. */
class ProjectFiles {
  private missing: Problem[] = [];
  constructor(readonly root: string) {}

  takeMissing(): Problem[] {
    return this.missing.splice(0);
  }

  under(dir: string, pattern: RegExp): SourceText[] {
    const abs = join(this.root, dir);
    if (!existsSync(abs)) return [];
    return (readdirSync(abs, { recursive: true }) as string[])
      .map((f) => `${dir}/${f.replaceAll('\\', '/')}`)
      .filter((f) => pattern.test(f) && !f.includes('/node_modules/'))
      .sort()
      .map((file) => ({ file, text: readFileSync(join(this.root, file), 'utf8') }));
  }

  some(paths: string[]): SourceText[] {
    return paths.flatMap((file) => {
      if (existsSync(join(this.root, file))) return [{ file, text: readFileSync(join(this.root, file), 'utf8') }];
      this.missing.push({ check: 'files', file, message: 'missing' });
      return [];
    });
  }

  withOne(file: string, check: (f: SourceText) => Problem[]): Problem[] {
    const [found] = this.some([file]);
    return found ? check(found) : [];
  }

  required(found: SourceText[], what: string): SourceText[] {
    if (found.length === 0) this.missing.push({ check: 'files', file: what, message: 'nothing found to check' });
    return found;
  }
}
