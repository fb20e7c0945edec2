import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/errors.js';
import { ERROR_CODES, type TokenView } from '../../preload/contract.js';
import { startFakeAzion } from '../fakes/fakeAzion.js';
import type { ReceivedRequest, RequestMatch } from '../fakes/fakeHttp.js';
import { startFakeOceanNode } from '../fakes/fakeOceanNode.js';
import { startFakeOceanProvider } from '../fakes/fakeOceanProvider.js';
import { TEST_KEY } from '../fakes/vectors.js';
import { FakeClock } from '../support/FakeClock.js';
import { startTestServices, type TestServices } from '../support/testServices.js';
import { TestPresence } from '../support/TestPresence.js';
import { TEST_PASSWORD } from '../support/vaultHarness.js';
import { FAULT_CALLS, type FaultWorld } from './faultCalls.js';
import { faultKinds } from './faultKinds.js';

const HTTP = { timeoutMs: 5_000, connectTimeoutMs: 2_000 };
const AZION_EMAIL = 'faults@example.com';
const AZION_PASSWORD = 'made-up-Azion-pw-for-faults';
const CODES = new Set<string>(ERROR_CODES);

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

const settle = (p: Promise<unknown>): Promise<Outcome> =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

function matches(match: RequestMatch, req: ReceivedRequest): boolean {
  if (match.method && match.method !== req.method) return false;
  if (match.path === undefined) return true;
  return typeof match.path === 'string' ? match.path === req.path : match.path.test(req.path);
}

/** A typed, user-facing error: a known code (never INTERNAL), a sentence, and no secret in it. */
function expectTyped(error: { code: string; message: string } | undefined, codes: readonly string[], context: string): void {
  expect(error, context).toBeDefined();
  const { code, message } = error!;
  expect(CODES.has(code), `${context}: unknown code ${code}`).toBe(true);
  expect(code, `${context}: an untyped failure became INTERNAL`).not.toBe('INTERNAL');
  expect(codes, `${context}: got ${code}`).toContain(code);
  expect(message.length, context).toBeGreaterThan(10);
  for (const secret of [AZION_PASSWORD, TEST_KEY.privateKey.slice(2)]) expect(message.includes(secret), `${context}: the message holds a secret`).toBe(false);
}

