import { AppError } from './core/errors.js';
import type { Services } from './serviceTypes.js';
import type { Clock } from './core/clock.js';
import type { Logger } from './core/log.js';
import { Redactor } from './core/redact.js';
import { VaultLocation } from './core/vault/VaultLocation.js';

/** Everything the outside world gives the app; Electron's main and the e2e harness each supply their own. */
export interface ServiceDeps {
  /** Where the vault and its backups live (Electron: app.getPath('userData')). */
  dataDir: string;
  clock: Clock;
  logger: Logger;
  redactor: Redactor;
}

export type { Services } from './serviceTypes.js';

/** The composition of the core services, shared by the Electron app and the e2e harness. */
export function createServices(deps: ServiceDeps): Services {
  const location = new VaultLocation(deps.dataDir);
  // Until the vault lands, every other call answers as an empty, uninitialized vault would.
  const uninitialized = async (): Promise<never> => {
    throw new AppError('UNINITIALIZED');
  };
  return {
    vault: {
      status: async () => ((await location.exists()) ? 'locked' : 'uninitialized'),
      create: uninitialized,
      unlock: uninitialized,
      unlockWithKeychain: uninitialized,
      lock: uninitialized,
      changePassword: uninitialized,
      backups: uninitialized,
      restoreBackup: uninitialized,
    },
    settings: { view: uninitialized, update: uninitialized },
    accounts: { list: uninitialized, add: uninitialized, update: uninitialized, remove: uninitialized },
    tokens: {
      list: uninitialized,
      previewMint: uninitialized,
      mint: uninitialized,
      revoke: uninitialized,
      revokeAll: uninitialized,
      copy: uninitialized,
      reveal: uninitialized,
      check: uninitialized,
    },
    audit: { page: uninitialized },
  };
}
