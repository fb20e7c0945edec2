/**
 * Keeps the tray menu in step with the app: holds the latest views, accounts, lock state and alert
 * lead (all fed from AppEvents), rebuilds the model when they change, and runs ONE timer, from the
 * injected clock, for the moments the model changes by itself (nextTrayRefreshAt: at most once a
 * wall-clock minute, plus a token turning "expiring" or expiring).
 *
 * Why not every second: every setContextMenu re-exports the whole menu (over D-Bus on Linux, where
 * it also closes a menu the user has open), and the tray labels show minutes anyway. Renders that
 * would produce the same menu are skipped.
 */
import type { AccountView, AppEvent, TokenView } from '../../preload/contract.js';
import type { Clock } from '../core/clock.js';
import { buildTrayModel, nextTrayRefreshAt, type TrayItem } from './trayModel.js';

export interface TrayControllerOptions {
  clock: Clock;
  render(items: TrayItem[]): void;
  alertLeadMs: number;
  maxTokens?: number;
}

export interface TrayController {
  /** Feed every AppEvent main emits; the ones the tray cares about update it. */
  handleEvent(event: AppEvent): void;
  /** Re-evaluate now: after waking from sleep, when timers may have slept with the machine. */
  refresh(): void;
  /** The latest token views (for notification texts). */
  tokens(): readonly TokenView[];
  dispose(): void;
}

export function createTrayController(opts: TrayControllerOptions): TrayController {
  let locked = true;
  let views: readonly TokenView[] = [];
  let accounts: readonly AccountView[] = [];
  let alertLeadMs = opts.alertLeadMs;
  let lastRendered: string | null = null;
  let cancelTimer: (() => void) | null = null;
  let disposed = false;

  const update = (): void => {
    if (disposed) return;
    cancelTimer?.();
    cancelTimer = null;
    const now = opts.clock.now();
    const input = { views, accounts, now, locked, alertLeadMs, ...(opts.maxTokens === undefined ? {} : { maxTokens: opts.maxTokens }) };
    const model = buildTrayModel(input);
    const key = JSON.stringify(model);
    if (key !== lastRendered) {
      lastRendered = key;
      opts.render(model);
    }
    const next = nextTrayRefreshAt(input);
    if (next !== null) cancelTimer = opts.clock.setTimeout(update, next - now);
  };

  update();
  return {
    handleEvent(event) {
      switch (event.type) {
        case 'vault-status':
          locked = event.status !== 'unlocked';
          // Locking drops what the vault decrypted, and the menu forgets it too.
          if (locked) {
            views = [];
            accounts = [];
          }
          break;
        case 'tokens-changed':
          views = event.tokens;
          break;
        case 'accounts-changed':
          accounts = event.accounts;
          break;
        case 'settings-changed':
          alertLeadMs = event.view.settings.alertLeadMinutes * 60_000;
          break;
        default:
          return;
      }
      update();
    },
    refresh: update,
    tokens: () => views,
    dispose() {
      disposed = true;
      cancelTimer?.();
      cancelTimer = null;
    },
  };
}
