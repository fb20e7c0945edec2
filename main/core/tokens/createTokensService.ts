import type { RevokeAllResult } from '../../../preload/contract.js';
import type { TokensService } from '../services.js';
import { check } from './actions/check.js';
import { checkAccount } from './actions/checkAccount.js';
import { clearHistory } from './actions/clearHistory.js';
import { copy } from './actions/copy.js';
import { list } from './actions/list.js';
import { mint } from './actions/mint.js';
import { previewMint } from './actions/previewMint.js';
import { reveal } from './actions/reveal.js';
import { revoke } from './actions/revoke.js';
import { revokeAll } from './actions/revokeAll.js';
import { revokeAccountTokens } from './revokeAccountTokens.js';
import { TokenRuntime } from './TokenRuntime.js';
import { TokenScheduler } from './TokenScheduler.js';
import type { TokensServiceDeps } from './TokensServiceDeps.js';

export type { TokensServiceDeps } from './TokensServiceDeps.js';

/** The TokensService the IPC handlers call (core/services.ts), plus what main drives. */
export interface MainTokensService extends TokensService {
  /**
   * Re-decides every schedule from the clock and re-emits the list. Main calls it after resume or a
   * clock change, after a settings change, and after an account change (auto-renew toggled, account
   * and its tokens removed).
   */
  reevaluate(): void;
  /** Resolves when no background work (renewals, revokes, retention, alerts) is in flight. */
  settled(): Promise<void>;
  /**
   * Revokes an account's live tokens WITHOUT asking: only for a caller that has just asked the person
   * itself (main's remove-account dialog). Never reachable from the window (no channel calls it).
   */
  revokeLiveConfirmed(accountId: string): Promise<RevokeAllResult>;
  /** Clears the clipboard if it still holds what we copied (lock, quit); true if it did. */
  clearClipboard(): Promise<boolean>;
  /** On quit: clear the clipboard if it still holds our value, stop the timer, stop listening. */
  dispose(): Promise<void>;
}

/**
 * The token service: one runtime (ports and the session's private state) and a table handing each
 * method to its operation in actions/, one file each (the shape of viem's actions and decorators).
 */
export function createTokensService(deps: TokensServiceDeps): MainTokensService {
  const runtime = new TokenRuntime(deps, (rt, clipboard) => new TokenScheduler(rt, clipboard));
  runtime.start();
  return {
    list: () => list(runtime),
    previewMint: (accountId, options) => previewMint(runtime, accountId, options),
    mint: (accountId, options) => mint(runtime, accountId, options),
    revoke: (tokenId) => revoke(runtime, tokenId),
    revokeAll: (accountId) => revokeAll(runtime, accountId),
    revokeLiveConfirmed: (accountId) => revokeAccountTokens(runtime, accountId),
    checkAccount: (accountId) => checkAccount(runtime, accountId),
    clearHistory: (accountId) => clearHistory(runtime, accountId),
    copy: (tokenId, format) => copy(runtime, tokenId, format),
    reveal: (tokenId) => reveal(runtime, tokenId),
    check: (tokenId) => check(runtime, tokenId),
    reevaluate: () => runtime.reevaluate(),
    settled: () => runtime.settled(),
    clearClipboard: () => runtime.clearClipboard(),
    dispose: () => runtime.dispose(),
  };
}
