/**
 * A fake Ocean Python Provider v2.1.x on 127.0.0.1 (main/core/providers/ocean/ocean-provider.md §A), following its source:
 * nonces stored per address string with the "≥ stored" rule (auth calls never advance them),
 * signer recovery over EIP-191 of the 32 hash bytes (own secp256k1 code, not the app's), HS256 JWTs
 * with `exp`, a revocation list, the un-revoke quirk, and every validation error body of the doc.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../main/core/clock.js';
import { eip191Digest, keccak, recoverAddress, toChecksumAddress, utf8ToBytes } from './ethRecover.js';
import { type FakeResponse, type FakeServer, type ReceivedRequest, jsonBody, startFakeServer } from './fakeHttp.js';
import { signJwt, verifyJwt } from './jwtHs256.js';

export interface FakeOceanProvider extends FakeServer {
  /** Stores a nonce for an address string exactly as a client would send it (e.g. "136", "1700000000000.5"). */
  setNonce(address: string, nonce: string): void;
  nonceOf(address: string): string | undefined;
  /** Tokens on the revocation list. */
  revoked(): string[];
  /** What the provider's AuthToken header check says about a token for an address. */
  tokenStatus(token: string, address: string): 'valid' | 'Token is invalid.' | 'Token is expired.' | 'Token is deleted.';
  behaviour: FakeOceanProviderBehaviour;
  /** Every token this provider issued that its AuthToken check still accepts (not expired, not deleted). */
  liveTokens(): { token: string; address: string; exp: number }[];
  /** Every successful createAuthToken, oldest first: (address, expiration second) as asked. */
  readonly issued: readonly { address: string; exp: number; at: number }[];
}

export interface FakeOceanProviderBehaviour {
  /** `errors.signature` as a plain string (the provider's own) or as a list (both exist in the wild). */
  signatureErrorShape: 'string' | 'list';
  /** `{"nonce": "1"}` (current Flask) or `{"nonce": 1}` (older Flask serializing Decimal as a number). */
  nonceShape: 'string' | 'number';
}

const MAX_DATETIME_SECONDS = 253402300799; // 9999-12-31T23:59:59Z: Python's datetime ends there

