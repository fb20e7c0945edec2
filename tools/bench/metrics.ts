/**
 * The headline figures of `npm run bench` and where each bench's output holds them. Every figure is
 * a ratio {median, min, max} (app / baseline, paired runs) plus the absolute medians behind it.
 */
import type { Stat } from './stats.js';

export interface MetricStat extends Stat {
  /** The absolute medians the ratio divides (ms, µs or bytes, as named). */
  absolute: Record<string, number | undefined>;
  /** Mint only: the same ratio at the 95th percentile of latency. */
  p95?: Stat & { absolute: Record<string, number | undefined> };
}

export interface Row {
  label: string;
  stat?: Stat;
  absolute?: Record<string, number | undefined>;
  /** Why there is no figure. */
  reason?: string;
}

export interface Metric {
  /** Dotted path in bench.json, e.g. "mint.azion.ratio". */
  key: string;
  /** Which tools/bench/<bench>.bench.ts produces it. */
  bench: string;
  read(result: unknown): { value: MetricStat; rows: Row[] } | undefined;
}

type Json = Record<string, unknown>;

/** The value at a dotted path, or undefined. */
export function at(value: unknown, path: string): unknown {
  let node: unknown = value;
  for (const p of path.split('.')) node = node !== null && typeof node === 'object' ? (node as Json)[p] : undefined;
  return node;
}

