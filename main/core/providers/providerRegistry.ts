import type { Clock } from '../clock.js';
import type { HttpClient } from '../http/httpTypes.js';
import type { Sleep } from '../http/sleep.js';
import type { RateLimitPolicy } from './azion/azionCall.js';
import { createAzionProvider } from './azion/azionProvider.js';
import { createOceanProvider } from './ocean/oceanProvider.js';
import type { ExpirationLedger, Provider, ProviderKind } from './types.js';

export interface ProviderRegistryDeps {
  http: HttpClient;
  clock: Clock;
  ledger: ExpirationLedger;
  sleep?: Sleep;
  rateLimit?: RateLimitPolicy;
}

export type ProviderRegistry = (kind: ProviderKind) => Provider;

/** One provider per kind, built once; adding a provider touches this table, its module and the union. */
export function createProviderRegistry(deps: ProviderRegistryDeps): ProviderRegistry {
  const providers: Record<ProviderKind, Provider> = {
    azion: createAzionProvider({
      http: deps.http,
      clock: deps.clock,
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
      ...(deps.rateLimit ? { rateLimit: deps.rateLimit } : {}),
    }),
    ocean: createOceanProvider({ http: deps.http, clock: deps.clock, ledger: deps.ledger }),
  };
  return (kind) => providers[kind];
}
