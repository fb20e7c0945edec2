/**
 * The arithmetic of the windowed token list, with no DOM and no Svelte: where every account group and
 * every row would sit if all were drawn, and which of them a viewport needs. The list draws only
 * those (plus the rows it must keep, such as the one holding focus) and pads the rest.
 *
 * A group is drawn as: its header, its live rows (or a "no tokens" note), then, when it has any, a
 * history bar and — expanded — its history rows. Heights come from measurement where a row has been
 * drawn, else from the typical height of its kind.
 */

export interface ListSpec {
  /** Keys of the items, in order. */
  keys: readonly string[];
}

export interface GroupSpec {
  key: string;
  live: ListSpec;
  /** Shown instead of live rows when the group has no token at all. */
  empty: boolean;
  /** History rows (revoked or expired); `expanded` says whether they are drawn. */
  history: ListSpec;
  expanded: boolean;
}

export interface Heights {
  /** A measured height by item key (headers, rows, bars). */
  measured: ReadonlyMap<string, number>;
  head: number;
  row: number;
  bar: number;
  empty: number;
  /** Space between groups, and the borders of one group's box (top + bottom). */
  gap: number;
  border: number;
}

export const DEFAULT_HEIGHTS: Omit<Heights, 'measured'> = { head: 46, row: 51, bar: 38, empty: 46, gap: 14, border: 2 };

export interface ListLayout {
  /** Offset of the list's first item from the top of the whole list. */
  top: number;
  /** offsets[i] = offset of item i from `top`; offsets[n] = the list's height. */
  offsets: Float64Array;
  keys: readonly string[];
}

export interface GroupLayout {
  key: string;
  top: number;
  height: number;
  head: number;
  live: ListLayout;
  empty: boolean;
  bar: number;
  history: ListLayout | null;
}

export interface Layout {
  groups: GroupLayout[];
  height: number;
}

function listLayout(keys: readonly string[], top: number, h: Heights): ListLayout {
  const offsets = new Float64Array(keys.length + 1);
  let y = 0;
  for (let i = 0; i < keys.length; i++) {
    offsets[i] = y;
    y += h.measured.get(keys[i]!) ?? h.row;
  }
  offsets[keys.length] = y;
  return { top, offsets, keys };
}

export function headKey(group: string): string {
  return `h:${group}`;
}
export function barKey(group: string): string {
  return `x:${group}`;
}

/** Where everything would be, top to bottom. O(rows): rebuilt when rows or heights change, not on scroll. */
export function layoutOf(groups: readonly GroupSpec[], h: Heights): Layout {
  const out: GroupLayout[] = [];
  let y = 0;
  for (const [i, g] of groups.entries()) {
    if (i > 0) y += h.gap;
    const top = y;
    const head = h.measured.get(headKey(g.key)) ?? h.head;
    let inner = h.border / 2 + head;
    const live = listLayout(g.live.keys, top + inner, h);
    inner += g.empty ? h.empty : live.offsets[live.keys.length]!;
    let bar = 0;
    let history: ListLayout | null = null;
    if (g.history.keys.length > 0) {
      bar = h.measured.get(barKey(g.key)) ?? h.bar;
      inner += bar;
      if (g.expanded) {
        history = listLayout(g.history.keys, top + inner, h);
        inner += history.offsets[history.keys.length]!;
      }
    }
    const height = inner + h.border / 2;
    out.push({ key: g.key, top, height, head, live, empty: g.empty, bar, history });
    y = top + height;
  }
  return { groups: out, height: y };
}

/** A drawn item and how much undrawn space comes before it (within its list). */
export interface DrawnItem {
  index: number;
  key: string;
  gapBefore: number;
  /**
   * Which drawn row shows it, unique within its list: what the list keys its rows by. Numbered in
   * order here; ListWindow carries them across redraws so a row leaving the window hands its
   * component to one arriving instead of one being destroyed and another built.
   */
  slot: number;
}

export interface DrawnList {
  items: DrawnItem[];
  /** Undrawn space before the first drawn item, and after the last. */
  padTop: number;
  padBottom: number;
}

export interface DrawnGroup {
  key: string;
  /** Which drawn group section shows it (see DrawnItem.slot). */
  slot: number;
  /** Undrawn space (whole groups skipped) before this group. */
  gapBefore: number;
  live: DrawnList;
  history: DrawnList | null;
}

export interface Drawn {
  groups: DrawnGroup[];
  padTop: number;
  padBottom: number;
}