/** The first value under `key` anywhere in `value` (depth first), for outputs whose nesting may vary. */
export function find(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  if (key in (value as Json)) return (value as Json)[key];
  for (const v of Object.values(value as Json)) {
    const found = find(v, key);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function asStat(value: unknown): Stat | undefined {
  const s = value as Partial<Stat> | undefined;
  return s && [s.median, s.min, s.max].every((n) => typeof n === 'number' && Number.isFinite(n)) ? { median: s.median!, min: s.min!, max: s.max! } : undefined;
}

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const median = (value: unknown): number | undefined => num(at(value, 'median')) ?? num(value);

/** A metric read from one ratio in the result and a few absolute medians next to it. */
function simple(key: string, bench: string, ratio: (r: unknown) => unknown, absolute: (r: unknown) => Record<string, number | undefined>): Metric {
  return {
    key,
    bench,
    read(result) {
      const stat = asStat(ratio(result));
      if (!stat) return undefined;
      const abs = absolute(result);
      return { value: { ...stat, absolute: abs }, rows: [{ label: key, stat, absolute: abs }] };
    },
  };
}

function mint(peer: 'azion' | 'ocean'): Metric {
  const key = `mint.${peer}.ratio`;
  return {
    key,
    bench: 'mint',
    read(result) {
      const p50 = asStat(at(result, `${peer}.p50Ratio`));
      const p95 = asStat(at(result, `${peer}.p95Ratio`));
      if (!p50 || !p95) return undefined;
      const abs50 = { appP50Ms: median(at(result, `${peer}.appP50Ms`)), fetchP50Ms: median(at(result, `${peer}.rawP50Ms`)) };
      const abs95 = { appP95Ms: median(at(result, `${peer}.appP95Ms`)), fetchP95Ms: median(at(result, `${peer}.rawP95Ms`)) };
      return {
        value: { ...p50, absolute: abs50, p95: { ...p95, absolute: abs95 } },
        rows: [
          { label: `${key} (p50)`, stat: p50, absolute: abs50 },
          { label: `${key} (p95)`, stat: p95, absolute: abs95 },
        ],
      };
    },
  };
}

/** Not a ratio: the longest stall (ms) during the mixed actions, with the bare append's stall beside it. */
function stallMetric(): Metric {
  return {
    key: 'scale.maxStallMs',
    bench: 'scale',
    read(result) {
      const ms = num(at(result, 'maxStallMs'));
      if (ms === undefined) return undefined;
      const abs = { bareAppendStallMs: num(at(result, 'bareAppendStallMs')), fullVerificationMs: median(at(result, 'fullVerificationMs')) };
      const stat = { median: ms, min: ms, max: ms };
      return { value: { ...stat, absolute: abs }, rows: [{ label: 'scale.maxStallMs', stat, absolute: abs }] };
    },
  };
}

export const METRICS: Metric[] = [
  simple('unlock.ratio', 'unlock', (r) => at(r, 'unlockRatio'), (r) => ({ unlockMs: median(at(r, 'unlockMs.total')), bareKdfMs: median(at(r, 'bareKdfMs')) })),
  mint('azion'),
  mint('ocean'),
  simple('sign.ratio', 'sign', (r) => at(r, 'ratio'), (r) => ({ appUs: median(at(r, 'provider.appUs')), nobleSignUs: median(at(r, 'provider.bareUs')), ethersSignUs: median(at(r, 'provider.ethersSignUs')) })),
  simple('persist.ratio', 'persist', (r) => at(r, 'ratio'), (r) => ({ saveMs: median(at(r, 'ms.save')), appendFsyncMs: median(at(r, 'ms.appendFsync')), recordBytes: num(at(r, 'recordBytes')) })),
  simple('scale.copyRatio', 'scale', (r) => at(r, 'copyRatio'), (r) => ({ copyMs10k: median(at(r, 'copyMs.large')), copyMs100: median(at(r, 'copyMs.small')) })),
  simple('scale.unlockRatio', 'scale', (r) => at(r, 'unlockRatio'), (r) => ({ unlockMs: median(at(r, 'unlockMs.large')), bareKdfMs: median(at(r, 'unlockMs.bareKdf')) })),
  simple('scale.auditPageRatio', 'scale', (r) => at(r, 'auditPageRatio'), (r) => ({ pageMs100k: median(at(r, 'auditPageMs.large')), pageMs100: median(at(r, 'auditPageMs.small')) })),
  stallMetric(),
  simple('ui.tickRatio', 'ui', (r) => find(r, 'tickRatio'), (r) => ({ appTickMs: median(find(r, 'appTick')), plainDomTickMs: median(find(r, 'baselineTick')) })),
  simple('ui.firstRenderRatio', 'ui', (r) => find(r, 'firstRenderRatio'), (r) => ({ appFirstRenderMs: median(find(r, 'appFirstRender')), plainDomFirstRenderMs: median(find(r, 'baselineFirstRender')) })),
  simple('cli.getRatio', 'cli', (r) => at(r, 'getRatio'), (r) => ({ tokenvaultGetMs: median(at(r, 'getMs')), nodeE0Ms: median(at(r, 'nodeMs')) })),
  simple('cli.execRatio', 'cli', (r) => at(r, 'execRatio'), (r) => ({ tokenvaultExecTrueMs: median(at(r, 'execMs')), nodeSpawnTrueMs: median(at(r, 'nodeSpawnTrueMs')) })),
  simple('ui10k.firstRenderRatio', 'ui10k', (r) => at(r, 'firstRenderRatio'), (r) => ({ appFirstRenderMs: median(at(r, 'ms.appFirstRender')), plainDomAllRowsMs: median(at(r, 'ms.baselineFirstRender')) })),
  simple('ui10k.tickRatio', 'ui10k', (r) => at(r, 'tickRatio'), (r) => ({ appTickMs: median(at(r, 'ms.appTick')), plainDomOnScreenTickMs: median(at(r, 'ms.baselineTick')) })),
  simple('ui10k.searchRatio', 'ui10k', (r) => at(r, 'searchRatio'), (r) => ({ appSearchMs: median(at(r, 'ms.appSearch')), plainFilterAndDrawMs: median(at(r, 'ms.baselineSearch')) })),
  simple('ui10k.clearRatio', 'ui10k', (r) => at(r, 'clearRatio'), (r) => ({ appClearMs: median(at(r, 'ms.appClear')), plainDrawFirstRowsMs: median(at(r, 'ms.baselineClear')) })),
  simple('ui10k.scrollP95Ratio', 'ui10k', (r) => at(r, 'scrollP95Ratio'), (r) => ({ appP95FrameMs: median(at(r, 'ms.appScrollP95')), plainPage1000P95FrameMs: median(at(r, 'ms.baselineScrollP95At1000')) })),
  simple('memory.bytesPerTokenRatio', 'memory', (r) => at(r, 'bytesPerTokenRatio'), (r) => ({ heapBytesPerToken: median(at(r, 'heapBytesPerToken')), serializedBytesPerToken: num(at(r, 'serializedBytesPerToken')) })),
];
