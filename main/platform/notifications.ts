/**
 * Desktop notifications: expiry alerts from the token service, and short notices (tray failures,
 * "new token copied"). Clicking an expiry alert shows the window on that token. Texts are built
 * by pure functions and hold labels and times only, never a token value or a preview.
 */
import type { NativeImage, Notification } from 'electron';
import type { TokenKind, TokenView } from '../../preload/contract.js';
import { formatRemaining } from '../../preload/contract.js';

/** What a desktop notice says (expiry alerts, failing renewals, a tray action's failure). */
export interface NoticeText {
  title: string;
  body: string;
}

export const KIND_LABELS: Record<TokenKind, string> = {
  'azion-session': 'Azion session token',
  'azion-personal': 'Azion personal token',
  'ocean-provider': 'Ocean Provider token',
  'ocean-node': 'Ocean Node token',
};

export function expiryAlertText(view: Pick<TokenView, 'accountLabel' | 'kind'> | undefined, expiresAt: number, now: number): NoticeText {
  const who = view ? `${view.accountLabel} token` : 'A token';
  const title = expiresAt > now ? `${who} expires in ${formatRemaining(expiresAt - now, { seconds: false })}` : `${who} has expired`;
  const body = `${view ? `${KIND_LABELS[view.kind]}. ` : ''}Click to show it in Token Vault.`;
  return { title, body };
}

/** A failing auto-renew: who, why, and that it keeps trying. Labels and times only, like every notice. */
export function renewalFailingText(alert: { accountLabel: string; message: string; nextAttemptAt: number }, now: number): NoticeText {
  const next = alert.nextAttemptAt > now ? `next try in ${formatRemaining(alert.nextAttemptAt - now, { seconds: false })}` : 'trying again now';
  return { title: `Auto-renew failing for ${alert.accountLabel}`, body: `${alert.message} Token Vault keeps trying (${next}). Click to show it.` };
}

export interface Notifier {
  /** Shows an expiry alert; clicking it calls onClickToken with the token's id. */
  expiryAlert(alert: { tokenId: string; expiresAt: number }, view: TokenView | undefined, now: number): void;
  /** Auto-renew keeps failing for this token; clicking shows it. */
  renewalFailing(alert: { tokenId: string; accountLabel: string; message: string; nextAttemptAt: number }, now: number): void;
  notice(text: NoticeText): void;
  /** Notifications still held for a click (see below). */
  held(): number;
}

export interface NotifierOptions {
  onClickToken(tokenId: string): void;
  /** Clicking a plain notice shows the window. */
  onClickNotice(): void;
  icon?: NativeImage | string;
}

export function createNotifier(NotificationClass: typeof Notification, opts: NotifierOptions): Notifier {
  // A notification that is only referenced by the OS can be garbage-collected, and its click
  // handler with it; hold each one until it is clicked or closed.
  const live = new Set<Notification>();
  const show = (options: { id?: string; title: string; body: string }, onClick: () => void): void => {
    if (!NotificationClass.isSupported()) return; // Settings says so (capabilities.ts).
    const n = new NotificationClass({ ...options, ...(opts.icon ? { icon: opts.icon } : {}) });
    live.add(n);
    n.on('click', () => {
      live.delete(n);
      onClick();
    });
    n.on('close', () => live.delete(n));
    n.show();
  };
  return {
    expiryAlert(alert, view, now) {
      const text = expiryAlertText(view, alert.expiresAt, now);
      show({ id: `expiry-${alert.tokenId}`, ...text }, () => opts.onClickToken(alert.tokenId));
    },
    renewalFailing(alert, now) {
      show({ id: `renewal-${alert.tokenId}`, ...renewalFailingText(alert, now) }, () => opts.onClickToken(alert.tokenId));
    },
    notice(text) {
      show(text, opts.onClickNotice);
    },
    held: () => live.size,
  };
}
