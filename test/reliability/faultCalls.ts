/**
 * Every kind of call Token Vault makes to a token server, driven through the real services: each
 * names the request a fault is scripted on and prepares, without faults, what the call needs first
 * (a live token to revoke or check, an approved signing preview, a server never seen before).
 */
import type { AppServices } from '../../main/services.js';
import type { ErrorCode } from '../../preload/contract.js';
import type { FakeAzion } from '../fakes/fakeAzion.js';
import type { FakeServer, RequestMatch } from '../fakes/fakeHttp.js';
import { startFakeOceanNode, type FakeOceanNode } from '../fakes/fakeOceanNode.js';
import { startFakeOceanProvider, type FakeOceanProvider } from '../fakes/fakeOceanProvider.js';
import { TEST_KEY } from '../fakes/vectors.js';
import type { FakeClock } from '../support/FakeClock.js';

export interface FaultWorld {
  services: AppServices;
  clock: FakeClock;
  azion: FakeAzion;
  provider: FakeOceanProvider;
  node: FakeOceanNode;
  accounts: { azionSession: string; azionPersonal: string; oceanProvider: string; oceanNode: string };
}

export type CallKind = 'mint' | 'preview' | 'revoke' | 'check';

export interface PreparedCall {
  server: FakeServer;
  run(): Promise<unknown>;
  /** The token a revoke or check acts on. */
  tokenId?: string;
  cleanup?(): Promise<void>;
}

export interface FaultCall {
  name: string;
  kind: CallKind;
  match: RequestMatch;
  /** Codes this call answers some faults with instead of the fault's own (by fault name). */
  codes?: Record<string, readonly ErrorCode[]>;
  /** A failed call must leave the fake Azion with no extra session token (personal-token flows). */
  noLingeringSession?: boolean;
  prepare(w: FaultWorld): Promise<PreparedCall>;
}

const WEEK = 7 * 86_400_000;

/** Mints without faults: a preview and its approval for Ocean, a plain mint for Azion. */
export async function mintLive(w: FaultWorld, accountId: string): Promise<string> {
  const account = (await w.services.accounts.list()).find((a) => a.id === accountId);
  if (account?.config.kind === 'ocean') {
    const preview = await w.services.tokens.previewMint(accountId, {});
    return (await w.services.tokens.mint(accountId, { previewId: preview.previewId })).id;
  }
  const expiresAt = account?.config.kind === 'azion' && account.config.mode === 'personal' ? w.clock.now() + WEEK : undefined;
  return (await w.services.tokens.mint(accountId, expiresAt === undefined ? {} : { expiresAt })).id;
}

function revokeCall(name: string, account: keyof FaultWorld['accounts'], server: (w: FaultWorld) => FakeServer, match: RequestMatch, extra: Partial<FaultCall> = {}): FaultCall {
  return {
    name,
    kind: 'revoke',
    match,
    ...extra,
    async prepare(w) {
      const tokenId = await mintLive(w, w.accounts[account]);
      return { server: server(w), tokenId, run: () => w.services.tokens.revoke(tokenId) };
    },
  };
}

/** Flavour detection is cached per server for the life of the process: each run needs a server never seen. */
function flavourCall(name: string, start: (clock: FakeClock) => Promise<FakeServer>): FaultCall {
  return {
    name,
    kind: 'preview',
    match: { method: 'GET', path: '/' },
    codes: {
      // A home page that is not an Ocean server's, whatever its status: the URL is wrong.
      'truncated JSON': ['UNSUPPORTED_PROVIDER'],
      'JSON of the wrong shape': ['UNSUPPORTED_PROVIDER'],
      'an HTML page with status 200': ['UNSUPPORTED_PROVIDER'],
      // A rate-limited home page says nothing about what the server is: the user should wait.
      'HTTP 429 without a reset time': ['RATE_LIMITED'],
    },
    async prepare(w) {
      const server = await start(w.clock);
      // The public Hardhat/Anvil test key #0 (vectors.json): never real funds.
      const account = await w.services.accounts.add({ kind: 'ocean', label: name, providerUrl: server.url, key: { type: 'hex', privateKey: TEST_KEY.privateKey } });
      return {
        server,
        run: () => w.services.tokens.previewMint(account.id, {}),
        async cleanup() {
          await w.services.accounts.remove(account.id);
          await server.close();
        },
      };
    },
  };
}

