/**
 * A fake Ocean Node v1 on 127.0.0.1 (main/core/providers/ocean/ocean-provider.md §B), following `httpRoutes/auth.ts` and
 * `core/utils/nonceHandler.ts`: POST routes, the command suffix in the signed message, a nonce
 * that must be strictly greater than the stored one (parseInt) and is consumed, signer recovery over
 * EIP-191 of the hash's HEX TEXT or of its bytes without leading zeros, validUntil in ms.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../main/core/clock.js';
import { bytesToHex, eip191Digest, hexToBytes, keccakHex, recoverAddress, toChecksumAddress, utf8ToBytes, withoutLeadingZeroBytes } from './ethRecover.js';
import { type FakeResponse, type FakeServer, type ReceivedRequest, jsonBody, startFakeServer } from './fakeHttp.js';
import { signJwt } from './jwtHs256.js';

export interface FakeNodeToken {
  token: string;
  address: string;
  createdAt: number;
  validUntil: number | null;
  isValid: boolean;
}

export interface NonceCheck {
  command: string;
  address: string;
  nonce: number;
  valid: boolean;
  error?: string;
}

export interface FakeOceanNode extends FakeServer {
  setNonce(address: string, nonce: number): void;
  nonceOf(address: string): number | undefined;
  tokens(): FakeNodeToken[];
  /** The node's validateToken: known, not invalidated, validUntil unset or not passed. */
  isTokenValid(token: string): boolean;
  /** Every nonce/signature check the node ran, in order. */
  readonly nonceChecks: NonceCheck[];
  behaviour: {
    /**
     * The real invalidate route ignores a failed signature check (it tests an always-truthy object);
     * set true to emulate a node where that is fixed (400 "Invalid signature").
     */
    strictInvalidate: boolean;
  };
  /** Answers the next request with the node's rate-limit refusal. */
  rateLimitNext(): void;
}

export async function startFakeOceanNode(options: { clock?: Clock } = {}): Promise<FakeOceanNode> {
  const now = (): number => options.clock?.now() ?? Date.now();
  const secret = randomBytes(32).toString('hex');
  const nonces = new Map<string, number>();
  const tokens = new Map<string, FakeNodeToken>();
  const nonceChecks: NonceCheck[] = [];
  const state = { strictInvalidate: false };

  /** checkNonce → validateNonceAndSignature: nonce > stored, then either signature form; consumes on success. */
  const checkNonce = (address: string, rawNonce: unknown, signature: string, command: string): NonceCheck => {
    const nonce = Number.parseInt(String(rawNonce), 10);
    const previous = nonces.get(address) ?? 0;
    let check: NonceCheck;
    if (nonce <= previous) {
      check = { command, address, nonce, valid: false, error: `nonce: ${nonce} is not a valid nonce` };
    } else {
      const hashHex = keccakHex(`${address}${String(nonce)}${command}`);
      const fromText = recoverAddress(eip191Digest(utf8ToBytes(hashHex)), signature);
      const fromBytes = recoverAddress(eip191Digest(withoutLeadingZeroBytes(hexToBytes(hashHex.slice(2)))), signature);
      let consumer: string | undefined;
      try {
        consumer = toChecksumAddress(address);
      } catch {
        consumer = undefined;
      }
      const ok = consumer !== undefined && (fromText === consumer || fromBytes === consumer);
      check = ok ? { command, address, nonce, valid: true } : { command, address, nonce, valid: false, error: 'consumer address and nonce signature mismatch' };
      if (ok) nonces.set(address, nonce);
    }
    nonceChecks.push(check);
    return check;
  };

  function route(req: ReceivedRequest): FakeResponse {
    if (req.method === 'GET' && req.path === '/') {
      return {
        status: 200,
        body: { nodeId: `16Uiu2${bytesToHex(randomBytes(8))}`, chainIds: ['8996'], providerAddress: '0x0000000000000000000000000000000000000000', serviceEndpoints: {}, software: 'Ocean-Node', version: '1.0.0' },
      };
    }
    if (req.method === 'GET' && req.path === '/api/services/nonce') {
      const address = String(req.query.get('userAddress'));
      if (!nonces.has(address)) nonces.set(address, 0);
      return { status: 200, body: { nonce: String(nonces.get(address)) } };
    }
    if (req.method === 'POST' && req.path === '/api/services/auth/token') {
      const body = jsonBody(req) ?? {};
      const { signature, address, nonce, validUntil } = body;
      if (!signature || !address) return { status: 400, body: { error: 'Missing required parameters' } };
      const check = checkNonce(String(address), nonce, String(signature), 'createAuthToken');
      if (!check.valid) return { status: 401, body: { error: check.error } };
      const createdAt = now();
      const token = signJwt({ address, nonce, createdAt, iat: Math.floor(createdAt / 1000) }, secret);
      tokens.set(token, { token, address: String(address), createdAt, validUntil: typeof validUntil === 'number' ? validUntil : null, isValid: true });
      return { status: 200, body: { token } };
    }
    if (req.method === 'POST' && req.path === '/api/services/auth/token/invalidate') {
      const body = jsonBody(req) ?? {};
      const { signature, address, nonce, token } = body;
      if (!signature || !address || !token) return { status: 400, body: { error: 'Missing required parameters' } };
      const check = checkNonce(String(address), nonce, String(signature), 'invalidateAuthToken');
      if (!check.valid && state.strictInvalidate) return { status: 400, body: { error: 'Invalid signature' } };
      const entry = tokens.get(String(token));
      if (entry) entry.isValid = false;
      return { status: 200, body: { success: true } };
    }
    if (req.method === 'GET' && req.path === '/api/services/computeStreamableLogs') {
      // ComputeGetStreamableLogsHandler: jobId required, then the Authorization token (or a
      // signature), then the job's engine by hash, which this fake (like a node without C2D) lacks.
      if (!req.query.get('jobId')) return { status: 400, headers: { 'content-type': 'text/html' }, body: 'Missing required parameter(s): "jobId"' };
      const token = req.headers['authorization'];
      if (!token || !isValid(token)) return { status: 401, headers: { 'content-type': 'text/html' }, body: 'Invalid token' };
      return { status: 500, headers: { 'content-type': 'text/html' }, body: 'Invalid C2D Environment' };
    }
    return { status: 404, body: { error: 'Not found' } };
  }

  function isValid(token: string): boolean {
    const t = tokens.get(token);
    return !!t && t.isValid && (t.validUntil === null || t.validUntil >= now());
  }

  const server = await startFakeServer({ ...(options.clock ? { clock: options.clock } : {}), handler: route });
  return Object.assign(server, {
    setNonce: (address: string, nonce: number) => void nonces.set(address, nonce),
    nonceOf: (address: string) => nonces.get(address),
    tokens: () => [...tokens.values()],
    isTokenValid: isValid,
    nonceChecks,
    behaviour: state,
    rateLimitNext() {
      server.failNext({ status: 403, body: { error: 'Rate limit exceeded' } });
    },
  });
}
