import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../../main/core/log.js';
import { Redactor } from '../../../../main/core/redact.js';
import { LockState } from '../../../../main/core/vault/LockState.js';
import type { Session } from '../../../../main/core/vault/SessionFile.js';
import type { VaultData } from '../../../../main/core/vault/vaultRecords.js';

/** A logger that keeps its lines, to see what was logged and at which level. */
function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) =>
    void lines.push(`${level} ${msg}${fields ? ` ${Object.keys(fields).join(',')}` : ''}`);
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

const TOKEN = 'tok-0123456789abcdef-live';
const PASSWORD = 'correct horse battery staple';

function session(): Session {
  const data: VaultData = {
    accounts: [],
    tokens: [{ value: TOKEN } as VaultData['tokens'][number]],
    audit: [],
    oceanExpirations: { a: [1] },
  };
  // Only what LockState touches: the data key and the data.
  return { dataKey: Buffer.alloc(32, 7), data } as unknown as Session;
}

function setup() {
  const redactor = new Redactor();
  const logger = recordingLogger();
  const state = new LockState({ redactor, logger });
  return { redactor, logger, state };
}

describe('LockState', () => {
  it('locked at first: no session, and require() is a LOCKED AppError', () => {
    const { state } = setup();
    expect(state.session).toBeNull();
    expect(() => state.require()).toThrow(expect.objectContaining({ name: 'AppError', code: 'LOCKED' }));
  });

  it('begin: the session is current, its password and secrets are redacted from then on, listeners hear "unlocked"', async () => {
    const { state, redactor } = setup();
    const heard: string[] = [];
    state.onLockChange((u) => heard.push(`lock ${String(u)}`));
    state.onStatusChange((s) => heard.push(`status ${s}`));
    const s = session();
    const begun = state.begin(s, PASSWORD);
    // Not current (nothing can read it, so nothing can log it) until its secrets are registered.
    expect(state.session).toBeNull();
    expect(heard).toEqual([]);
    expect(await begun).toBe(s);
    expect(state.session).toBe(s);
    expect(state.require()).toBe(s);
    expect(redactor.redact(`${PASSWORD} ${TOKEN}`)).not.toMatch(/horse|0123456789abcdef/);
    expect(heard).toEqual(['lock true', 'status unlocked']);
  });

  it('end: wipes the data key, drops the data and the redactor\'s secrets, logs it, listeners hear "locked"', async () => {
    const { state, redactor, logger } = setup();
    const s = await state.begin(session(), PASSWORD);
    const key = s.dataKey;
    const heard: string[] = [];
    state.onLockChange((u) => heard.push(`lock ${String(u)}`));
    state.onStatusChange((st) => heard.push(`status ${st}`));
    state.end();
    expect(state.session).toBeNull();
    expect(() => state.require()).toThrow(expect.objectContaining({ code: 'LOCKED' }));
    expect([...key].every((b) => b === 0)).toBe(true);
    expect(s.data).toEqual({ accounts: [], tokens: [], audit: [], oceanExpirations: {} });
    expect(redactor.redact(TOKEN)).toBe(TOKEN);
    expect(logger.lines).toEqual(['info vault locked']);
    expect(heard).toEqual(['lock false', 'status locked']);
  });

  it('end while locked does nothing: no log line, no listener call', () => {
    const { state, logger } = setup();
    const heard: boolean[] = [];
    state.onLockChange((u) => heard.push(u));
    state.end();
    expect(logger.lines).toEqual([]);
    expect(heard).toEqual([]);
  });

  it('a listener that throws is logged and stops neither the other listeners nor the lock', async () => {
    const { state, logger } = setup();
    const heard: string[] = [];
    state.onLockChange(() => {
      throw new Error('boom');
    });
    state.onLockChange((u) => heard.push(`second ${String(u)}`));
    state.onStatusChange(() => {
      throw new Error('boom');
    });
    state.onStatusChange((st) => heard.push(`status ${st}`));
    await state.begin(session());
    expect(state.session).not.toBeNull();
    expect(heard).toEqual(['second true', 'status unlocked']);
    expect(logger.lines).toEqual(['error vault listener failed error', 'error vault listener failed error']);
  });

  it('an unsubscribed listener hears nothing more', async () => {
    const { state } = setup();
    const heard: string[] = [];
    const offLock = state.onLockChange((u) => heard.push(`lock ${String(u)}`));
    const offStatus = state.onStatusChange((st) => heard.push(`status ${st}`));
    await state.begin(session());
    offLock();
    offStatus();
    state.end();
    expect(heard).toEqual(['lock true', 'status unlocked']);
  });
});
