import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAzionProvider } from '../../../main/core/providers/azion/azionProvider.js';
import type { MintRequest, Provider, StoredTokenRef } from '../../../main/core/providers/types.js';
import type { AzionConfig, AzionSecrets } from '../../../main/core/vault/vaultRecords.js';
import { type FakeAzion, startFakeAzion } from '../../fakes/fakeAzion.js';
import { FakeClock } from '../../support/FakeClock.js';
import { azionConfig, oceanConfig, rejectionOf, testHttp } from './support.js';

const EMAIL = 'dev@example.com';
const PASSWORD = 'correct horse: battery staple';
const START = Date.UTC(2026, 10, 23, 12, 0, 0);
const DAY = 86_400_000;
const SESSION_PATH = /^\/tokens\//;

describe('Azion provider: routing, credentials and outcomes against the fake Azion', () => {
  let clock: FakeClock;
  let fake: FakeAzion;
  let provider: Provider;
  let host: string;
  const secrets: AzionSecrets = { kind: 'azion', password: PASSWORD };
  const session = (base: string): AzionConfig => azionConfig(base, EMAIL, 'session');
  const personal = (base: string): AzionConfig => azionConfig(base, EMAIL, 'personal');

  beforeEach(async () => {
    clock = new FakeClock(START);
    fake = await startFakeAzion({ clock, accounts: [{ email: EMAIL, password: PASSWORD }] });
    provider = createAzionProvider({ http: testHttp(clock), clock });
    host = new URL(fake.url).host;
  });
  afterEach(() => fake.close());

  const log = (): string[] => fake.requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{40}/, '{t}')}`);
  /** A personal token made with the password, to paste as the account's credential. */
  const pastedKey = async (): Promise<AzionSecrets> => {
    const t = await provider.mint({ config: personal(fake.url), secrets, name: 'bootstrap' });
    fake.reset();
    return { kind: 'azion', personalToken: t.value };
  };

  it('is the Azion provider', () => {
    expect(provider.kind).toBe('azion');
  });

  describe('refuses what is not an Azion account, before any request', () => {
    const notAzion = 'That account is not an Azion account.';
    const token: StoredTokenRef = { kind: 'azion-session', value: 'a'.repeat(40), expiresAt: START + DAY };
    const cases: [string, (req: MintRequest) => Promise<unknown>][] = [
      ['mint', (req) => provider.mint(req)],
      ['revoke', (req) => provider.revoke({ ...req, token })],
      ['checkCredentials', (req) => provider.checkCredentials!(req)],
      ['check', (req) => provider.check!({ ...req, token })],
    ];

    it.each(cases)('%s: an Ocean config with Azion secrets', async (_name, run) => {
      const err = await rejectionOf(run({ config: oceanConfig(fake.url, '0xabc'), secrets }));
      expect(err.code).toBe('BAD_ARGUMENT');
      expect(err.message).toBe(notAzion);
      expect(fake.requests).toHaveLength(0);
    });

    it.each(cases)('%s: an Azion config with Ocean secrets', async (_name, run) => {
      const err = await rejectionOf(run({ config: session(fake.url), secrets: { kind: 'ocean', privateKey: `0x${'1'.repeat(64)}` } }));
      expect(err.code).toBe('BAD_ARGUMENT');
      expect(err.message).toBe(notAzion);
      expect(fake.requests).toHaveLength(0);
    });
  });

  it('without a password says how to fix it', async () => {
    const err = await rejectionOf(provider.mint({ config: session(fake.url), secrets: { kind: 'azion' } }));
    expect(err.code).toBe('BAD_CREDENTIALS');
    expect(err.message).toBe(
      'This Azion account has no password stored, and Azion needs it for this. Add the password in the account settings, or paste a personal token and use personal-token mode.',
    );
    expect(fake.requests).toHaveLength(0);
  });

  describe('a cancelled operation sends nothing and is CANCELLED', () => {
    const aborted = (): AbortSignal => AbortSignal.abort();

    it('minting a session token', async () => {
      expect((await rejectionOf(provider.mint({ config: session(fake.url), secrets, signal: aborted() }))).code).toBe('CANCELLED');
      expect(fake.requests).toHaveLength(0);
      expect(fake.sessions().size).toBe(0);
    });

    it('minting a personal token with a pasted one', async () => {
      const pasted = await pastedKey();
      expect((await rejectionOf(provider.mint({ config: personal(fake.url), secrets: pasted, signal: aborted() }))).code).toBe('CANCELLED');
      expect(fake.requests).toHaveLength(0);
      expect(fake.personalTokens()).toHaveLength(1);
    });

    it('revoking a session token', async () => {
      const token = await provider.mint({ config: session(fake.url), secrets });
      fake.reset();
      expect((await rejectionOf(provider.revoke({ config: session(fake.url), secrets, token, signal: aborted() }))).code).toBe('CANCELLED');
      expect(fake.requests).toHaveLength(0);
      expect(fake.sessions().has(token.value)).toBe(true);
    });

    it('revoking a personal token with a pasted one', async () => {
      const pasted = await pastedKey();
      const token = await provider.mint({ config: personal(fake.url), secrets: pasted });
      fake.reset();
      expect((await rejectionOf(provider.revoke({ config: personal(fake.url), secrets: pasted, token, signal: aborted() }))).code).toBe('CANCELLED');
      expect(fake.requests).toHaveLength(0);
      expect(fake.personalTokens()).toHaveLength(2);
    });

    it('checking email and password', async () => {
      expect((await rejectionOf(provider.checkCredentials!({ config: session(fake.url), secrets, signal: aborted() }))).code).toBe('CANCELLED');
      expect(fake.requests).toHaveLength(0);
    });

    it('checking a token: cancelled is not "unknown"', async () => {
      const token = await provider.mint({ config: session(fake.url), secrets });
      fake.reset();
      expect((await rejectionOf(provider.check!({ config: session(fake.url), secrets, token, signal: aborted() }))).code).toBe('CANCELLED');
      expect(fake.requests).toHaveLength(0);
    });
  });

  describe('check', () => {
    it.each([
      ['not an address', 'not a url'],
      ['not http(s)', 'ftp://127.0.0.1/api'],
      ['carrying a password', 'http://user:secret@127.0.0.1/api'],
    ])('a check base URL %s is BAD_ARGUMENT, not "unknown"', async (_label, checkBase) => {
      const token: StoredTokenRef = { kind: 'azion-personal', value: `azion${'c'.repeat(35)}`, expiresAt: START + DAY };
      const err = await rejectionOf(provider.check!({ config: { ...session(fake.url), checkBase }, secrets, token }));
      expect(err.code).toBe('BAD_ARGUMENT');
      expect(fake.requests).toHaveLength(0);
    });

    it('only a 200 with "results" is valid: a 203 from a proxy or a 200 without results is unknown', async () => {
      const token = await provider.mint({ config: session(fake.url), secrets });
      const check = (): Promise<string> => provider.check!({ config: session(fake.url), secrets, token });
      expect(await check()).toBe('valid');
      fake.failNext({ status: 203, body: { results: { id: 1000, email: EMAIL } }, match: { path: '/user/me' } });
      expect(await check()).toBe('unknown');
      fake.failNext({ status: 200, body: { detail: 'OK' }, match: { path: '/user/me' } });
      expect(await check()).toBe('unknown');
      fake.failNext({ status: 200, body: { results: [EMAIL] }, match: { path: '/user/me' } });
      expect(await check()).toBe('unknown');
    });
  });

  describe('which credential a refusal is about', () => {
    it('a pasted personal token refused on create: paste a new one', async () => {
      const err = await rejectionOf(provider.mint({ config: personal(fake.url), secrets: { kind: 'azion', personalToken: `azion${'x'.repeat(35)}` } }));
      expect(err.code).toBe('BAD_CREDENTIALS');
      expect(err.message).toBe(
        `Azion (${host}) refused this account's personal token: it may have expired or been revoked. Paste a new personal token in the account settings.`,
      );
    });

    it('a session token refused on create: the user may not manage personal tokens; the session is still dropped', async () => {
      fake.failNext({ status: 403, body: { detail: 'You do not have permission to perform this action.' }, match: { method: 'POST', path: '/iam/personal_tokens' } });
      const err = await rejectionOf(provider.mint({ config: personal(fake.url), secrets }));
      expect(err.code).toBe('BAD_CREDENTIALS');
      expect(err.message).toContain(`Azion (${host}) accepted the email and password but refused to manage personal tokens with them (HTTP 403)`);
      expect(fake.sessions().size).toBe(0);
    });

    it('checkCredentials with a refused pasted token: paste a new one, after one GET /user/me', async () => {
      const err = await rejectionOf(provider.checkCredentials!({ config: personal(fake.url), secrets: { kind: 'azion', personalToken: `azion${'x'.repeat(35)}` } }));
      expect(err.message).toContain('Paste a new personal token in the account settings.');
      expect(log()).toEqual(['GET /user/me']);
    });

    it('checkCredentials: a refusal quoting the pasted token never shows it', async () => {
      const credential = 'pasted-credential-0123';
      fake.failNext({ status: 400, body: { detail: `Token ${credential} is malformed.` }, match: { path: '/user/me' } });
      const err = await rejectionOf(provider.checkCredentials!({ config: personal(fake.url), secrets: { kind: 'azion', personalToken: credential } }));
      expect(err.code).toBe('BAD_REQUEST');
      expect(err.message).toContain('Token [redacted] is malformed.');
      expect(err.message).not.toContain(credential);
    });
  });

  describe('the helper session of a personal-token mint', () => {
    const failSessionRevoke = (): void => fake.failNext({ status: 503, body: { detail: 'Service unavailable.' }, match: { method: 'DELETE', path: SESSION_PATH } });

    it('whose revoke fails is queued with its value, expiry and auth base; the mint still succeeds', async () => {
      failSessionRevoke();
      const authBase = `${fake.url}/`;
      const left: StoredTokenRef[] = [];
      const token = await provider.mint({ config: { ...personal(fake.url), authBase }, secrets, leftover: (t) => void left.push(t) });
      expect(token.serverId).toBe(fake.personalTokens()[0]?.uuid);
      const [live] = [...fake.sessions().entries()];
      expect(left).toEqual([{ kind: 'azion-session', value: live?.[0], expiresAt: live?.[1].expiresAt, meta: { base: authBase } }]);
    });

    it('whose revoke fails with no cleanup queue does not fail the mint', async () => {
      failSessionRevoke();
      const token = await provider.mint({ config: personal(fake.url), secrets });
      expect(fake.personalTokens().map((t) => t.key)).toEqual([token.value]);
    });
  });

  it.each(['session', 'personal'] as const)('mint (%s mode): an undated session it could not take back goes to the cleanup queue', async (mode) => {
    const stray = 'c'.repeat(40);
    fake.failNext({ status: 201, body: { token: stray, created_at: 'now', expires_at: 'tomorrow' }, match: { method: 'POST', path: '/tokens' } });
    fake.failNext({ status: 503, body: { detail: 'Service unavailable.' }, match: { method: 'DELETE', path: SESSION_PATH } });
    const left: StoredTokenRef[] = [];
    const err = await rejectionOf(provider.mint({ config: azionConfig(fake.url, EMAIL, mode), secrets, leftover: (t) => void left.push(t) }));
    expect(err.code).toBe('BAD_RESPONSE');
    expect(log()).toEqual(['POST /tokens', 'DELETE /tokens/{t}']);
    expect(left).toEqual([{ kind: 'azion-session', value: stray, expiresAt: START + DAY, meta: { base: fake.url } }]);
  });

  describe('checkCredentials with email and password', () => {
    it('a session whose revoke fails is queued exactly, with its auth base', async () => {
      fake.failNext({ status: 503, body: { detail: 'Service unavailable.' }, match: { method: 'DELETE', path: SESSION_PATH } });
      const left: StoredTokenRef[] = [];
      const config = { ...session(fake.url), authBase: `${fake.url}/` };
      await provider.checkCredentials!({ config, secrets, leftover: (t) => void left.push(t) });
      const [live] = [...fake.sessions().entries()];
      expect(left).toEqual([{ kind: 'azion-session', value: live?.[0], expiresAt: live?.[1].expiresAt, meta: { base: `${fake.url}/` } }]);
    });

    it('an undated session it could not take back goes to the cleanup queue too', async () => {
      const stray = 'b'.repeat(40);
      fake.failNext({ status: 201, body: { token: stray, expires_at: 'tomorrow' }, match: { method: 'POST', path: '/tokens' } });
      fake.failNext({ status: 503, body: { detail: 'Service unavailable.' }, match: { method: 'DELETE', path: SESSION_PATH } });
      const left: StoredTokenRef[] = [];
      const err = await rejectionOf(provider.checkCredentials!({ config: session(fake.url), secrets, leftover: (t) => void left.push(t) }));
      expect(err.code).toBe('BAD_RESPONSE');
      expect(log()).toEqual(['POST /tokens', 'DELETE /tokens/{t}']);
      expect(left).toEqual([{ kind: 'azion-session', value: stray, expiresAt: START + DAY, meta: { base: fake.url } }]);
    });
  });

  describe('names of personal tokens', () => {
    it('defaults to "Token Vault" and the UTC minute, kept in the token meta with the API base', async () => {
      const token = await provider.mint({ config: personal(fake.url), secrets });
      expect(fake.personalTokens()[0]?.name).toBe('Token Vault 2026-11-23 12:00');
      expect(token.meta).toEqual({ base: fake.url, name: 'Token Vault 2026-11-23 12:00' });
    });

    it('trims a given name, and a blank one gets the default', async () => {
      const named = await provider.mint({ config: personal(fake.url), secrets, name: '  nightly deploy \n' });
      const blank = await provider.mint({ config: personal(fake.url), secrets, name: '   ' });
      expect(fake.personalTokens().map((t) => t.name)).toEqual(['nightly deploy', 'Token Vault 2026-11-23 12:00']);
      expect(named.meta?.['name']).toBe('nightly deploy');
      expect(blank.meta?.['name']).toBe('Token Vault 2026-11-23 12:00');
    });
  });

  describe('revoke goes to the server that issued the token', () => {
    let other: FakeAzion;
    beforeEach(async () => {
      other = await startFakeAzion({ clock, accounts: [{ email: EMAIL, password: PASSWORD }] });
    });
    afterEach(() => other.close());

    it('a session token: its stored base, even after the account moved to another server', async () => {
      const token = await provider.mint({ config: session(fake.url), secrets });
      expect(await provider.revoke({ config: session(other.url), secrets, token })).toBe('revoked');
      expect(fake.sessions().has(token.value)).toBe(false);
      expect(other.requests).toHaveLength(0);
    });

    it("a session token with no stored base: the account's auth base", async () => {
      const token = await provider.mint({ config: session(fake.url), secrets });
      const bare: StoredTokenRef = { kind: token.kind, value: token.value, expiresAt: token.expiresAt };
      expect(await provider.revoke({ config: session(fake.url), secrets, token: bare })).toBe('revoked');
      expect(fake.sessions().size).toBe(0);
    });

    it('a personal token: its stored base, even after the account moved to another server', async () => {
      const pasted = await pastedKey();
      const token = await provider.mint({ config: personal(fake.url), secrets: pasted });
      expect(await provider.revoke({ config: personal(other.url), secrets: pasted, token })).toBe('revoked');
      expect(fake.personalTokens().map((t) => t.name)).toEqual(['bootstrap']);
      expect(other.requests).toHaveLength(0);
    });

    it("a personal token with no stored base: the account's API base", async () => {
      const pasted = await pastedKey();
      const token = await provider.mint({ config: personal(fake.url), secrets: pasted });
      const bare: StoredTokenRef = { kind: token.kind, value: token.value, expiresAt: token.expiresAt, ...(token.serverId ? { serverId: token.serverId } : {}) };
      expect(await provider.revoke({ config: personal(fake.url), secrets: pasted, token: bare })).toBe('revoked');
      expect(fake.personalTokens()).toHaveLength(1);
    });
  });

  describe('revoke refuses what it cannot address, before any request', () => {
    it('a token of another provider', async () => {
      const token: StoredTokenRef = { kind: 'ocean-provider', value: 'v', serverId: 'some-id', expiresAt: START + DAY };
      const err = await rejectionOf(provider.revoke({ config: personal(fake.url), secrets, token }));
      expect(err.code).toBe('BAD_ARGUMENT');
      expect(err.message).toBe('That token does not belong to an Azion account.');
      expect(fake.requests).toHaveLength(0);
    });

    it('a personal token without its Azion id', async () => {
      const token: StoredTokenRef = { kind: 'azion-personal', value: `azion${'n'.repeat(35)}`, expiresAt: START + DAY, meta: { base: fake.url } };
      const err = await rejectionOf(provider.revoke({ config: personal(fake.url), secrets, token }));
      expect(err.code).toBe('BAD_ARGUMENT');
      expect(err.message).toBe("This personal token has no Azion id stored, so Token Vault cannot revoke it. Delete it in Azion's console.");
      expect(fake.requests).toHaveLength(0);
    });
  });
});
