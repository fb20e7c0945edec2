import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../preload/contract.js';
import { launchApp, type LaunchedApp } from '../e2e/harness/launchApp.js';
import { startFakeAzion, type FakeAzion } from '../fakes/fakeAzion.js';
import { startFakeOceanProvider, type FakeOceanProvider } from '../fakes/fakeOceanProvider.js';
import { TEST_KEY } from '../fakes/vectors.js';
import { findLeaks, secretForms, withDecodedBase64 } from '../support/secretForms.js';

const MASTER = 'secret-scan master passphrase, quite long 7d1f';
const AZION_EMAIL = 'scan@example.com';
const AZION_PASSWORD = 'made-up Azion pw/for+scan=9c2e';

interface Received {
  channel: string;
  result: unknown;
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    // The CLI agent's socket (agent/agent.sock) holds no bytes and cannot be read as a file.
    else if (!entry.isSocket()) out.push(path);
  }
  return out;
}

const bytesOf = (value: unknown): Buffer => Buffer.from(JSON.stringify(value) ?? 'undefined', 'utf8');

describe('no secret reaches the disk, the log, the audit trail or the renderer', () => {
  let app: LaunchedApp;
  let azion: FakeAzion;
  let provider: FakeOceanProvider;
  const received: Received[] = [];

  /** One call through window.vault in the page, exactly as the renderer makes it. */
  async function call<T>(name: string, ...args: unknown[]): Promise<T> {
    const result = (await app.page.evaluate(
      ([n, a]) => (window.vault as unknown as Record<string, (...x: unknown[]) => Promise<unknown>>)[n]!(...a),
      [name, args] as const,
    )) as Result<T>;
    if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  }

  beforeAll(async () => {
    azion = await startFakeAzion({ accounts: [{ email: AZION_EMAIL, password: AZION_PASSWORD }] });
    provider = await startFakeOceanProvider();
    app = await launchApp();
    // Everything main answers the renderer, the UI's own calls included.
    const invoke = app.ipc.invoke.bind(app.ipc);
    app.ipc.invoke = async (channel, event, args) => {
      const result = await invoke(channel, event, args);
      received.push({ channel, result });
      return result;
    };
    await app.page.evaluate(() => {
      const w = window as unknown as { __scanEvents: unknown[] };
      w.__scanEvents = [];
      window.vault.onEvent((e) => w.__scanEvents.push(e));
    });
  });

  afterAll(async () => {
    await app?.close();
    await azion?.close();
    await provider?.close();
  });

  it('after create, settings, accounts, mint, copy, reveal, check, revoke, lock and unlock', async () => {
    await call('create', MASTER);
    // Longer auto-lock weakens protection: main wants the master password in the same call.
    await call('updateSettings', { clipboardClearSeconds: 20, autoLockMinutes: 30 }, MASTER);
    const bases = { authBase: azion.url, apiBase: azion.url, checkBase: azion.url };
    const azionAccount = await call<{ id: string }>('addAccount', { kind: 'azion', label: 'Azion', email: AZION_EMAIL, password: AZION_PASSWORD, mode: 'session', ...bases });
    // The public Hardhat/Anvil test key #0 (vectors.json): never real funds.
    const oceanAccount = await call<{ id: string }>('addAccount', { kind: 'ocean', label: 'Ocean', providerUrl: provider.url, key: { type: 'hex', privateKey: TEST_KEY.privateKey } });

    const azionToken = await call<{ id: string }>('mint', azionAccount.id, {});
    const preview = await call<{ previewId: string }>('previewMint', oceanAccount.id, {});
    const oceanToken = await call<{ id: string }>('mint', oceanAccount.id, { previewId: preview.previewId });
    const values = Object.fromEntries(app.services.vault.read().tokens.map((t) => [t.id, t.value]));
    const azionValue = values[azionToken.id]!;
    const oceanValue = values[oceanToken.id]!;

    await call('copy', azionToken.id, 'curl');
    await call('copy', oceanToken.id, 'header');
    // A reveal needs the person's real input first (main's presence sees trusted input only).
    await app.page.keyboard.press('Shift');
    const revealed = await call<string>('reveal', oceanToken.id);
    await call('check', azionToken.id);
    await call('listTokens');
    await call('auditPage', { offset: 0, limit: 100 });
    await call('revoke', azionToken.id);
    await call('revoke', oceanToken.id);
    await call('lock');
    await call('unlock', MASTER);
    for (const name of ['listTokens', 'listAccounts', 'getSettings', 'backups']) await call(name);
    const audit = await call<{ entries: { action: string }[] }>('auditPage', { offset: 0, limit: 100 });
    await app.services.tokens.settled();

    // The scenario really happened: minted on the fakes, copied by main, revealed once, audited.
    expect(revealed).toBe(oceanValue);
    expect(app.clipboard.writes.some((w) => w.includes(azionValue))).toBe(true);
    expect(audit.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['account', 'mint', 'copy', 'reveal', 'revoke']));
    expect(azion.sessions().has(azionValue)).toBe(false);
    expect(provider.revoked()).toContain(oceanValue);

    const signatures = provider.requests.flatMap((r) => [r.query.get('signature'), (JSON.parse(r.body || '{}') as { signature?: string }).signature]).filter((s): s is string => !!s);
    expect(signatures.length).toBeGreaterThanOrEqual(2);
    const secrets: Record<string, string> = {
      'master password': MASTER,
      'Azion password': AZION_PASSWORD,
      'Ocean private key': TEST_KEY.privateKey,
      'Azion session token': azionValue,
      'Ocean token': oceanValue,
      'Ocean token signature part': oceanValue.split('.')[2]!,
      ...Object.fromEntries(signatures.map((s, i) => [`request signature ${i}`, s])),
    };

    // The single reveal result is the one place a token value may go; every other answer is scanned.
    const reveals = received.filter((r) => r.channel === 'tokens:reveal');
    expect(reveals).toHaveLength(1);
    expect(findLeaks({ reveal: [bytesOf(reveals[0]!.result)] }, { 'Ocean token': oceanValue })).toHaveLength(1);

    const files = await filesUnder(app.dataDir);
    expect(files.map((f) => f.slice(app.dataDir.length + 1))).toEqual(expect.arrayContaining(['vault.json', 'vault.json.bak1', 'settings.json']));
    // The journal holds the tokens and the audit trail since the last vault file: scanned like the rest.
    expect(files.some((f) => /vault\.json\.j-\d+-[0-9a-f]{6}$/.test(f))).toBe(true);
    const places: Record<string, Buffer[]> = {};
    for (const file of files) places[`file ${file.slice(app.dataDir.length + 1)}`] = withDecodedBase64(await readFile(file));
    places['log'] = app.logLines.map((l) => Buffer.from(l));
    places['audit trail'] = [bytesOf(app.services.vault.read().audit), bytesOf(await app.services.audit.page({ offset: 0, limit: 1000 }))];
    places['IPC results'] = received.filter((r) => r.channel !== 'tokens:reveal').map((r) => bytesOf(r));
    places['events from main'] = app.events.map(bytesOf);
    places['events in the page'] = [bytesOf(await app.page.evaluate(() => (window as unknown as { __scanEvents: unknown[] }).__scanEvents))];
    places['page DOM'] = [Buffer.from(await app.page.content())];
    expect(places['IPC results']!.length).toBeGreaterThan(20);
    expect(app.events.some((e) => e.type === 'tokens-changed' && e.tokens.length === 2)).toBe(true);

    expect(findLeaks(places, secrets)).toEqual([]);
    // The scan itself can see: each secret is found when planted.
    for (const [label, secret] of Object.entries(secrets)) {
      for (const form of secretForms(secret)) expect(findLeaks({ planted: withDecodedBase64(Buffer.concat([Buffer.from('x '), form, Buffer.from(' y')])) }, { [label]: secret })).toHaveLength(1);
    }
  });
});
