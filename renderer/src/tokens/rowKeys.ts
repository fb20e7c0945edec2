import { tick } from 'svelte';
import type { Attachment } from 'svelte/attachments';

/** A token row; its data-token holds the token id (TokenRow sets both). */
const ROW = 'li[data-token]';
/** The control that stands for its row: the Copy button, while the token can be copied. */
const PRIMARY = '[data-primary]:not(:disabled)';

export interface RowKeyHandlers {
  /** Focus entered a row (arrow keys, Tab or a click): it becomes the list's one Tab stop. */
  focused(tokenId: string): void;
  /** Enter on a row's primary control (or on a row that has none left). */
  enter(tokenId: string): void;
  /** ArrowUp on the first row: focus leaves the list upwards (to the search box). */
  above?(): void;
  /**
   * For a windowed list, where most rows are not in the DOM: every row id in reading order, and a way
   * to have one drawn before it is focused. Without them the rows in the DOM are the list.
   */
  order?(): readonly string[];
  show?(tokenId: string): Promise<HTMLElement | null>;
}

/**
 * Where focus lands in a row: its Copy button, or, when the token is revoked or expired and every
 * button is disabled, the row itself, so that arrow keys still visit (and screen readers still read)
 * every token.
 */
export function rowTarget(row: HTMLElement): HTMLElement {
  return row.querySelector<HTMLElement>(PRIMARY) ?? row;
}

/** Focuses a row's target; false when there is no such row. */
export function focusRow(row: HTMLElement | null | undefined): boolean {
  if (!row) return false;
  rowTarget(row).focus();
  return true;
}

/** The rows of a list, in the order they are read (across every account group). */
export function rowsOf(list: ParentNode): HTMLElement[] {
  return [...list.querySelectorAll<HTMLElement>(ROW)];
}

/** The row a movement key goes to from row `i` of `n`, or undefined (at an edge: stay). */
function nextIndex(key: string, i: number, n: number): number | undefined {
  switch (key) {
    case 'ArrowDown':
      return i + 1 < n ? i + 1 : undefined;
    case 'ArrowUp':
      return i > 0 ? i - 1 : undefined;
    case 'Home':
      return 0;
    case 'End':
      return n - 1;
    default:
      return undefined;
  }
}

const MOVES = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End']);

/**
 * Keyboard movement over the token rows of one list, as one listener on the list (not one per row):
 * Up/Down to the previous/next row, Home/End to the first/last, across account groups; Enter on a
 * row's primary control. Keys typed into a field inside a row (the revealed value) are left alone.
 */
export function rowKeys(handlers: RowKeyHandlers): Attachment<HTMLElement> {
  return (list) => {
    const onfocusin = (e: FocusEvent): void => {
      const row = (e.target as Element).closest<HTMLElement>(ROW);
      if (row?.dataset['token']) handlers.focused(row.dataset['token']);
    };
    const onkeydown = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const target = e.target as HTMLElement;
      const row = target.closest<HTMLElement>(ROW);
      if (!row?.dataset['token'] || target.closest('input, textarea, select, [contenteditable="true"]')) return;
      if (e.key === 'Enter') {
        if (target !== rowTarget(row)) return; // Enter on Reveal or Revoke does what that button says
        e.preventDefault();
        handlers.enter(row.dataset['token']);
        return;
      }
      if (!MOVES.has(e.key)) return;
      e.preventDefault(); // the scroll container would scroll instead
      if (handlers.order && handlers.show) {
        const ids = handlers.order();
        const i = ids.indexOf(row.dataset['token']);
        if (e.key === 'ArrowUp' && i === 0) handlers.above?.();
        else {
          const next = ids[nextIndex(e.key, i, ids.length) ?? -1];
          if (next !== undefined) void handlers.show(next).then(focusRow);
        }
        return;
      }
      const rows = rowsOf(list);
      const i = rows.indexOf(row);
      if (e.key === 'ArrowUp' && i === 0) handlers.above?.();
      else focusRow(rows[nextIndex(e.key, i, rows.length) ?? -1]);
    };
    list.addEventListener('focusin', onfocusin);
    list.addEventListener('keydown', onkeydown);
    return () => {
      list.removeEventListener('focusin', onfocusin);
      list.removeEventListener('keydown', onkeydown);
    };
  };
}

/** Focus has nowhere sensible left: on nothing, or on a control of `row` that is disabled or no longer its target. */
function lostIn(row: HTMLElement): boolean {
  const active = document.activeElement as HTMLElement | null;
  if (!active || active === document.body) return true;
  if (!row.contains(active)) return false;
  return (active as HTMLButtonElement).disabled === true || (active === row && rowTarget(row) !== row);
}

/**
 * Runs a change that disables the controls of a row with focus in it (a revoke: the buttons go
 * disabled while it runs, the row may end revoked). Focus stays in the row, on whatever stands for it
 * now, instead of dropping to the page where arrow keys do nothing. Focus the user moved elsewhere
 * meanwhile is left where it is.
 */
export async function keepingRowFocus(row: HTMLElement | null, change: () => Promise<unknown>): Promise<void> {
  const had = row !== null && row.contains(document.activeElement);
  const id = row?.id;
  const settle = async (): Promise<void> => {
    await tick();
    // A revoked row moves into its account's history (a new element): follow it there by id.
    const now = row?.isConnected ? row : id ? document.getElementById(id) : null;
    if (had && now && lostIn(now)) focusRow(now);
  };
  const done = change();
  await settle(); // at once: the row shows "Revoking…" and its buttons are disabled
  await done;
  await settle(); // when main answers: revoked (the row holds focus) or failed (Copy is back)
}
