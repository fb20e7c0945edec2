import { describe, expect, it } from 'vitest';
import { formatRemaining } from '../../../preload/contract.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

// One formatter for the window's countdowns, the tray and notifications: this table is its spec.
describe('formatRemaining', () => {
  // The shared style: two most significant units, rounded down, second unit padded (not after days).
  it.each([
    [2 * d + 3 * h + 59 * m, '2d 3h'],
    [1 * d, '1d 0h'],
    [d - 1, '23h 59m'],
    [3 * h + 12 * m + 59 * s, '3h 12m'],
    [3 * h + 5 * m, '3h 05m'],
    [h, '1h 00m'],
    [h - 1, '59m 59s'],
    [4 * m + 5 * s, '4m 05s'],
    [4 * m + 5 * s + 999, '4m 05s'],
    [h + 5 * m, '1h 05m'],
    [59 * m + 59 * s + 999, '59m 59s'],
    [m, '1m 00s'],
    [42 * s + 900, '42s'],
    [365 * d, '365d 0h'],
    [59 * s + 999, '59s'],
    [1 * s, '1s'],
    [999, '0s'],
    [0, '0s'],
    [-5 * m, '0s'],
    [Number.NaN, '0s'],
  ])('%d ms → %s', (ms, label) => {
    expect(formatRemaining(ms)).toBe(label);
  });

  it.each([
    [2 * d + 3 * h, '2d 3h'],
    [3 * h + 12 * m + 30 * s, '3h 12m'],
    [4 * m + 59 * s, '4m'],
    [m, '1m'],
    [m - 1, '<1m'],
    [1, '<1m'],
    [0, '<1m'],
  ])('without seconds: %d ms → %s', (ms, label) => {
    expect(formatRemaining(ms, { seconds: false })).toBe(label);
  });

  it('changes only at whole seconds, so one clock tick per second is enough', () => {
    expect(formatRemaining(4 * m + 5 * s + 1)).toBe(formatRemaining(4 * m + 5 * s + 999));
  });

  it('never shows more time than is left, and never skips a whole unit', () => {
    // Walk a day and a bit in uneven steps: the parsed label is ≤ the true remaining time and
    // within one unit of it.
    const parse = (label: string): number => {
      let total = 0;
      for (const [, n, u] of label.matchAll(/(\d+)([dhms])/g)) total += Number(n) * { d, h, m, s }[u as 'd' | 'h' | 'm' | 's'];
      return total;
    };
    for (let ms = 0; ms < d + 2 * h; ms += 7_777) {
      const shown = parse(formatRemaining(ms));
      expect(shown).toBeLessThanOrEqual(ms);
      const unit = ms >= d ? h : ms >= h ? m : s;
      expect(ms - shown).toBeLessThan(unit);
    }
  });
});
