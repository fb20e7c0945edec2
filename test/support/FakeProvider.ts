import type { Clock } from '../../main/core/clock.js';
import { AppError } from '../../main/core/errors.js';
import type {
  CheckOutcome,
  ExpirationLedger,
  MintedToken,
  MintRequest,
  Provider,
  ProviderKind,
  RevokeOutcome,
  RevokeRequest,
  SigningPreview,
} from '../../main/core/providers/types.js';

/** One scripted answer: a value, an error to throw, or a function (e.g. one that waits on a deferred). */
export type Step<Req, T> = T | Error | ((req: Req) => T | Promise<T>);

export interface FakeProviderOptions {
  clock: Clock;
  /** Ocean Python Provider behaviour: never mint an expiration second twice (the real provider's job). */
  ledger?: ExpirationLedger;
  /** Offer `check` (default true). */
  withCheck?: boolean;
}

/**
 * A Provider with scripted outcomes. Each call takes the next step of its script; with an empty
 * script it behaves like a healthy server: mint issues a fresh token of the account's kind, revoke
 * says 'revoked', check says 'valid' (or 'invalid' once revoked). Every request is recorded.
 */
export class FakeProvider implements Provider {
  readonly kind: ProviderKind;
  readonly script = {
    mint: [] as Step<MintRequest, MintedToken>[],
    revoke: [] as Step<RevokeRequest, RevokeOutcome>[],
    check: [] as Step<RevokeRequest, CheckOutcome>[],
  };
  readonly calls = { preview: [] as MintRequest[], mint: [] as MintRequest[], revoke: [] as RevokeRequest[], check: [] as RevokeRequest[] };
  /** Values minted so far (to assert none of them leaks). */
  readonly minted: string[] = [];
  readonly revokedValues = new Set<string>();
  previewMint?: (req: MintRequest) => Promise<SigningPreview>;
  check?: (req: RevokeRequest) => Promise<CheckOutcome>;
  readonly #clock: Clock;
  readonly #ledger: ExpirationLedger | undefined;
  #serial = 0;
  #nonce = 0;

  constructor(kind: ProviderKind, options: FakeProviderOptions) {
    this.kind = kind;
    this.#clock = options.clock;
    this.#ledger = options.ledger;
    if (kind === 'ocean') this.previewMint = (req) => this.#preview(req);
    if (options.withCheck ?? true) {
      this.check = (req) => {
        this.calls.check.push(req);
        return run(this.script.check.shift(), req, () => (this.revokedValues.has(req.token.value) ? 'invalid' : 'valid'));
      };
    }
  }

  mint(req: MintRequest): Promise<MintedToken> {
    this.calls.mint.push(req);
    return run(this.script.mint.shift(), req, (r) => this.#defaultMint(r)).then((token) => {
      this.minted.push(token.value);
      return token;
    });
  }

  revoke(req: RevokeRequest): Promise<RevokeOutcome> {
    this.calls.revoke.push(req);
    return run(this.script.revoke.shift(), req, (r) => {
      this.revokedValues.add(r.token.value);
      return 'revoked' as const;
    });
  }

  async #preview(req: MintRequest): Promise<SigningPreview> {
    this.calls.preview.push(req);
    if (req.config.kind !== 'ocean') throw new AppError('BAD_ARGUMENT');
    const nonce = String(++this.#nonce);
    return {
      address: req.config.address,
      nonce,
      message: req.config.address + nonce,
      expiresAt: req.expiresAt ?? this.#clock.now() + 60 * 60_000,
      flavour: req.config.flavour === 'node' ? 'node' : 'provider',
      providerUrl: req.config.providerUrl,
    };
  }

  async #defaultMint(req: MintRequest): Promise<MintedToken> {
    const now = this.#clock.now();
    const n = ++this.#serial;
    const config = req.config;
    if (config.kind === 'azion') {
      if (config.mode === 'session') {
        return { kind: 'azion-session', value: `sess${pad(n, 36)}`, createdAt: now, expiresAt: now + 24 * 3_600_000 };
      }
      const expiresAt = req.expiresAt ?? now + 30 * 24 * 3_600_000;
      return { kind: 'azion-personal', value: `azion${pad(n, 35)}`, createdAt: now, expiresAt, serverId: `uuid-${n}` };
    }
    // Ocean: the user must have approved exactly what gets signed.
    if (!req.approved) throw new AppError('BAD_ARGUMENT', 'Approve the signing preview first.');
    if (req.approved.flavour === 'node') {
      return { kind: 'ocean-node', value: `node.${pad(n, 30)}.jwt`, createdAt: now, expiresAt: req.approved.expiresAt, meta: { flavour: 'node' } };
    }
    let exp = Math.ceil(req.approved.expiresAt / 1000);
    if (this.#ledger) {
      while (this.#ledger.has(config.providerUrl, config.address, exp)) exp++;
      await this.#ledger.add(config.providerUrl, config.address, exp);
    }
    return {
      kind: 'ocean-provider',
      value: `prov.${pad(n, 20)}.${exp}`,
      createdAt: now,
      expiresAt: exp * 1000,
      meta: { flavour: 'provider', exp: String(exp) },
    };
  }
}

async function run<Req, T>(step: Step<Req, T> | undefined, req: Req, fallback: (req: Req) => T | Promise<T>): Promise<T> {
  if (step === undefined) return fallback(req);
  if (step instanceof Error) throw step;
  if (typeof step === 'function') return (step as (r: Req) => T | Promise<T>)(req);
  return step;
}

function pad(n: number, width: number): string {
  return `X${n}`.padStart(width, 'k');
}
