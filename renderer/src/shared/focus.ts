/**
 * Where keyboard focus goes when what held it goes away: the one place that decides, so no dialog
 * close, swapped view or removed row leaves focus on the page itself (<body>), where the next Tab
 * starts again from the top of the window.
 */

/** The attribute a screen's heading carries (with tabindex="-1"): where focus lands when nothing better is left. */
export const SCREEN_HEADING = 'data-screen-heading';

function canTakeFocus(el: Element | null): el is HTMLElement {
  return (
    el instanceof HTMLElement &&
    el.isConnected &&
    !el.matches(':disabled, [inert] *') &&
    // checkVisibility is missing in jsdom (component tests): there everything drawn counts as visible.
    (typeof el.checkVisibility !== 'function' || el.checkVisibility())
  );
}

/** Focus lost: on <body> (or nowhere), not on something a person or a component chose. */
function focusLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || !active.isConnected;
}

/**
 * Where focus starts in a dialog, when it opens and when its content is swapped: what it marks
 * data-autofocus (a confirmation's safe choice, the next step's control), else its first field (a
 * text field before a choice; of radios the chosen one), else its title.
 */
export function dialogStart(dialog: HTMLElement): HTMLElement | null {
  return (
    dialog.querySelector<HTMLElement>('[data-autofocus]:not(:disabled)') ??
    dialog.querySelector<HTMLElement>('.body :is(input:not([type="hidden"], [type="radio"], [type="checkbox"]), textarea, select):not(:disabled)') ??
    dialog.querySelector<HTMLElement>('.body :is(input[type="radio"]:checked, input:not([type="hidden"], [type="radio"])):not(:disabled)') ??
    dialog.querySelector<HTMLElement>('h2[tabindex="-1"]')
  );
}

/** The open modal dialog's start, else the current screen's heading. */
function fallback(): HTMLElement | null {
  const dialog = document.querySelector<HTMLDialogElement>('dialog[open]');
  if (dialog) return dialogStart(dialog);
  return document.querySelector<HTMLElement>(`[${SCREEN_HEADING}]`);
}

/**
 * Gives focus back after a dialog or a view closes: to `opener` (what had focus before it opened)
 * while it is still drawn and enabled, else to the screen's heading. Does nothing when focus already
 * went somewhere on purpose (the view that replaced it took it).
 */
export function restoreFocus(opener: Element | null): void {
  if (!focusLost()) return;
  if (canTakeFocus(opener)) {
    opener.focus();
    if (document.activeElement === opener) return;
  }
  fallback()?.focus({ preventScroll: true });
}

/** An attachment: focuses its element once, when drawn (content that replaces what had focus). */
export function focusOnMount(el: HTMLElement): void {
  el.focus();
}

/**
 * An attachment for the window's root: when the element holding focus is removed (a view swapped,
 * the opener of a closed dialog replaced, a screen changed by a shortcut), focus moves to the open
 * dialog's start or the screen's heading instead of falling to <body>. Chromium reports a removed
 * element's focus loss as a focusout; the check waits for the next task, until the update that
 * removed it and whatever then moves focus on purpose (a dialog giving focus back, a revoked row
 * keeping it: rowKeys.ts) are done, so it only ever catches what nothing else placed. Focus a person
 * put on <body> by clicking empty space is left alone: only an element that left the document counts.
 */
export function keepFocus(root: HTMLElement): () => void {
  const onfocusout = (e: FocusEvent): void => {
    const from = e.target as Element;
    if (e.relatedTarget) return;
    setTimeout(() => {
      if (!from.isConnected && focusLost()) fallback()?.focus({ preventScroll: true });
    }, 0);
  };
  root.addEventListener('focusout', onfocusout);
  return () => root.removeEventListener('focusout', onfocusout);
}
