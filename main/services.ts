import type { VaultStatus } from '../preload/contract.js';
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

export interface Services {
  vault: { status(): Promise<VaultStatus> };
}

/** The composition of the core services, shared by the Electron app and the e2e harness. */
export function createServices(deps: ServiceDeps): Services {
  const location = new VaultLocation(deps.dataDir);
  return {
    vault: {
      async status() {
        return (await location.exists()) ? 'locked' : 'uninitialized';
      },
    },
  };
}
