import type { Clock } from '../../clock.js';
import { AppError, isAppError } from '../../errors.js';
import type { HttpClient } from '../../http/httpTypes.js';
import type { OceanConfig, OceanSecrets } from '../../vault/vaultRecords.js';
import { normalizeBaseUrl } from '../baseUrl.js';
import { KeyedMutex } from '../keyedMutex.js';
import type { ExpirationLedger, MintedToken, MintRequest, Provider, RevokeOutcome, RevokeRequest, SigningPreview } from '../types.js';
import { createFlavourDetector } from './detectFlavour.js';
import { DEFAULT_OCEAN_LIFETIME_MS, type OceanFlavour, type OceanFlavourName } from './oceanFlavour.js';
import { createOceanNodeFlavour } from './oceanNodeFlavour.js';
import { walletFor } from './oceanSigning.js';
import { createPythonProviderFlavour } from './pythonProviderFlavour.js';

export interface OceanProviderDeps {
  http: HttpClient;
  clock: Clock;
  /** Expiration seconds already used per (provider URL, address); persisted by the token service. */
  ledger: ExpirationLedger;
}

/**
 * Ocean auth tokens for both dialects (ocean-provider.md): the flavour comes from the account
 * (stored after the first successful mint) or is detected from `GET {base}/` and cached, and every preview, mint and revoke for one
 * (provider URL, address) runs strictly one after another.
 */
export function createOceanProvider(deps: OceanProviderDeps): Provider {
  const flavours: Record<OceanFlavourName, OceanFlavour> = {
    provider: createPythonProviderFlavour(deps),
    node: createOceanNodeFlavour(deps),
  };
  const detector = createFlavourDetector(deps.http, deps.clock);
  const mutex = new KeyedMutex();

  /**
   * What this process detected last, else what the account last confirmed (the token service stores
   * the flavour of every successful mint), else ask `GET {base}/`. A stored flavour needs no home
   * page: a restart while it is down still mints.
   */
  async function flavourFor(config: OceanConfig, base: string, signal: AbortSignal | undefined): Promise<OceanFlavourName> {
    return detector.known(base) ?? (config.flavour === 'auto' ? detector.detect(base, signal) : config.flavour);
  }

  /**
   * A mint refused as a bad request may mean the server changed kind since the flavour was learnt
   * (its auth routes are not the other kind's): ask the home page again. Another kind is
   * PROVIDER_CHANGED (the approved signature was for the old kind, so the user previews again, and
   * the next preview uses the new kind); the same kind, or no answer, leaves the original error.
   */
  async function explainMintFailure(e: unknown, base: string, used: OceanFlavourName, signal: AbortSignal | undefined): Promise<unknown> {
    if (!isAppError(e) || e.code !== 'BAD_REQUEST') return e;
    let now: OceanFlavourName;
    try {
      now = await detector.detect(base, signal, true);
    } catch {
      return e;
    }
    if (now === used) return e;
    const host = hostOf(base);
    return new AppError(
      'PROVIDER_CHANGED',
      `The server at ${host} is now ${FLAVOUR_NAMES[now]}; it was ${FLAVOUR_NAMES[used]} when this account last used it, so the request was signed the old way and refused. Preview again: Token Vault now signs for ${FLAVOUR_NAMES[now]}.`,
    );
  }

  /** Preview while already holding the lock (mint without an approved preview builds its own). */
  async function previewLocked(config: OceanConfig, base: string, address: string, req: MintRequest): Promise<SigningPreview> {
    const flavour = await flavourFor(config, base, req.signal);
    const expiresAt = req.expiresAt ?? deps.clock.now() + DEFAULT_OCEAN_LIFETIME_MS;
    return flavours[flavour].preview({ base, address, expiresAt, signal: req.signal });
  }

  return {
    kind: 'ocean',

    async previewMint(req: MintRequest): Promise<SigningPreview> {
      const { config, secrets } = oceanParts(req);
      const base = normalizeBaseUrl(config.providerUrl);
      const wallet = walletFor(config, secrets);
      return mutex.run(`${base}|${wallet.address}`, () => previewLocked(config, base, wallet.address, req));
    },

    async mint(req: MintRequest): Promise<MintedToken> {
      const { config, secrets } = oceanParts(req);
      const base = normalizeBaseUrl(config.providerUrl);
      const wallet = walletFor(config, secrets);
      return mutex.run(`${base}|${wallet.address}`, async () => {
        const preview = req.approved ?? (await previewLocked(config, base, wallet.address, req));
        const flavour = await flavourFor(config, base, req.signal);
        if (preview.flavour !== flavour) {
          throw new AppError('BAD_ARGUMENT', 'The approved signing request was made for another kind of server. Preview again.');
        }
        try {
          return await flavours[flavour].mint({ base, wallet, preview, signal: req.signal });
        } catch (e) {
          throw await explainMintFailure(e, base, flavour, req.signal);
        }
      });
    },

    async revoke(req: RevokeRequest): Promise<RevokeOutcome> {
      const { config, secrets } = oceanParts(req);
      const { token } = req;
      if (token.kind !== 'ocean-provider' && token.kind !== 'ocean-node') {
        throw new AppError('BAD_ARGUMENT', 'That token does not belong to an Ocean account.');
      }
      // Revoke where the token was minted, even if the account's URL changed since.
      const base = normalizeBaseUrl(token.meta?.['providerUrl'] ?? config.providerUrl);
      const flavour: OceanFlavourName = token.kind === 'ocean-provider' ? 'provider' : 'node';
      const wallet = walletFor(config, secrets);
      return mutex.run(`${base}|${wallet.address}`, () => flavours[flavour].revoke({ base, wallet, token, signal: req.signal }));
    },
  };
}

const FLAVOUR_NAMES: Record<OceanFlavourName, string> = { provider: 'an Ocean Provider', node: 'an Ocean Node' };

function hostOf(base: string): string {
  try {
    return new URL(base).host;
  }
  // Stryker disable next-line BlockStatement: unreachable, the one caller has just fetched `${base}/`, and that parses only if `base` does
  catch {
    // Stryker disable next-line StringLiteral: unreachable, as the catch above
    return 'this URL';
  }
}

function oceanParts(req: { config: MintRequest['config']; secrets: MintRequest['secrets'] }): { config: OceanConfig; secrets: OceanSecrets } {
  if (req.config.kind !== 'ocean' || req.secrets.kind !== 'ocean') throw new AppError('BAD_ARGUMENT', 'That account is not an Ocean account.');
  return { config: req.config, secrets: req.secrets };
}
