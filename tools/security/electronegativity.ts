/**
 * Runs Electronegativity over the sources and over the built output, each as one application (its
 * global checks — CSP, navigation limits, permission handler — only make sense on a whole app), and
 * reads the findings back from the SARIF it writes.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { SourceText } from './problem.js';
import { findingsFromSarif, type Finding } from './sarif.js';

/** Checks the gate does not run, and why. Everything else Electronegativity has is on. */
export const EXCLUDED_CHECKS: ReadonlyArray<{ check: string; reason: string }> = [
  {
    check: 'AvailableSecurityFixesGlobalCheck',
    reason: "downloads Electron's release list from GitHub on every run, so its answer depends on the network and the day; Electron upgrades are a dependency decision, not a code finding",
  },
  {
    check: 'ElectronVersionJSONCheck',
    reason: 'only reports which Electron version package.json names, as input for the release-list check above; it is not a finding',
  },
];

export interface ToolError {
  file: string;
  message: string;
  /** False when Electronegativity could not read the file at all, so nothing in it was checked. */
  tolerable: boolean;
}

export interface ScanResult {
  findings: Finding[];
  errors: ToolError[];
  sarifFile: string;
  checks: number;
}

export interface ElectronegativityInput {
  /** Where the staged copies go (emptied first). */
  stageDir: string;
  /** Where the SARIF logs are kept for people and CI to read. */
  sarifDir: string;
  electronVersion: string;
  sources: readonly SourceText[];
  built: readonly SourceText[];
}

const CHILD = join(import.meta.dirname, 'electronegativity-child.mjs');
/**
 * Electronegativity 1.10 reads .js with esprima, then babel + escope, which reject current syntax
 * (#private fields, used by our code and by Svelte) and skip the whole file; .cjs it does not read at
 * all. Its TypeScript path (babel's TS parser) reads any modern JavaScript, so built files go in as .ts.
 */
const AS_TS = /\.(c|m)?js$/;

export async function runElectronegativity(input: ElectronegativityInput): Promise<{ sources: ScanResult; built: ScanResult }> {
  rmSync(input.stageDir, { recursive: true, force: true });
  mkdirSync(input.sarifDir, { recursive: true });
  const sourcesDir = join(input.stageDir, 'sources');
  const builtDir = join(input.stageDir, 'built');
  mkdirSync(sourcesDir, { recursive: true });
  mkdirSync(builtDir, { recursive: true });
  stage(sourcesDir, input.sources, (f) => f);
  stage(builtDir, input.built, (f) => (AS_TS.test(f) ? `${f}.ts` : f));
  const scans = [
    { input: sourcesDir, sarif: join(input.sarifDir, 'electronegativity-sources.sarif') },
    { input: builtDir, sarif: join(input.sarifDir, 'electronegativity-built.sarif') },
  ];
  const jobFile = join(input.stageDir, 'job.json');
  const resultFile = join(input.stageDir, 'result.json');
  writeFileSync(jobFile, JSON.stringify({ scans, exclude: EXCLUDED_CHECKS.map((c) => c.check), electronVersion: input.electronVersion, resultFile }));
  await runChild(jobFile);
  const results = JSON.parse(readFileSync(resultFile, 'utf8')) as Array<{ input: string; sarif: string; checks: number; errors: ToolError[] }>;
  const toResult = (i: number, unstage: (f: string) => string): ScanResult => {
    const r = results[i];
    if (!r) throw new Error('Electronegativity returned fewer results than scans');
    const findings = findingsFromSarif(JSON.parse(readFileSync(r.sarif, 'utf8'))).map((f) => ({ ...f, file: f.file && unstage(f.file) }));
    const errors = r.errors.map((e) => ({ ...e, file: unstage(relative(r.input, e.file).replaceAll('\\', '/')) }));
    return { findings, errors, sarifFile: r.sarif, checks: r.checks };
  };
  return {
    sources: toResult(0, (f) => f),
    built: toResult(1, (f) => f.replace(/\.((c|m)?js)\.ts$/, '.$1')),
  };
}

function stage(dir: string, files: readonly SourceText[], rename: (file: string) => string): void {
  for (const { file, text } of files) {
    const target = join(dir, rename(file));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
}

function runChild(jobFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // LANG fixes the messages to English whatever the machine's locale.
    const child = spawn(process.execPath, [CHILD, jobFile], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LANG: 'en-US' }, timeout: 120_000 });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`Electronegativity failed (exit ${code}):\n${output}`))));
  });
}