export const FAULT_CALLS: FaultCall[] = [
  {
    name: 'Azion session mint',
    kind: 'mint',
    match: { method: 'POST', path: '/tokens' },
    prepare: async (w) => ({ server: w.azion, run: () => w.services.tokens.mint(w.accounts.azionSession, {}) }),
  },
  revokeCall('Azion session revoke', 'azionSession', (w) => w.azion, { method: 'DELETE', path: /^\/tokens\// }),
  {
    name: 'Azion check (/user/me)',
    kind: 'check',
    match: { method: 'GET', path: '/user/me' },
    async prepare(w) {
      const tokenId = await mintLive(w, w.accounts.azionSession);
      return { server: w.azion, tokenId, run: () => w.services.tokens.check(tokenId) };
    },
  },
  {
    name: 'Azion personal-token create',
    kind: 'mint',
    match: { method: 'POST', path: '/iam/personal_tokens' },
    noLingeringSession: true,
    prepare: async (w) => ({ server: w.azion, run: () => w.services.tokens.mint(w.accounts.azionPersonal, { expiresAt: w.clock.now() + WEEK }) }),
  },
  revokeCall('Azion personal-token revoke', 'azionPersonal', (w) => w.azion, { method: 'DELETE', path: /^\/iam\/personal_tokens\// }, { noLingeringSession: true }),
  flavourCall('Ocean flavour detection (Provider)', (clock) => startFakeOceanProvider({ clock })),
  {
    name: 'Ocean Provider nonce (preview)',
    kind: 'preview',
    match: { method: 'GET', path: '/api/services/nonce' },
    prepare: async (w) => ({ server: w.provider, run: () => w.services.tokens.previewMint(w.accounts.oceanProvider, {}) }),
  },
  {
    name: 'Ocean Provider mint (createAuthToken)',
    kind: 'mint',
    match: { method: 'GET', path: '/api/services/createAuthToken' },
    async prepare(w) {
      const preview = await w.services.tokens.previewMint(w.accounts.oceanProvider, {});
      return { server: w.provider, run: () => w.services.tokens.mint(w.accounts.oceanProvider, { previewId: preview.previewId }) };
    },
  },
  revokeCall('Ocean Provider nonce (revoke)', 'oceanProvider', (w) => w.provider, { method: 'GET', path: '/api/services/nonce' }),
  revokeCall('Ocean Provider revoke (deleteAuthToken)', 'oceanProvider', (w) => w.provider, { method: 'DELETE', path: '/api/services/deleteAuthToken' }),
  flavourCall('Ocean flavour detection (Node)', (clock) => startFakeOceanNode({ clock })),
  {
    name: 'Ocean Node nonce (preview)',
    kind: 'preview',
    match: { method: 'GET', path: '/api/services/nonce' },
    prepare: async (w) => ({ server: w.node, run: () => w.services.tokens.previewMint(w.accounts.oceanNode, {}) }),
  },
  {
    name: 'Ocean Node mint (auth/token)',
    kind: 'mint',
    match: { method: 'POST', path: '/api/services/auth/token' },
    async prepare(w) {
      const preview = await w.services.tokens.previewMint(w.accounts.oceanNode, {});
      return { server: w.node, run: () => w.services.tokens.mint(w.accounts.oceanNode, { previewId: preview.previewId }) };
    },
  },
  revokeCall('Ocean Node nonce (revoke)', 'oceanNode', (w) => w.node, { method: 'GET', path: '/api/services/nonce' }),
  revokeCall('Ocean Node revoke (auth/token/invalidate)', 'oceanNode', (w) => w.node, { method: 'POST', path: '/api/services/auth/token/invalidate' }),
];
