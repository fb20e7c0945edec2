import type { Attachment } from 'svelte/attachments';
import type { TokenGroup } from './tokenGroups.js';
import type { TokenStore } from './tokens.svelte.js';
import { assignSlots, DEFAULT_HEIGHTS, drawnFor, layoutOf, offsetOf, type Drawn, type DrawnItem, type GroupSpec, type Layout } from './windowLayout.js';

/** Drawn beyond each edge of the viewport, so a fast scroll or a wheel flick shows no blank. */
const OVERSCAN_PX = 120;
/** The viewport assumed before the list has been measured (and where nothing lays out, as in jsdom). */
const FALLBACK_VIEWPORT_PX = 900;

export type MeasureKind = 'row' | 'row-extra' | 'head' | 'bar' | 'empty';

/**
 * The token list's window: which groups and rows are drawn for the current scroll position. Only
 * those reach the DOM (and only their countdowns tick), whatever the number of tokens; the rest is
 * padding of the right height, so the scrollbar, sticky headers and scroll anchoring behave as if
 * every row were there.
 */
export class ListWindow {
  scrollTop = $state(0);
  #viewport = $state(0);
  get viewport(): number { return this.#viewport; }
  #width = $state(0);
  get width(): number { return this.#width; }
  /** Wide enough for the rows' column of absolute times (drawn only then: it costs a row to draw). */
  wide = $derived(this.#width >= 1140);
  /** Where the list's content starts inside its scroller (its padding-top). */
  #inset = $state(16);
  get inset(): number { return this.#inset; }
  /** Rows that must stay drawn wherever they are: the Tab stop, the open menu's row, the revealed row. */
  keep = $derived.by((): ReadonlySet<string> => {
    // Built here and handed over whole, never mutated after.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const keep = new Set<string>();
    for (const id of this.#kept()) if (id) keep.add(id);
    return keep;
  });
  #kept: () => Iterable<string | null | undefined>;
  #tokens: TokenStore;
  // Heights as measured, by item key; `#version` tells the layout they moved.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #measured = new Map<string, number>();
  #version = $state(0);
  #typical = $state({ ...DEFAULT_HEIGHTS });
  #observer: ResizeObserver | null = null;
  // The last two spec lists and layouts (memos read and written only by their derivations): typing a
  // search and clearing it alternates between two, and the unfiltered one is 10,000 rows to lay out.
  #specsSeen: Array<{ groups: readonly TokenGroup[]; expanded: string; specs: GroupSpec[] }> = [];
  #layoutsSeen: Array<{ specs: GroupSpec[]; version: number; layout: Layout }> = [];
  // Slots of the last draw (a memo read and written only by #reuse): group sections by group key,
  // rows by list (group slot and live/history), then by row key.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #groupSlots = new Map<string, number>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #rowSlots = new Map<string, Map<string, number>>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #observed = new Map<Element, { key: string; kind: MeasureKind }>();

  /** `kept`: the rows to keep drawn besides the Tab stop (read reactively, like a derivation). */
  constructor(tokens: TokenStore, kept: () => Iterable<string | null | undefined> = () => []) {
    this.#tokens = tokens;
    this.#kept = () => [tokens.tabStop, ...kept()];
  }

  specs = $derived.by((): GroupSpec[] => {
    const groups = this.#tokens.groups;
    const open = this.#tokens.historyOpen;
    const expanded = groups.map((g) => (open[g.accountId] === true ? '1' : '0')).join('');
    const hit = this.#specsSeen.find((e) => e.groups === groups && e.expanded === expanded);
    if (hit) return hit.specs;
    const specs = groups.map((g) => ({
      key: g.accountId,
      live: { keys: g.tokens.map((t) => t.id) },
      empty: g.tokens.length === 0,
      history: { keys: g.history.map((t) => t.id) },
      expanded: open[g.accountId] === true,
    }));
    this.#specsSeen = [{ groups, expanded, specs }, ...this.#specsSeen].slice(0, 2);
    return specs;
  });

  layout = $derived.by((): Layout => {
    const version = this.#version;
    const specs = this.specs;
    const hit = this.#layoutsSeen.find((e) => e.specs === specs && e.version === version);
    if (hit) return hit.layout;
    const layout = layoutOf(specs, { ...this.#typical, measured: this.#measured });
    this.#layoutsSeen = [{ specs, version, layout }, ...this.#layoutsSeen].slice(0, 2);
    return layout;
  });

  drawn = $derived.by((): Drawn => {
    const top = this.scrollTop - this.#inset;
    const height = this.#viewport > 0 ? this.#viewport : FALLBACK_VIEWPORT_PX;
    const drawn = drawnFor(this.layout, top - OVERSCAN_PX, top + height + OVERSCAN_PX, this.keep);
    this.#reuse(drawn);
    return drawn;
  });

  /**
   * Carries group sections and rows over from the last draw (their `slot`s, which the list keys them
   * by): what stays keeps its component, what arrives takes over the component of something that
   * left (a search, a scroll), so a redraw updates a few rows in place instead of destroying some and
   * building others. What holds focus or is kept is never handed over: it is destroyed as before,
   * so focus never silently lands on another token's row or another account's buttons.
   */
  #reuse(drawn: Drawn): void {
    const focused = this.#tokens.focusedRow;
    const active = typeof document === 'undefined' ? null : document.activeElement;
    const focusGroup = active?.closest('[data-group]')?.getAttribute('data-group') ?? null;
    const focusRow = active?.closest('[data-token]')?.getAttribute('data-token') ?? null;
    const pinRow = (key: string): boolean => key === focused || key === focusRow || this.keep.has(key);
    this.#groupSlots = assignSlots(
      this.#groupSlots,
      drawn.groups.map((g) => g.key),
      (key) => key === focusGroup,
    );
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const rowSlots = new Map<string, Map<string, number>>();
    const place = (list: string, items: DrawnItem[]): void => {
      const slots = assignSlots(
        this.#rowSlots.get(list),
        items.map((item) => item.key),
        pinRow,
      );
      for (const item of items) item.slot = slots.get(item.key)!;
      rowSlots.set(list, slots);
    };
    for (const g of drawn.groups) {
      g.slot = this.#groupSlots.get(g.key)!;
      place(`${g.slot}:live`, g.live.items);
      if (g.history) place(`${g.slot}:history`, g.history.items);
    }
    this.#rowSlots = rowSlots;
  }

  /** The rows actually on screen (no overscan): only their countdowns tick. */
  #onScreen = $derived.by((): ReadonlySet<string> => {
    const top = this.scrollTop - this.#inset;
    const height = this.#viewport > 0 ? this.#viewport : FALLBACK_VIEWPORT_PX;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const keys = new Set<string>();
    for (const g of drawnFor(this.layout, top, top + height).groups) {
      for (const item of g.live.items) keys.add(item.key);
      for (const item of g.history?.items ?? []) keys.add(item.key);
    }
    return keys;
  });

  onScreen(key: string): boolean {
    return this.#onScreen.has(key);
  }

  /** Where a row is, relative to the scroller's content (so it can be scrolled to before it is drawn). */
  positionOf(id: string): { top: number; height: number } | undefined {
    const at = offsetOf(this.layout, id);
    return at && { top: at.top + this.#inset, height: at.height };
  }

  /**
   * Reports an item's drawn height (one ResizeObserver for the whole list). A plain row's height is
   * the typical height of every row not drawn yet, so the estimates converge on the real ones.
   */
  measure(key: string, kind: MeasureKind): Attachment<HTMLElement> {
    return (el) => {
      if (typeof ResizeObserver === 'undefined') return;
      this.#observer ??= new ResizeObserver((entries) => this.#onResize(entries));
      this.#observed.set(el, { key, kind });
      this.#observer.observe(el);
      return () => {
        this.#observer?.unobserve(el);
        this.#observed.delete(el);
      };
    };
  }

  /** Follows the scroller's height (and where nothing lays out, as in jsdom, keeps the fallback). */
  readonly viewportOf: Attachment<HTMLElement> = (el) => {
    this.#viewport = el.clientHeight;
    this.#width = el.clientWidth;
    this.scrollTop = el.scrollTop;
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      this.#viewport = el.clientHeight;
      this.#width = el.clientWidth;
    });
    observer.observe(el);
    return () => observer.disconnect();
  };

  #onResize(entries: ResizeObserverEntry[]): void {
    let changed = false;
    for (const entry of entries) {
      const item = this.#observed.get(entry.target);
      const size = entry.borderBoxSize[0]?.blockSize;
      if (!item || size === undefined || size === 0) continue;
      const typicalKey = item.kind === 'row-extra' ? null : item.kind;
      if (typicalKey && Math.abs(this.#typical[typicalKey] - size) > 0.5) {
        this.#typical[typicalKey] = size;
        changed = true;
      }
      const before = this.#measured.get(item.key);
      if (typicalKey === 'row') {
        // A plain row is as tall as the typical row: no entry of its own, keeping the map small.
        if (before !== undefined) {
          this.#measured.delete(item.key);
          changed = true;
        }
      } else if (before === undefined || Math.abs(before - size) > 0.5) {
        this.#measured.set(item.key, size);
        changed = true;
      }
    }
    if (changed) this.#version++;
  }

  dispose(): void {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#observed.clear();
  }
}
