import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import type { HttpClient } from '../../http/httpTypes.js';
import { rateLimitResetAt } from '../../http/rateLimitReset.js';
import { providerRequest } from '../providerRequest.js';
import type { OceanFlavourName } from './oceanFlavour.js';

export interface FlavourDetector {
  /** The flavour at `base`, from this process's cache unless `fresh`. */
  detect(base: string, signal?: AbortSignal, fresh?: boolean): Promise<OceanFlavourName>;
  /** What this process last detected at `base`, without asking. */
  known(base: string): OceanFlavourName | undefined;
}

/**
 * Tells the two Ocean dialects apart from `GET {base}/`: its JSON `software` field is "Provider" or
 * "Ocean-Node". Answers are cached per base URL for the life of the process; the account keeps the
 * last confirmed one (OceanConfig.flavour), so a restart does not need the home page.
 */
export function createFlavourDetector(http: HttpClient, clock: Clock): FlavourDetector {
  const cache = new Map<string, OceanFlavourName>();
  const detect = async (base: string, signal?: AbortSignal, fresh = false): Promise<OceanFlavourName> => {
    const cached = fresh ? undefined : cache.get(base);
    if (cached) return cached;
    const res = await http.request(providerRequest('GET', base, '/', { signal }));
    if (res.status === 429) {
      const retryAt = rateLimitResetAt(res.headers, clock.now());
      throw new AppError('RATE_LIMITED', `${res.host} is limiting requests. Try again in a minute.`, retryAt === undefined ? {} : { retryAt });
    }
    if (res.status >= 500) {
      throw new AppError('SERVER_ERROR', `${res.host} had a server problem (HTTP ${res.status}) while Token Vault checked what it is. Try again in a minute.`);
    }
    let software: unknown;
    try {
      const body = res.json();
      // Stryker disable next-line LogicalOperator: equivalent, a primitive has no `software` and null['software'] throws into the catch below, undefined either way
      software = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['software'] : undefined;
    }
    // Stryker disable next-line BlockStatement: equivalent, `software` is still undefined when res.json() or the read above throws
    catch {
      software = undefined;
    }
    const flavour = typeof software === 'string' ? flavourOf(software) : undefined;
    if (!flavour || res.status !== 200) {
      throw new AppError(
        'UNSUPPORTED_PROVIDER',
        `${res.host} does not look like an Ocean Provider or Ocean Node (its home page does not say so). Check the provider URL.`,
      );
    }
    cache.set(base, flavour);
    return flavour;
  };
  return { detect, known: (base) => cache.get(base) };
}

function flavourOf(software: string): OceanFlavourName | undefined {
  if (/^provider$/i.test(software.trim())) return 'provider';
  if (/^ocean[- ]?node$/i.test(software.trim())) return 'node';
  return undefined;
}
