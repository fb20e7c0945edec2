import type { Handlers } from './register.js';
import type { Services } from '../core/services.js';

/** One line per channel: the handlers only translate calls into service methods. */
export function createHandlers(s: Services): Handlers {
  return {
    'vault:status': () => s.vault.status(),
    'vault:create': (password) => s.vault.create(password),
    'vault:unlock': (password) => s.vault.unlock(password),
    'vault:unlockWithKeychain': () => s.vault.unlockWithKeychain(),
    'vault:lock': () => s.vault.lock(),
    'vault:changePassword': (current, next) => s.vault.changePassword(current, next),
    'vault:backups': () => s.vault.backups(),
    'vault:restoreBackup': (id, password) => s.vault.restoreBackup(id, password),
    'settings:get': () => s.settings.view(),
    'settings:update': (patch, password) => s.settings.update(patch, password),
    'accounts:list': () => s.accounts.list(),
    'accounts:add': (input) => s.accounts.add(input),
    'accounts:update': (id, patch) => s.accounts.update(id, patch),
    'accounts:remove': (id) => s.accounts.remove(id),
    // A provider call, so the token service (which holds the providers) answers it.
    'accounts:check': (id) => s.tokens.checkAccount(id),
    'tokens:list': () => s.tokens.list(),
    'tokens:previewMint': (accountId, options) => s.tokens.previewMint(accountId, options),
    'tokens:mint': (accountId, options) => s.tokens.mint(accountId, options),
    'tokens:revoke': (id) => s.tokens.revoke(id),
    'tokens:revokeAll': (accountId) => s.tokens.revokeAll(accountId),
    'tokens:clearHistory': (accountId) => s.tokens.clearHistory(accountId),
    'tokens:copy': (id, format) => s.tokens.copy(id, format),
    'tokens:reveal': (id) => s.tokens.reveal(id),
    'tokens:check': (id) => s.tokens.check(id),
    'audit:page': (query) => s.audit.page(query),
    'agent:grants': () => s.agent.grants(),
    'agent:revokeGrant': (id) => s.agent.revokeGrant(id),
  };
}