export async function startFakeOceanProvider(options: { clock?: Clock } = {}): Promise<FakeOceanProvider> {
  const now = (): number => options.clock?.now() ?? Date.now();
  const secret = randomBytes(32).toString('hex');
  const nonces = new Map<string, string>();
  const revoked = new Set<string>();
  // The real provider keeps no list (a JWT is checked by signature); the fake does, so a test can
  // compare what it believes live with what the server would accept.
  const tokens = new Map<string, { token: string; address: string; exp: number }>();
  const issued: { address: string; exp: number; at: number }[] = [];
  const state: FakeOceanProviderBehaviour = { signatureErrorShape: 'string', nonceShape: 'string' };

  const validationError = (field: string, message: string | string[]): FakeResponse => ({
    status: 400,
    body: { message: 'Validation error', errors: { [field]: message }, success: false },
  });
  const signatureError = (text: string): FakeResponse => validationError('signature', state.signatureErrorShape === 'string' ? text : [text]);

  /** is_token_valid: signature, then exp (valid at exp == now), then owner, then the revocation list. */
  const tokenStatus = (token: string, address: string): ReturnType<FakeOceanProvider['tokenStatus']> => {
    const payload = verifyJwt(token, secret);
    if (!payload || typeof payload['exp'] !== 'number' || typeof payload['address'] !== 'string') return 'Token is invalid.';
    if (now() / 1000 > payload['exp']) return 'Token is expired.';
    if (!sameAddress(payload['address'], address)) return 'Token is invalid.';
    return revoked.has(token) ? 'Token is deleted.' : 'valid';
  };

  /** verify_nonce + verify_signature, or the error answer. */
  const checkSignature = (address: string, nonce: string, signature: string): FakeResponse | undefined => {
    if (!/^0x[0-9a-fA-F]{40}$/.test(address)) {
      // Web3.toChecksumAddress raises outside the validator's try: the 503 error handler answers.
      return { status: 503, body: { error: `'${address}' is not a valid address`, context: { address } } };
    }
    const stored = nonces.get(address);
    if (stored !== undefined && compareDecimal(nonce, stored) < 0) {
      return signatureError(`Invalid signature expected nonce (${stored}) > current nonce (${nonce}).`);
    }
    const message = `${address}${nonce}`;
    const recovered = recoverAddress(eip191Digest(keccak(utf8ToBytes(message))), signature);
    if (recovered === undefined || recovered !== toChecksumAddress(address)) {
      return signatureError(`Invalid signature ${signature} for ethereum address ${address}, message ${address} and nonce ${nonce}. Got ${recovered ?? 'an error'}`);
    }
    return undefined;
  };

  /** Field rules in the provider's order; only the first failure is reported. */
  const validate = (data: Record<string, string>, fields: ('address' | 'expiration' | 'token' | 'nonce')[]): FakeResponse | undefined => {
    for (const field of fields) {
      const value = data[field];
      if (value === undefined || value === '') return validationError(field, [`The ${field} field is required.`]);
      if (field === 'expiration') {
        if (!/^-?\d+$/.test(value)) return validationError(field, ['The expiration must be an integer.']);
        const seconds = Number(value);
        if (!(seconds > Math.floor(now() / 1000)) || seconds > MAX_DATETIME_SECONDS) return validationError(field, ['Invalid timestamp provided.']);
      }
      if (field === 'nonce' && !/^-?\d+(\.\d+)?$/.test(value)) return validationError(field, ['The nonce must be a number.']);
    }
    if (!data['signature']) return validationError('signature', ['The signature field is required.']);
    return checkSignature(data['address'] ?? '', data['nonce'] ?? '', data['signature']);
  };

  function route(req: ReceivedRequest): FakeResponse {
    const data = requestData(req);
    if (req.method === 'GET' && req.path === '/') {
      return { status: 200, body: { software: 'Provider', version: '2.1.6', chainIds: [8996], providerAddresses: {}, serviceEndpoints: {} } };
    }
    if (req.method === 'GET' && req.path === '/api/services/nonce') {
      const address = data['userAddress'];
      if (!address) return validationError('userAddress', ['The userAddress field is required.']);
      let stored = nonces.get(address);
      // Stored as a string column: only a missing row is replaced by 1 ("0" is truthy in Python).
      if (stored === undefined) nonces.set(address, (stored = '1'));
      if (state.nonceShape === 'number') return { status: 200, headers: { 'content-type': 'application/json' }, body: `{"nonce": ${stored}}` };
      return { status: 200, body: { nonce: stored } };
    }
    if (req.method === 'GET' && req.path === '/api/services/createAuthToken') {
      const invalid = validate(data, ['address', 'expiration', 'nonce']);
      if (invalid) return invalid;
      const address = data['address'] ?? '';
      const token = signJwt({ exp: Number(data['expiration']), address }, secret);
      const status = tokenStatus(token, address);
      if (status === 'Token is deleted.') revoked.delete(token); // the quirk: same (address, exp) un-revokes
      else if (status !== 'valid') return { status: 400, body: { error: status } };
      const exp = Number(data['expiration']);
      tokens.set(token, { token, address, exp });
      issued.push({ address, exp, at: now() });
      return { status: 200, body: { token } };
    }
    if (req.method === 'DELETE' && req.path === '/api/services/deleteAuthToken') {
      const invalid = validate(data, ['address', 'token', 'nonce']);
      if (invalid) return invalid;
      const token = data['token'] ?? '';
      const status = tokenStatus(token, data['address'] ?? '');
      if (status !== 'valid') return { status: 400, body: { error: status } };
      revoked.add(token);
      return { status: 200, body: { success: 'Token has been deactivated.' } };
    }
    if (req.method === 'GET' && req.path === '/api/services/download') return download(req, data);
    return { status: 404, body: { error: 'Not Found' } };
  }

  /**
   * The part of `download` that touches auth (provider_requests.py DownloadRequest +
   * check_auth_header): required fields, then, without a signature, the AuthToken header for
   * consumerAddress and a nonce not below the stored one (a lower one raises outside the validator:
   * 503). This fake holds no assets, so a request that passes gets "Cannot resolve DID".
   */
  function download(req: ReceivedRequest, data: Record<string, string>): FakeResponse {
    for (const field of ['documentId', 'serviceId', 'consumerAddress', 'transferTxId', 'fileIndex', 'nonce']) {
      if (!data[field]) return validationError(field, [`The ${field} field is required.`]);
    }
    const nonce = data['nonce'] ?? '';
    if (!/^\d+(\.\d+)?$/.test(nonce)) return validationError('nonce', ['The nonce must be a number.']);
    if (data['signature']) return { status: 400, body: { error: 'this fake checks AuthToken headers only' } };
    const owner = data['consumerAddress'] ?? '';
    const header = req.headers['authtoken'];
    const valid = header !== undefined && header !== '' && tokenStatus(header, owner) === 'valid';
    if (!valid) return validationError('signature', ['Invalid signature provided. Please check the nonce or documentId.']);
    const stored = nonces.get(owner);
    if (stored !== undefined && compareDecimal(nonce, stored) < 0) {
      return { status: 503, body: { error: `Invalid signature expected nonce (${stored}) > current nonce (${nonce}).`, context: data } };
    }
    return { status: 400, body: { error: 'Cannot resolve DID' } };
  }

  const server = await startFakeServer({ ...(options.clock ? { clock: options.clock } : {}), handler: route });
  return Object.assign(server, {
    setNonce: (address: string, nonce: string) => void nonces.set(address, nonce),
    nonceOf: (address: string) => nonces.get(address),
    revoked: () => [...revoked],
    tokenStatus,
    behaviour: state,
    liveTokens() {
      for (const [token, t] of tokens) if (now() / 1000 > t.exp) tokens.delete(token);
      return [...tokens.values()].filter((t) => tokenStatus(t.token, t.address) === 'valid');
    },
    issued,
  });
}

/** get_request_data: the query string if there is one, else the JSON body. Values as strings. */
function requestData(req: ReceivedRequest): Record<string, string> {
  if ([...req.query.keys()].length > 0) return Object.fromEntries(req.query);
  const body = jsonBody(req) ?? {};
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

function sameAddress(a: string, b: string): boolean {
  try {
    return toChecksumAddress(a) === toChecksumAddress(b);
  } catch {
    return false;
  }
}

/** Exact comparison of non-negative decimal strings (Python's Decimal), without floating point. */
export function compareDecimal(a: string, b: string): number {
  const [ai = '0', af = ''] = a.replace(/^-/, '').split('.');
  const [bi = '0', bf = ''] = b.replace(/^-/, '').split('.');
  const width = Math.max(af.length, bf.length);
  const x = BigInt(ai + af.padEnd(width, '0'));
  const y = BigInt(bi + bf.padEnd(width, '0'));
  return x < y ? -1 : x > y ? 1 : 0;
}
