export interface Stat {
  median: number;
  min: number;
  max: number;
}

export function stat(samples: number[]): Stat {
  if (samples.length === 0) throw new Error('no samples');
  const s = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0]!, max: s[s.length - 1]! };
}

/** Runs fn `runs` times after `warmup` untimed runs; returns milliseconds per run. */
export async function time(fn: () => unknown | Promise<unknown>, runs = 7, warmup = 2): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** Ratio of paired samples (same run index), as a Stat: noise on a shared machine hits both sides. */
export function ratio(app: number[], baseline: number[]): Stat {
  return stat(app.map((a, i) => a / baseline[i]!));
}

export function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/** The line every bench script prints last, for tools/bench/run.ts to collect. */
export function report(name: string, result: unknown): void {
  console.log(`BENCH_RESULT ${JSON.stringify({ name, result })}`);
}
