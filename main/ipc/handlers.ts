import type { Handlers } from './register.js';
import type { Services } from '../services.js';

/** One line per channel: the handlers only translate calls into service methods. */
export function createHandlers(s: Services): Handlers {
  return {
    'vault:status': () => s.vault.status(),
  };
}
