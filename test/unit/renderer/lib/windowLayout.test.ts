import { describe, expect, it } from 'vitest';
import { assignSlots, DEFAULT_HEIGHTS, drawnFor, layoutOf, offsetOf, type GroupSpec } from '../../../../renderer/src/tokens/windowLayout.js';

const rows = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const group = (key: string, n: number, history = 0, expanded = false): GroupSpec => ({
  key,
  live: { keys: rows(`${key}-`, n) },
  empty: n === 0,
  history: { keys: rows(`${key}-h`, history) },
  expanded,
});
const h = { ...DEFAULT_HEIGHTS, head: 40, row: 50, bar: 30, empty: 40, gap: 10, border: 2, measured: new Map<string, number>() };

describe('the windowed list layout', () => {
  it('places groups, rows, history bars and expanded history top to bottom', () => {
    const layout = layoutOf([group('a', 3, 2, true), group('b', 0, 1)], h);
    const [a, b] = layout.groups;
    expect(a).toMatchObject({ top: 0, head: 40, bar: 30 });
    expect(a!.live.top).toBe(1 + 40);
    expect(a!.history!.top).toBe(1 + 40 + 150 + 30);
    expect(a!.height).toBe(1 + 40 + 150 + 30 + 100 + 1);
    expect(b!.top).toBe(a!.height + 10);
    expect(b!.history).toBeNull(); // collapsed
    expect(b!.height).toBe(1 + 40 + 40 + 30 + 1);
    expect(layout.height).toBe(b!.top + b!.height);
  });

  it('draws only what meets the viewport, and pads the rest to the same height', () => {
    const layout = layoutOf([group('a', 10_000), group('b', 10_000)], h);
    const drawn = drawnFor(layout, 200_000, 200_800);
    expect(drawn.groups.map((g) => g.key)).toEqual(['a']);
    const list = drawn.groups[0]!.live;
    expect(list.items.length).toBeLessThan(20);
    expect(list.items[0]!.key).toBe(`a-${Math.floor((200_000 - 41) / 50)}`);
    const drawnHeight = list.padTop + list.items.length * 50 + list.padBottom;
    expect(drawnHeight).toBe(10_000 * 50);
    expect(drawn.padTop + layout.groups[0]!.height + drawn.padBottom).toBe(layout.height);
  });

  it('keeps a far-away row drawn (the focused one), with the gap before it', () => {
    const layout = layoutOf([group('a', 1000), group('b', 1000)], h);
    const drawn = drawnFor(layout, 0, 500, new Set(['b-900']));
    expect(drawn.groups.map((g) => g.key)).toEqual(['a', 'b']);
    const b = drawn.groups[1]!;
    expect(b.live.items).toEqual([{ index: 900, key: 'b-900', gapBefore: 0, slot: 0 }]);
    expect(b.live.padTop).toBe(900 * 50);
    expect(b.gapBefore).toBe(10);
    const a = drawn.groups[0]!.live;
    const kept = drawnFor(layout, 0, 500, new Set(['a-600'])).groups[0]!.live;
    expect(kept.items.at(-1)).toMatchObject({ key: 'a-600', gapBefore: (600 - a.items.length) * 50 });
  });

  it('uses measured heights where it has them', () => {
    const measured = new Map([['a-1', 120]]);
    const layout = layoutOf([group('a', 3)], { ...h, measured });
    expect(offsetOf(layout, 'a-2')).toEqual({ top: 41 + 50 + 120, height: 50 });
    expect(offsetOf(layout, 'zzz')).toBeUndefined();
  });
});

describe('row slots carried across redraws', () => {
  const none = (): boolean => false;

  it('keeps the slot of what stays and hands what arrives the slots of what left, lowest first', () => {
    const first = assignSlots(undefined, ['a', 'b', 'c', 'd'], none);
    expect([...first]).toEqual([['a', 0], ['b', 1], ['c', 2], ['d', 3]]);
    // A scroll by two rows: c and d stay where they are, e and f take over a's and b's rows.
    expect([...assignSlots(first, ['c', 'd', 'e', 'f'], none)]).toEqual([['c', 2], ['d', 3], ['e', 0], ['f', 1]]);
    // A search that keeps none of them: every row is reused, in order, and one more is built.
    expect([...assignSlots(first, ['x', 'y', 'z', 'w', 'v'], none)]).toEqual([['x', 0], ['y', 1], ['z', 2], ['w', 3], ['v', 4]]);
  });

  it('never hands over the slot of a pinned key (the row holding focus): that row is destroyed instead', () => {
    const first = assignSlots(undefined, ['a', 'b', 'c'], none);
    const next = assignSlots(first, ['x', 'y', 'z'], (key) => key === 'b');
    expect([...next]).toEqual([['x', 0], ['y', 2], ['z', 3]]);
    expect(new Set(next.values()).size).toBe(3);
  });
});
