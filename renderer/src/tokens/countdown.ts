import { untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';
import type { TokenState, TokenView } from '../../../preload/contract';
import type { Clock } from '../shared/clock.svelte.js';
import { formatAgo, formatRemaining, lifeLeft } from '../shared/format.js';

/** What a row's countdown shows at `now`: the screen-reader prefix, the text and the bar's fill. */
export interface CountdownView {
  prefix: string;
  text: string;
  life: number;
}

export function countdownView(token: TokenView, state: TokenState, now: number): CountdownView {
  const remaining = token.expiresAt - now;
  return {
    prefix: remaining > 0 ? 'expires in' : '',
    text: state === 'revoked' ? '—' : remaining > 0 ? formatRemaining(remaining) : `expired ${formatAgo(-remaining)}`,
    life: state === 'revoked' ? 0 : lifeLeft(token.createdAt, token.expiresAt, now),
  };
}

/**
 * Draws a countdown into `el` (a `<time>` then a bar whose first child is the fill) and, while
 * `live`, keeps it current from the clock's tick listener: a tick writes the few text nodes that
 * changed and runs no reactive graph at all (at 10,000 tokens the graph, not the text, was the cost).
 * Re-attached, and so redrawn at once, when the token, its state or `live` change.
 */
export function countdown(clock: Clock, token: TokenView, state: TokenState, live: boolean): Attachment<HTMLElement> {
  return (el) => {
    const time = el.firstElementChild;
    const fill = el.lastElementChild?.firstElementChild;
    if (!(time instanceof HTMLElement) || !(fill instanceof HTMLElement)) return;
    const [prefix, text] = nodesIn(time);
    // What is in the DOM now: re-attached to the same row (another token, a new state), it writes
    // only what differs.
    let shown = { prefix: prefix.textContent, text: text.nodeValue, fill: fill.style.transform };
    const draw = (now: number): void => {
      const view = countdownView(token, state, now);
      const next = { prefix: view.prefix, text: ` ${view.text}`, fill: `scaleX(${view.life})` };
      if (next.prefix !== shown.prefix) prefix.textContent = next.prefix;
      if (next.text !== shown.text) text.nodeValue = next.text;
      if (next.fill !== shown.fill) fill.style.transform = next.fill;
      shown = next;
    };
    // Read once, untracked: the attachment must not re-run on every tick.
    draw(untrack(() => clock.now));
    return live ? clock.onTick(draw) : undefined;
  };
}

/** The screen-reader prefix and the text node of a countdown, made on first use and reused after. */
function nodesIn(time: HTMLElement): [HTMLSpanElement, Text] {
  const prefix = time.firstChild;
  const text = prefix?.nextSibling;
  if (prefix instanceof HTMLSpanElement && text instanceof Text) return [prefix, text];
  const made: [HTMLSpanElement, Text] = [document.createElement('span'), document.createTextNode('')];
  made[0].className = 'visually-hidden';
  time.replaceChildren(...made);
  return made;
}