function thrownError(outcome: Outcome, context: string): AppError {
  expect(outcome.ok, `${context}: the call succeeded`).toBe(false);
  const error = (outcome as { error: unknown }).error;
  expect(error, `${context}: ${String(error)}`).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('faults on every kind of call: typed errors, nothing lost, nothing half-stored', () => {
  const clock = new FakeClock();
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  let t: TestServices;
  let world: FaultWorld;

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    const azion = await startFakeAzion({ clock, accounts: [{ email: AZION_EMAIL, password: AZION_PASSWORD }] });
    // The fake clock hardly moves, so the per-minute limit would throttle the whole suite.
    azion.behaviour.rateLimitPerMinute = Number.POSITIVE_INFINITY;
    const provider = await startFakeOceanProvider({ clock });
    const node = await startFakeOceanNode({ clock });
    // The person approves every signature and removal these calls ask for: faults come from the peers.
    t = await startTestServices({ clock, http: HTTP, presence: new TestPresence(clock) });
    const { services } = t;
    await services.vault.create(TEST_PASSWORD);
    const bases = { authBase: azion.url, apiBase: azion.url, checkBase: azion.url };
    const add = async (input: Parameters<typeof services.accounts.add>[0]): Promise<string> => (await services.accounts.add(input)).id;
    // The public Hardhat/Anvil test key #0 (vectors.json): never real funds.
    const key = { type: 'hex' as const, privateKey: TEST_KEY.privateKey };
    world = {
      services,
      clock,
      azion,
      provider,
      node,
      accounts: {
        azionSession: await add({ kind: 'azion', label: 'Azion session', email: AZION_EMAIL, password: AZION_PASSWORD, mode: 'session', ...bases }),
        azionPersonal: await add({ kind: 'azion', label: 'Azion personal', email: AZION_EMAIL, password: AZION_PASSWORD, mode: 'personal', ...bases }),
        oceanProvider: await add({ kind: 'ocean', label: 'Ocean Provider', providerUrl: provider.url, key }),
        oceanNode: await add({ kind: 'ocean', label: 'Ocean Node', providerUrl: node.url, key }),
      },
    };
  });

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await t?.close();
    await Promise.all([world?.azion.close(), world?.provider.close(), world?.node.close()]);
  });

  const kinds = faultKinds(HTTP);
  describe.each(FAULT_CALLS)('$name', (call) => {
    it.each(kinds)('$name', async (fault) => {
      const { services, azion } = world;
      const prepared = await call.prepare(world);
      const { server } = prepared;
      try {
        const before = new Map(services.vault.read().tokens.map((tk) => [tk.id, tk.value]));
        const sessionsBefore = azion.sessions().size;
        const from = server.requests.length;
        const context = `${call.name} / ${fault.name}`;
        const codes = call.codes?.[fault.name] ?? fault.codes;

        fault.inject(server, call.match);
        const pending = settle(prepared.run());
        if (fault.advanceMs > 0) {
          await server.waitForRequest(call.match, from);
          clock.advance(fault.advanceMs);
        }
        const outcome = await pending;
        await services.tokens.settled();
        expect(server.requests.slice(from).some((r) => matches(call.match, r)), `${context}: the faulted request was never made`).toBe(true);

        // No token is lost: everything the vault held is still there, value intact.
        const after = new Map(services.vault.read().tokens.map((tk) => [tk.id, tk.value]));
        for (const [id, value] of before) expect(after.get(id), `${context}: token ${id} lost`).toBe(value);

        if (call.kind === 'mint' || call.kind === 'preview') {
          expectTyped(thrownError(outcome, context), codes, context);
          // Nothing half-stored: not one token more than before.
          expect([...after.keys()], context).toEqual([...before.keys()]);
        } else if (call.kind === 'check') {
          // A fault says nothing about the token: never 'invalid' (which would mark it dead).
          expect(outcome, context).toEqual({ ok: true, value: 'unknown' });
          expect(services.vault.read().tokens.find((tk) => tk.id === prepared.tokenId)?.state, context).toBe('active');
        } else {
          if (!outcome.ok) expectTyped(thrownError(outcome, context), codes, context);
          const view = outcome.ok ? (outcome.value as TokenView) : undefined;
          // Only the server's documented confirmation makes a token revoked; no fault is one.
          expect(view?.state, `${context}: a revoke the server never confirmed was taken for a success`).toBe('revoke_failed');
          expectTyped(view?.failure, codes, context);
          // Still in the vault, still revocable: the retry asks the server again and goes through.
          server.reset();
          const retried = await services.tokens.revoke(prepared.tokenId!);
          expect(server.requests.some((r) => matches(call.match, r)), `${context}: the retry did not ask the server again`).toBe(true);
          expect(retried.state, `${context}: retry`).toBe('revoked');
        }
        if (call.noLingeringSession) expect(azion.sessions().size, `${context}: a session token was left behind`).toBe(sessionsBefore);
      } finally {
        server.reset();
        await prepared.cleanup?.();
      }
    });
  });

  it('lost no token on disk and raised no unhandled rejection', async () => {
    const { services } = world;
    await services.tokens.settled();
    const held = services.vault.read().tokens.map((tk) => [tk.id, tk.value, tk.state]);
    await services.vault.lock();
    await services.vault.unlock(TEST_PASSWORD);
    expect(services.vault.read().tokens.map((tk) => [tk.id, tk.value, tk.state])).toEqual(held);
    expect(held.length).toBeGreaterThan(50);
    expect(unhandled).toEqual([]);
  });
});
