/**
 * The hostile window: a script in the renderer (an XSS, a line pasted into DevTools) calls every
 * channel the way an attacker would, through the real `dispatch` as the trusted top frame, against
 * the app's real composition and loopback fakes of Azion and the Ocean Provider. Nobody is at the
 * keyboard, so main's dialogs are declined (or, with no presence adapter, refused). Every attempt
 * must fail with a typed error whose message says what the person must do, change nothing, and no
 * request may ever leave for a host the person did not enter.
 */
import { createCipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';
import { keccak256 } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArgsOf, Channel, ErrorCode, Result, ResultOf, TokenView } from '../../preload/contract.js';
import { ERROR_CODES } from '../../preload/contract.js';
import { DEFAULT_MESSAGES } from '../../main/core/errors.js';
import { createHandlers } from '../../main/ipc/handlers.js';
import { dispatch, type RegisterOptions } from '../../main/ipc/register.js';
import { schemas } from '../../preload/schemas.js';
import { APP_ORIGIN, isTrustedUrl } from '../../main/window/security.js';
import { startFakeAzion, startFakeOceanProvider, type FakeAzion, type FakeOceanProvider } from '../fakes/index.js';
import { FakeKeyWrapper } from '../support/FakeKeyWrapper.js';
import { FakeClock } from '../support/FakeClock.js';
import { startTestServices, type TestServices } from '../support/testServices.js';
import { TestPresence } from '../support/TestPresence.js';

const MASTER = 'correct horse battery staple 42';
const AZION_EMAIL = 'ops@example.com';
const AZION_PASSWORD = 'Azion-account-pw-7781';
// Hardhat/Anvil accounts #0 and #1: PUBLIC TEST KEYS, never real funds.
const HARDHAT_KEY_0 = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const HARDHAT_KEY_1 = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const ATTACKER = 'https://attacker.example';

