/**
 * What each tray entry does, against injected ports (the token service, the vault, the window), so
 * it is tested without Electron. A menu click has nowhere to show an error, so failures become a
 * notification with the error's user-facing message (AppError messages never hold secrets; any
 * other error is reduced to the generic INTERNAL text).
 */
import type { AppEvent } from '../../preload/contract.js';
import { toErrorData } from '../core/errors.js';
import type { TokensService } from '../core/services.js';
import type { NoticeText } from '../platform/notifications.js';
import type { TrayAction } from './trayModel.js';

export type { NoticeText } from '../platform/notifications.js';

export interface TrayActionDeps {
  tokens: Pick<TokensService, 'copy' | 'revoke' | 'mint'>;
  lock(): Promise<void>;
  /** Shows (creating if needed), restores and focuses the window. */
  showWindow(): void;
  /** Sends an event to the renderer. */
  send(event: AppEvent): void;
  notify(text: NoticeText): void;
  quit(): void;
}

export function createTrayActionHandler(deps: TrayActionDeps): (action: TrayAction) => Promise<void> {
  const attempt = async (failTitle: string, work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (e) {
      deps.notify({ title: failTitle, body: toErrorData(e).message });
    }
  };

  return async (action) => {
    switch (action.kind) {
      case 'copy':
        return attempt('Could not copy the token', async () => {
          await deps.tokens.copy(action.tokenId, action.format);
        });
      case 'revoke':
        return attempt('Could not revoke the token', async () => {
          await deps.tokens.revoke(action.tokenId);
        });
      case 'mint':
        if (action.needsApproval) {
          // Ocean signs a message the user must see first: the approval preview lives in the window.
          deps.showWindow();
          deps.send({ type: 'start-mint', accountId: action.accountId });
          return;
        }
        return attempt('Could not mint a token', async () => {
          const view = await deps.tokens.mint(action.accountId, {});
          // The user asked the quick-copy menu for a token: put it where they will paste it.
          const copied = await deps.tokens.copy(view.id);
          const clears = copied.clearsAt === null ? '' : ' It is cleared from the clipboard shortly.';
          deps.notify({ title: 'New token copied', body: `A new ${view.accountLabel} token is on the clipboard.${clears}` });
        });
      case 'lock':
        return attempt('Could not lock the vault', deps.lock);
      case 'unlock':
      case 'open':
        deps.showWindow();
        return;
      case 'more':
        deps.showWindow();
        deps.send({ type: 'navigate', screen: 'tokens' });
        return;
      case 'quit':
        deps.quit();
        return;
    }
  };
}
