import { describe, expect, it } from 'vitest';
import { thrownAppError } from '../../../support/thrownAppError.js';
import { originMoves, originPrompt, requireReenteredSecrets } from '../../../../main/core/accounts/originChange.js';
import type { AccountRecord } from '../../../../main/core/vault/vaultRecords.js';

const azion = (secrets: { password?: string; personalToken?: string } = { password: 'pw-123456' }): AccountRecord => ({
  id: 'acc-a',
  label: 'azion-prod',
  createdAt: 1,
  config: { kind: 'azion', authBase: 'https://api.azionapi.net', apiBase: 'https://api.azionapi.net', checkBase: 'https://sso.azion.com/api', mode: 'session', email: 'ops@example.com' },
  secrets: { kind: 'azion', ...secrets },
  autoRenew: false,
  revokeOnRenew: false,
  defaultCopyFormat: 'header',
});

const ocean = (): AccountRecord => ({
  id: 'acc-o',
  label: 'ocean-test',
  createdAt: 1,
  config: { kind: 'ocean', providerUrl: 'https://provider.example.com', address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', flavour: 'provider' },
  // Hardhat/Anvil test account #0 (public test key).
  secrets: { kind: 'ocean', privateKey: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80' },
  autoRenew: false,
  revokeOnRenew: false,
  defaultCopyFormat: 'raw',
});


describe('originMoves', () => {
  it('lists each Azion endpoint that moves to another scheme, host or port; a path change is not a move', () => {
    const a = azion();
    expect(originMoves(a, { authBase: 'https://api.azionapi.net/v4/', apiBase: 'https://api.azionapi.net:443/x' })).toEqual([]);
    expect(originMoves(a, { authBase: 'https://evil.example', checkBase: 'https://sso.azion.com:8443/api' })).toEqual([
      { field: 'authBase', from: 'https://api.azionapi.net', to: 'https://evil.example' },
      { field: 'checkBase', from: 'https://sso.azion.com/api', to: 'https://sso.azion.com:8443/api' },
    ]);
    // An Ocean field in an Azion patch is not one of its endpoints.
    expect(originMoves(a, { providerUrl: 'https://evil.example' })).toEqual([]);
  });

  it('an Ocean account moves only with its provider URL', () => {
    expect(originMoves(ocean(), { providerUrl: 'http://localhost:8030' })).toEqual([
      { field: 'providerUrl', from: 'https://provider.example.com', to: 'http://localhost:8030' },
    ]);
    expect(originMoves(ocean(), { authBase: 'https://evil.example' })).toEqual([]);
  });

  it('skips an endpoint the stored config does not hold as a string', () => {
    const a = azion();
    const config = a.config as unknown as Record<string, unknown>;
    delete config['checkBase'];
    expect(originMoves(a, { checkBase: 'https://evil.example' })).toEqual([]);
  });

  it('an unusable new URL is BAD_ARGUMENT naming the field', () => {
    expect(thrownAppError(() => originMoves(azion(), { apiBase: 'not a url' })).message).toBe('The API base URL is not a valid URL.');
    expect(thrownAppError(() => originMoves(azion(), { authBase: 'http://evil.example' })).message).toMatch(/^The auth base URL must use https/);
    expect(thrownAppError(() => originMoves(azion(), { checkBase: 'nope' })).message).toBe('The check base URL is not a valid URL.');
    expect(thrownAppError(() => originMoves(ocean(), { providerUrl: 'nope' })).message).toBe('The provider URL is not a valid URL.');
  });
});

describe('requireReenteredSecrets', () => {
  it('names every stored Azion secret missing from the patch, and is not retryable', () => {
    const e = thrownAppError(() => requireReenteredSecrets(azion({ password: 'pw-1', personalToken: 'pt-1' }), {}));
    expect(e.code).toBe('SECRET_REQUIRED');
    expect(e.retryable).toBe(false);
    expect(e.message).toBe('This moves the account to a new server, so its password and personal token must be entered again in the same form. Nothing was changed.');
    expect(thrownAppError(() => requireReenteredSecrets(azion({ password: 'pw-1', personalToken: 'pt-1' }), { password: 'pw-1' })).message).toMatch(/its personal token must/);
    expect(thrownAppError(() => requireReenteredSecrets(azion({ personalToken: 'pt-1' }), { password: 'pw-1' })).message).toMatch(/its personal token must/);
  });

  it('passes when every stored secret is entered again; a secret the account does not store is not asked for', () => {
    expect(() => requireReenteredSecrets(azion({ password: 'pw-1' }), { password: 'pw-1' })).not.toThrow();
    expect(() => requireReenteredSecrets(azion({ personalToken: 'pt-1' }), { personalToken: 'pt-1' })).not.toThrow();
  });

  it('an Ocean account needs its key entered again', () => {
    const e = thrownAppError(() => requireReenteredSecrets(ocean(), { password: 'irrelevant' }));
    expect(e.code).toBe('SECRET_REQUIRED');
    expect(e.message).toBe('This moves the account to a new server, so its private key (or keystore file) must be entered again in the same form. Nothing was changed.');
    expect(() => requireReenteredSecrets(ocean(), { key: { type: 'hex', privateKey: '0x00' } })).not.toThrow();
  });
});

describe('originPrompt: what main\'s dialog says', () => {
  it('for Azion: each endpoint with old and new host, and what will be sent', () => {
    const a = azion();
    const p = originPrompt(a, originMoves(a, { authBase: 'https://evil.example', apiBase: 'https://other.example:8443' }));
    expect(p).toEqual({
      title: 'Send a secret to a new server?',
      message: '"azion-prod" will connect to a different server.',
      detail:
        'auth base URL: api.azionapi.net → evil.example (https://evil.example)\n' +
        'API base URL: api.azionapi.net → other.example:8443 (https://other.example:8443)\n\n' +
        'Your Azion email, password or personal token, and the tokens minted with them, will be sent to the new server. ' +
        'Confirm only if you typed this address yourself.',
    });
  });

  it('for Ocean: the key signs for the new server', () => {
    const o = ocean();
    expect(originPrompt(o, originMoves(o, { providerUrl: 'https://evil.example' })).detail).toBe(
      'provider URL: provider.example.com → evil.example (https://evil.example)\n\n' +
        'Your Ethereum key will sign requests for the new server; the signatures prove you control this address. ' +
        'Confirm only if you typed this address yourself.',
    );
  });
});