describe('a hostile window', () => {
  const clock = new FakeClock(Date.now());
  const presence = new TestPresence(clock, 'cancel');
  const keychain = new FakeKeyWrapper();
  keychain.backendName = 'basic_text'; // Linux's "keychain" with a publicly known key
  const sent: URL[] = [];
  let azion: FakeAzion;
  let ocean: FakeOceanProvider;
  let app: TestServices;
  let opts: RegisterOptions;
  let azionId: string;
  let oceanId: string;
  let azionToken: TokenView;
  let oceanToken: TokenView;

  /** One call as the window makes it: the trusted top frame, the real schemas, the real handlers. */
  async function call<C extends Channel>(channel: C, ...args: ArgsOf<C>): Promise<Result<ResultOf<C>>> {
    return dispatch(channel, { senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null } }, args, opts);
  }
  async function ok<C extends Channel>(channel: C, ...args: ArgsOf<C>): Promise<ResultOf<C>> {
    const r = await call(channel, ...args);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value;
  }
  /** The attempt fails with `code`, and its message tells the person what to do. */
  async function refused<C extends Channel>(code: ErrorCode, channel: C, ...args: ArgsOf<C>): Promise<string> {
    const r = await call(channel, ...args);
    expect(r.ok, `${channel} should be refused`).toBe(false);
    if (r.ok) return '';
    expect(r.error.code, `${channel}: ${r.error.message}`).toBe(code);
    expect(ERROR_CODES).toContain(r.error.code);
    expect(r.error.message.length).toBeGreaterThan(20);
    return r.error.message;
  }
  const allowedOrigins = (): Set<string> => new Set([new URL(azion.url).origin, new URL(ocean.url).origin]);
  const stored = () => app.services.vault.read();

  beforeAll(async () => {
    azion = await startFakeAzion({ accounts: [{ email: AZION_EMAIL, password: AZION_PASSWORD }] });
    ocean = await startFakeOceanProvider();
    const recordingFetch: typeof fetch = (input, init) => {
      sent.push(new URL(input instanceof Request ? input.url : String(input)));
      return fetch(input, init);
    };
    app = await startTestServices({ clock, fetch: recordingFetch, presence, keyWrapper: keychain });
    opts = {
      handlers: createHandlers(app.services),
      schemas,
      isTrustedSender: (url) => isTrustedUrl(url, [APP_ORIGIN]),
    };
    // The person sets the vault up (and approves the one Ocean signature they ask for).
    await ok('vault:create', MASTER);
    const bases = { authBase: azion.url, apiBase: azion.url, checkBase: azion.url };
    azionId = (await ok('accounts:add', { kind: 'azion', label: 'azion-prod', email: AZION_EMAIL, password: AZION_PASSWORD, mode: 'session', ...bases })).id;
    oceanId = (await ok('accounts:add', { kind: 'ocean', label: 'ocean-market', providerUrl: ocean.url, key: { type: 'hex', privateKey: HARDHAT_KEY_0 } })).id;
    azionToken = await ok('tokens:mint', azionId, {});
    presence.answer = 'approve';
    const preview = await ok('tokens:previewMint', oceanId, { expiresAt: clock.now() + 3_600_000 });
    oceanToken = await ok('tokens:mint', oceanId, { previewId: preview.previewId });
    presence.answer = 'cancel';
    presence.prompts.length = 0;
  });

  afterAll(async () => {
    await app?.close();
    await azion?.close();
    await ocean?.close();
  });

  it('cannot send the Azion password or tokens to a new host (authBase, apiBase, checkBase)', async () => {
    for (const field of ['authBase', 'apiBase', 'checkBase'] as const) {
      const message = await refused('SECRET_REQUIRED', 'accounts:update', azionId, { [field]: ATTACKER });
      expect(message).toMatch(/password .*entered again/);
      // Another port on this very machine is another origin too.
      await refused('SECRET_REQUIRED', 'accounts:update', azionId, { [field]: 'http://127.0.0.1:1' });
    }
    expect(presence.prompts).toEqual([]); // refused before anyone is even asked
    // A guessed "re-entry" reaches main's dialog, which the person (who asked nothing) declines;
    // the guess replaces nothing.
    const message = await refused('NOT_CONFIRMED', 'accounts:update', azionId, { authBase: ATTACKER, password: 'attacker-guess' });
    expect(message).toMatch(/confirm/);
    expect(presence.prompts.at(-1)?.detail).toContain('attacker.example');
    const account = stored().accounts.find((a) => a.id === azionId)!;
    expect(account.config).toMatchObject({ authBase: azion.url, apiBase: azion.url, checkBase: azion.url });
    expect(account.secrets).toMatchObject({ password: AZION_PASSWORD });
    // Minting and checking still go where the person pointed them.
    await ok('tokens:mint', azionId, {});
    await ok('tokens:check', azionToken.id);
    expect(JSON.stringify(azion.requests)).not.toContain('attacker');
  });

  it('cannot point the Ocean key at a new provider, with or without a key of its own', async () => {
    await refused('SECRET_REQUIRED', 'accounts:update', oceanId, { providerUrl: ATTACKER });
    const wrongKey = await refused('BAD_KEY', 'accounts:update', oceanId, { providerUrl: ATTACKER, key: { type: 'hex', privateKey: HARDHAT_KEY_1 } });
    expect(wrongKey).toMatch(/Enter this account's key/);
    await refused('BAD_ARGUMENT', 'accounts:update', oceanId, { providerUrl: ATTACKER, key: { type: 'generate' } } as never);
    expect(stored().accounts.find((a) => a.id === oceanId)?.config).toMatchObject({ providerUrl: ocean.url });
  });

  it('cannot sign without the person approving main\'s dialog', async () => {
    const before = ocean.requests.filter((r) => r.path.includes('createAuthToken')).length;
    await refused('BAD_ARGUMENT', 'tokens:mint', oceanId, {});
    await refused('BAD_ARGUMENT', 'tokens:mint', oceanId, { previewId: 'made-up-preview' });
    const preview = await ok('tokens:previewMint', oceanId, {});
    // The preview is honest about what is signed and who can use it.
    expect(preview.statement).toMatch(/Only your address and the nonce are signed/);
    expect(preview.statement).toMatch(/expiry and the server's address are not signed/);
    expect(preview.statement).toMatch(/any Ocean provider/);
    const message = await refused('NOT_CONFIRMED', 'tokens:mint', oceanId, { previewId: preview.previewId });
    expect(message).toMatch(/its own dialog/);
    const asked = presence.prompts.at(-1)!;
    expect(asked.title).toBe('Approve signature');
    expect(asked.detail).toContain(preview.message);
    expect(asked.detail).toContain('not signed');
    expect(asked.choices[asked.defaultIndex ?? 0]).toBe('Cancel'); // Enter does not approve
    expect(ocean.requests.filter((r) => r.path.includes('createAuthToken')).length).toBe(before);
    // Turning on auto-renew (which signs without asking each time) is the person's decision too.
    await refused('NOT_CONFIRMED', 'accounts:update', oceanId, { autoRenew: true });
    expect(stored().accounts.find((a) => a.id === oceanId)?.autoRenew).toBe(false);
  });

  it('cannot reveal in a loop: reveal needs the person\'s real input, and is rate-limited even then', async () => {
    for (let i = 0; i < 20; i++) {
      const message = await refused('INPUT_REQUIRED', 'tokens:reveal', oceanToken.id);
      if (i === 0) expect(message).toMatch(/click or press a key/);
    }
    // One real click lets a script ride along for a second: at most REVEAL_LIMIT values, then a wait.
    presence.input();
    let revealed = 0;
    let last: Result<string> | undefined;
    for (let i = 0; i < 20; i++) {
      last = await call('tokens:reveal', i % 2 ? azionToken.id : oceanToken.id);
      if (!last.ok) break;
      revealed++;
    }
    expect(revealed).toBe(5);
    expect(last).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
    expect(last!.ok ? 0 : last!.error.retryAt).toBeGreaterThan(clock.now());
    clock.jump(2000); // the click is old now
    await refused('INPUT_REQUIRED', 'tokens:reveal', oceanToken.id);
    clock.jump(60_000);
  });

  it('cannot weaken protection without the master password, nor guess it quickly', async () => {
    const weakening = [
      { autoLockMinutes: 0 },
      { autoLockMinutes: 24 * 60 },
      { lockOnSleep: false },
      { clipboardClearSeconds: 0 },
      { clipboardClearSeconds: 3600 },
      { keychainAcceptInsecure: true },
      { keychainUnlock: true },
      { keychainUnlock: true, keychainAcceptInsecure: true },
      { agentGrantMinutes: 24 * 60 },
    ];
    const before = await ok('settings:get');
    for (const patch of weakening) {
      const message = await refused('PASSWORD_REQUIRED', 'settings:update', patch);
      expect(message).toMatch(/master password/);
    }
    // Guessing is slowed down in main: 3 tries, then a growing wait (the right password waits too).
    for (let i = 0; i < 3; i++) await refused('BAD_PASSWORD', 'settings:update', { lockOnSleep: false }, `guess-${i}`);
    await refused('BAD_PASSWORD', 'settings:update', { lockOnSleep: false }, 'guess-3');
    const wait = await refused('TOO_MANY_ATTEMPTS', 'settings:update', { lockOnSleep: false }, MASTER);
    expect(wait).toMatch(/Wait until the time shown/);
    expect(await ok('settings:get')).toEqual(before);
    expect(keychain.wraps).toBe(0); // the data key was never wrapped with the publicly known key
    expect(await app.services.vault.keychainEnabled()).toBe(false);
    // Strengthening needs nothing.
    expect((await ok('settings:update', { autoLockMinutes: 5, clipboardClearSeconds: 10 })).settings).toMatchObject({ autoLockMinutes: 5 });
    clock.jump(5 * 60_000);
  });

  it('cannot revoke everything or remove an account behind the person\'s back', async () => {
    const deletes = (): number => azion.requests.filter((r) => r.method === 'DELETE').length;
    const before = deletes();
    const message = await refused('NOT_CONFIRMED', 'tokens:revokeAll', azionId);
    expect(message).toMatch(/confirm button/);
    expect(presence.prompts.at(-1)?.title).toBe('Revoke all tokens?');
    expect(deletes()).toBe(before);
    await refused('NOT_CONFIRMED', 'accounts:remove', azionId);
    await refused('NOT_CONFIRMED', 'accounts:remove', oceanId);
    expect(stored().accounts.map((a) => a.id)).toEqual([azionId, oceanId]);
    expect(stored().tokens.filter((t) => t.state === 'active').length).toBeGreaterThanOrEqual(2);
  });

  it('cannot clear a history behind the person\'s back', async () => {
    // The person revokes one token (one click, theirs to make): the account now has a history.
    const extra = await ok('tokens:mint', azionId, {});
    expect((await ok('tokens:revoke', extra.id)).state).toBe('revoked');
    const message = await refused('NOT_CONFIRMED', 'tokens:clearHistory', azionId);
    expect(message).toMatch(/confirm button/);
    expect(presence.prompts.at(-1)?.title).toBe('Clear history?');
    expect(stored().tokens.map((t) => t.id)).toContain(extra.id);
  });

  it('cannot freeze main with a keystore bomb', async () => {
    const bomb = (kdf: 'scrypt' | 'pbkdf2', kdfparams: Record<string, unknown>): string =>
      JSON.stringify({ version: 3, address: '0'.repeat(40), crypto: { cipher: 'aes-128-ctr', ciphertext: '00'.repeat(32), cipherparams: { iv: '00'.repeat(16) }, kdf, kdfparams: { dklen: 32, salt: '00'.repeat(32), ...kdfparams }, mac: '00'.repeat(32) } });
    for (const json of [bomb('pbkdf2', { c: 10_000_000, prf: 'hmac-sha256' }), bomb('scrypt', { n: 2 ** 20, r: 8, p: 1 }), bomb('scrypt', { n: 2 ** 14, r: 8, p: 1000 })]) {
      const message = await refused('KEYSTORE_TOO_COSTLY', 'accounts:add', { kind: 'ocean', label: 'bomb', providerUrl: ATTACKER, key: { type: 'keystore', json, password: 'x' } });
      expect(message).toMatch(/Re-export it with standard settings/);
    }
    // A file at an accepted cost is derived on a worker thread: main's event loop keeps turning.
    // geth's pbkdf2 cost (c = 2^18): on main's thread this would hold the event loop for its whole run.
    const json = pbkdf2Keystore(HARDHAT_KEY_0, 'ks-pw', 2 ** 18);
    let turns = 0;
    const spin = setInterval(() => turns++, 0);
    let turnsWhenDone = -1;
    // A wrong password: the call ends right after the derivation, with no file I/O to yield on.
    const r = await call('accounts:update', oceanId, { key: { type: 'keystore', json, password: 'not-ks-pw' } }).finally(() => (turnsWhenDone = turns));
    clearInterval(spin);
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_KEY' } });
    expect(turnsWhenDone).toBeGreaterThanOrEqual(2);
    expect(await ok('accounts:update', oceanId, { key: { type: 'keystore', json, password: 'ks-pw' } })).toMatchObject({ id: oceanId });
  });

  it('never made a request to a host the person did not enter', () => {
    expect(sent.length).toBeGreaterThan(0);
    const foreign = sent.filter((u) => !allowedOrigins().has(u.origin)).map((u) => u.href);
    expect(foreign).toEqual([]);
  });

  it('gets plain, actionable words for every new refusal', () => {
    for (const code of ['PASSWORD_REQUIRED', 'SECRET_REQUIRED', 'NOT_CONFIRMED', 'INPUT_REQUIRED', 'TOO_MANY_ATTEMPTS'] as const) {
      expect(DEFAULT_MESSAGES[code]).toMatch(/\b(Enter|enter|try again|Click|Wait)\b/);
    }
  });
});

/** A Web3 Secret Storage v3 keystore with pbkdf2-sha256 (geth writes these), built by hand. */
function pbkdf2Keystore(privateKey: string, password: string, c: number): string {
  const salt = randomBytes(32);
  const iv = randomBytes(16);
  const dk = pbkdf2Sync(password, salt, c, 32, 'sha256');
  const cipher = createCipheriv('aes-128-ctr', dk.subarray(0, 16), iv);
  const ciphertext = Buffer.concat([cipher.update(Buffer.from(privateKey.slice(2), 'hex')), cipher.final()]);
  const mac = keccak256(Buffer.concat([dk.subarray(16, 32), ciphertext])).slice(2);
  return JSON.stringify({
    version: 3,
    crypto: { cipher: 'aes-128-ctr', ciphertext: ciphertext.toString('hex'), cipherparams: { iv: iv.toString('hex') }, kdf: 'pbkdf2', kdfparams: { c, dklen: 32, prf: 'hmac-sha256', salt: salt.toString('hex') }, mac },
  });
}

/** A token that ended long ago, as the vault stores one (its value is a placeholder, not a secret). */
const PAST_TOKEN = { id: 'f'.repeat(32), kind: 'ocean-provider', value: 'placeholder-not-a-token', state: 'active' } as const;

describe('a composition without a presence adapter', () => {
  it('refuses everything that needs a person (fails closed)', async () => {
    const clock = new FakeClock(Date.now());
    const app = await startTestServices({ clock });
    try {
      const s = app.services;
      await s.vault.create(MASTER);
      const a = await s.accounts.add({ kind: 'ocean', label: 'o', providerUrl: 'https://p.example', key: { type: 'hex', privateKey: HARDHAT_KEY_0 } });
      await expect(s.accounts.remove(a.id)).rejects.toMatchObject({ code: 'NOT_CONFIRMED' });
      // A history to clear (a token that ended, as the vault keeps it): no one can say yes.
      await s.vault.update((d) => {
        d.tokens.push({ ...PAST_TOKEN, accountId: a.id, createdAt: clock.now() - 7_200_000, expiresAt: clock.now() - 3_600_000 });
      });
      await expect(s.tokens.clearHistory(a.id)).rejects.toMatchObject({ code: 'NOT_CONFIRMED' });
      expect(s.vault.read().tokens).toHaveLength(1);
      await expect(s.accounts.update(a.id, { providerUrl: 'https://q.example', key: { type: 'hex', privateKey: HARDHAT_KEY_0 } })).rejects.toMatchObject({ code: 'NOT_CONFIRMED' });
      await expect(s.tokens.reveal('0'.repeat(32))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await app.close();
    }
  });
});
