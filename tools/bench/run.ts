/**
 * `npm run bench`: runs every tools/bench/*.bench.ts in its own process (node --expose-gc --import tsx),
 * collects each one's result (its `BENCH_RESULT {json}` line, else the JSON it printed), prints the
 * headline ratios and writes test-results/bench.json.
 *
 * Every headline figure is a ratio to a baseline measured in the same run, as the median of paired
 * runs with their min and max: machines are shared and noisy, and noise lands on both sides of a ratio.
 * The UI bench is optional (its figures read "not available" when tools/bench/ui.bench.ts is absent).
 * BENCH_ONLY=sign,persist runs only those; BENCH_RUNS changes the paired runs of the benches that read it.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, platform } from 'node:os';
import { join, resolve } from 'node:path';
import { METRICS, type Row } from './metrics.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BENCH_DIR = join(ROOT, 'tools/bench');
const OUT = join(ROOT, 'test-results/bench.json');
const TIMEOUT_MS = Number(process.env['BENCH_TIMEOUT_MS'] ?? 240_000);
/** Cheap and core first; the browser last. */
const ORDER = ['unlock', 'persist', 'scale', 'sign', 'memory', 'mint', 'cli', 'tokens', 'ui', 'ui10k'];
const NOT_AVAILABLE = 'not available';

interface BenchRun {
  ok: boolean;
  ms: number;
  result?: unknown;
  error?: string;
}

function runBench(file: string): Promise<BenchRun> {
  const started = performance.now();
  // The UI bench builds unless told a build is there; `npm run bench` builds once, first.
  const built = existsSync(join(ROOT, 'out/renderer/index.html'));
  const env = { ...process.env, ...(built && process.env['SKIP_BUILD'] === undefined ? { SKIP_BUILD: '1' } : {}) };
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', file], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = Math.round(performance.now() - started);
      const result = parseResult(stdout);
      if (code === 0 && result !== undefined) done({ ok: true, ms, result });
      else done({ ok: false, ms, error: signal ? `killed (${signal}) after ${ms} ms` : `exit ${code}: ${lastLines(stderr || stdout)}` });
    });
  });
}

/** The last BENCH_RESULT line's result, else the last top-level JSON object printed. */
export function parseResult(stdout: string): unknown {
  const line = stdout.split('\n').filter((l) => l.startsWith('BENCH_RESULT ')).pop();
  if (line) return (JSON.parse(line.slice('BENCH_RESULT '.length)) as { result: unknown }).result;
  const text = stdout.trim();
  for (let at = text.lastIndexOf('{'); at >= 0; at = text.lastIndexOf('{', at - 1)) {
    if (at > 0 && text[at - 1] !== '\n') continue;
    try {
      return JSON.parse(text.slice(at));
    } catch {
      // not the start of the last object; keep looking further up
    }
  }
  return undefined;
}

function lastLines(text: string, n = 6): string {
  return text.trim().split('\n').slice(-n).join(' | ');
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1]!] = value;
}

const fmt = (n: number | undefined): string => (n === undefined || !Number.isFinite(n) ? '—' : Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(n >= 10 ? 1 : 3));

function printTable(rows: Row[]): void {
  const lines = [['key', 'median', 'min', 'max', 'absolute medians'], ...rows.map((r) => (r.stat ? [r.label, fmt(r.stat.median), fmt(r.stat.min), fmt(r.stat.max), absText(r)] : [r.label, NOT_AVAILABLE, '', '', r.reason ?? '']))];
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  for (const [i, l] of lines.entries()) {
    console.log(l.map((c, j) => (j === 0 || j === 4 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

function absText(r: Row): string {
  return Object.entries(r.absolute ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k} ${fmt(v)}`)
    .join(', ');
}

async function main(): Promise<void> {
  const started = Date.now();
  const files = readdirSync(BENCH_DIR).filter((f) => f.endsWith('.bench.ts'));
  const only = process.env['BENCH_ONLY']?.split(',').map((n) => n.trim());
  const names = files
    .filter((f) => !only || only.includes(f.replace(/\.bench\.ts$/, ''))).map((f) => f.replace(/\.bench\.ts$/, '')).sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b));
  const runs: Record<string, BenchRun> = {};
  for (const name of names) {
    process.stdout.write(`bench ${name} … `);
    runs[name] = await runBench(join(BENCH_DIR, `${name}.bench.ts`));
    console.log(runs[name]!.ok ? `${runs[name]!.ms} ms` : `FAILED: ${runs[name]!.error}`);
  }

  const rows: Row[] = [];
  const out: Record<string, unknown> = {};
  for (const metric of METRICS) {
    const run = runs[metric.bench];
    const file = `tools/bench/${metric.bench}.bench.ts`;
    const reason = !run ? (existsSync(join(ROOT, file)) ? `${file} was not run (BENCH_ONLY)` : `${file} is not present`) : !run.ok ? `the bench failed: ${run.error}` : undefined;
    const rowsOf = run?.ok ? metric.read(run.result) : undefined;
    if (!rowsOf) {
      rows.push({ label: metric.key, reason: reason ?? 'the bench printed no such figure' });
      setPath(out, metric.key, NOT_AVAILABLE);
      continue;
    }
    rows.push(...rowsOf.rows);
    setPath(out, metric.key, rowsOf.value);
  }

  const failed = Object.entries(runs).filter(([, r]) => !r.ok);
  const report = {
    ...out,
    meta: {
      generatedAt: new Date().toISOString(),
      durationMs: Date.now() - started,
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', platform: platform(), node: process.version, loadavgAtEnd: loadavg().map((l) => Number(l.toFixed(2))) },
      notAvailable: Object.fromEntries(rows.filter((r) => !r.stat).map((r) => [r.label, r.reason])),
      benches: Object.fromEntries(Object.entries(runs).map(([n, r]) => [n, { ok: r.ok, ms: r.ms, ...(r.error ? { error: r.error } : {}) }])),
    },
    raw: Object.fromEntries(Object.entries(runs).map(([n, r]) => [n, r.result ?? null])),
  };
  await mkdir(join(ROOT, 'test-results'), { recursive: true });
  await writeFile(OUT, JSON.stringify(report, null, 2) + '\n');

  console.log('');
  printTable(rows);
  console.log(`\nratios: app / baseline, median of paired runs (min, max); wrote ${OUT.slice(ROOT.length + 1)} in ${Math.round((Date.now() - started) / 1000)} s`);
  // A missing optional bench is "not available"; a bench that ran and failed fails the command.
  if (failed.length > 0) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await main();