/** The last index i with offsets[i] <= y (binary search over a prefix sum). */
function indexAt(offsets: Float64Array, n: number, y: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function drawList(list: ListLayout, from: number, to: number, keep: ReadonlySet<string>): DrawnList | null {
  const n = list.keys.length;
  const height = list.offsets[n]!;
  const picked: number[] = [];
  if (n > 0 && to >= list.top && from <= list.top + height) {
    const a = indexAt(list.offsets, n, from - list.top);
    const b = indexAt(list.offsets, n, to - list.top);
    for (let i = a; i <= b; i++) picked.push(i);
  }
  // Kept rows outside the range (the focused one): drawn at their place, padded around.
  if (keep.size > 0) {
    for (const k of keep) {
      const i = list.keys.indexOf(k);
      if (i >= 0 && !picked.includes(i)) picked.push(i);
    }
    picked.sort((x, y) => x - y);
  }
  if (picked.length === 0) return null;
  const items: DrawnItem[] = [];
  let end = 0;
  for (const i of picked) {
    items.push({ index: i, key: list.keys[i]!, gapBefore: items.length === 0 ? 0 : list.offsets[i]! - end, slot: items.length });
    end = list.offsets[i + 1]!;
  }
  return { items, padTop: list.offsets[picked[0]!]!, padBottom: height - end };
}

const EMPTY_LIST: DrawnList = { items: [], padTop: 0, padBottom: 0 };

function padded(list: ListLayout): DrawnList {
  return { items: [], padTop: list.offsets[list.keys.length]!, padBottom: 0 };
}

/**
 * What to draw for the viewport [from, to] (offsets from the top of the whole list, overscan
 * included), keeping the items in `keep` drawn wherever they are. Groups that intersect nothing are
 * left out and padded; a drawn group is drawn whole in height (header, padding, drawn rows), so its
 * sticky header behaves as if every row were there.
 */
export function drawnFor(layout: Layout, from: number, to: number, keep: ReadonlySet<string> = new Set()): Drawn {
  const groups: DrawnGroup[] = [];
  let end = 0;
  let first = -1;
  for (const g of layout.groups) {
    const inView = to >= g.top && from <= g.top + g.height;
    const live = drawList(g.live, from, to, keep);
    const history = g.history ? drawList(g.history, from, to, keep) : null;
    if (!inView && !live && !history) continue;
    if (first < 0) first = g.top;
    groups.push({
      key: g.key,
      slot: groups.length,
      gapBefore: groups.length === 0 ? 0 : g.top - end,
      live: live ?? (g.empty ? EMPTY_LIST : padded(g.live)),
      history: g.history ? (history ?? padded(g.history)) : null,
    });
    end = g.top + g.height;
  }
  if (groups.length === 0) return { groups, padTop: layout.height, padBottom: 0 };
  return { groups, padTop: first, padBottom: layout.height - end };
}

/**
 * Slots for the keys drawn now, given the slots of the last draw: a key drawn before keeps its slot,
 * a key arriving takes the lowest slot a departed key left, else a new one. A departed key that is
 * `pinned` (it holds focus, say) keeps its slot out of reuse, so its row is destroyed rather than
 * handed to another key. Slots are unique within one call.
 */
export function assignSlots(before: ReadonlyMap<string, number> | undefined, keys: readonly string[], pinned: (key: string) => boolean): Map<string, number> {
  const now = new Map<string, number>();
  const free: number[] = [];
  let fresh = 0;
  if (before) {
    const drawn = new Set(keys);
    for (const [key, slot] of before) {
      fresh = Math.max(fresh, slot + 1);
      if (!drawn.has(key) && !pinned(key)) free.push(slot);
    }
    free.sort((a, b) => a - b);
  }
  let f = 0;
  for (const key of keys) now.set(key, before?.get(key) ?? (f < free.length ? free[f++]! : fresh++));
  return now;
}

/** The offset of an item from the top of the whole list, or undefined when it is not in the layout. */
export function offsetOf(layout: Layout, key: string): { top: number; height: number } | undefined {
  for (const g of layout.groups) {
    for (const list of [g.live, g.history]) {
      if (!list) continue;
      const i = list.keys.indexOf(key);
      if (i >= 0) return { top: list.top + list.offsets[i]!, height: list.offsets[i + 1]! - list.offsets[i]! };
    }
  }
  return undefined;
}
