import { untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';
import type { TokenState, TokenView } from '../../../preload/contract';
import type { Clock } from './clock.svelte.js';
import { formatAgo, formatRemaining, lifeLeft } from './format.js';

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
    const prefix = document.createElement('span');
    prefix.className = 'visually-hidden';
    const text = document.createTextNode('');
    time.replaceChildren(prefix, text);
    let shown: CountdownView | null = null;
    const draw = (now: number): void => {
      const next = countdownView(token, state, now);
      if (next.prefix !== shown?.prefix) prefix.textContent = next.prefix;
      if (next.text !== shown?.text) text.nodeValue = ` ${next.text}`;
      if (next.life !== shown?.life) fill.style.transform = `scaleX(${next.life})`;
      shown = next;
    };
    // Read once, untracked: the attachment must not re-run on every tick.
    draw(untrack(() => clock.now));
    return live ? clock.onTick(draw) : undefined;
  };
}
