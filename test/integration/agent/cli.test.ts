import { afterEach, describe, expect, it, vi } from 'vitest';
import { ALLOW_FOR, ALLOW_ONCE, DENY } from '../../../main/agent/AgentApprovals.js';
import { startAgentWorld, PASSWORD, type AgentWorld, type CliRun } from '../../support/agentHarness.js';

// Every test starts real CLI processes; a loaded 2-core machine needs more than the default 5 s.
vi.setConfig({ testTimeout: 30_000 });

let w: AgentWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const agentAudit = async (world: AgentWorld) => (await world.t.services.audit.page({ offset: 0, limit: 500, action: 'agent' })).entries;
const expectOk = (r: CliRun): void => expect(r, r.stderr).toMatchObject({ code: 0 });

describe('tokenvault get', () => {
  it('asks the person, naming the process that ran the CLI, then prints exactly the token', async () => {
    w = await startAgentWorld();
    w.presence.reply(ALLOW_ONCE);
    const r = await w.cli(['get', 'azion-prod']);
    expectOk(r);
    const [value] = w.tokenValues();
    expect(r.stdout).toBe(`${value}\n`);
    expect(r.stderr).toBe('');
    const prompt = w.presence.prompts[0]!;
    expect(prompt.choices).toEqual(['Allow once', 'Allow for 10 minutes', 'Deny']);
    expect(prompt.cancelIndex).toBe(DENY);
    // The CLI's parent is this test process: its executable, folder and pid, confirmed in /proc.
    expect(prompt.detail).toContain(`Program: ${process.execPath} (pid ${process.pid})`);
    expect(prompt.detail).toContain(`Folder: ${process.cwd()}`);
    expect(prompt.detail).toContain('Ran: tokenvault get azion-prod');
    if (process.platform === 'linux') expect(prompt.detail).toContain('checked against the operating system');
    const [entry] = await agentAudit(w);
    expect(entry).toMatchObject({ action: 'agent', outcome: 'ok', accountLabel: 'azion-prod' });
    expect(entry!.detail).toContain(process.execPath);
    expect(entry!.tokenPreview).toBe((await w.t.services.tokens.list())[0]!.preview);
  });

  it('reuses a live token, and "Allow once" asks again next time while "Allow for" does not', async () => {
    w = await startAgentWorld();
    w.presence.reply(ALLOW_ONCE);
    const first = await w.cli(['get', 'azion-prod']);
    w.presence.reply(ALLOW_FOR);
    const second = await w.cli(['get', 'azion-prod']);
    const third = await w.cli(['get', 'azion-prod']);
    for (const r of [first, second, third]) expectOk(r);
    expect(new Set([first.stdout, second.stdout, third.stdout]).size).toBe(1);
    expect(w.presence.prompts).toHaveLength(2);
    expect(w.tokenValues()).toHaveLength(1);
    const grants = await w.t.services.agent.grants();
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ accountLabel: 'azion-prod', caller: { exe: process.execPath, pid: process.pid } });
  });

  it('mints a new token when the live one has less than --min-ttl left', async () => {
    w = await startAgentWorld();
    w.presence.reply(ALLOW_FOR);
    const a = await w.cli(['get', 'azion-prod']);
    w.clock.jump(23 * 3_600_000);
    // The 10-minute grant ended long ago: the person is asked again.
    w.presence.reply(ALLOW_ONCE);
    const b = await w.cli(['get', 'azion-prod', '--min-ttl', '2h']);
    expectOk(b);
    expect(b.stdout).not.toBe(a.stdout);
    expect(w.tokenValues()).toHaveLength(2);
  });

  it('prints the header, export, curl and json formats', async () => {
    w = await startAgentWorld();
    w.presence.reply(ALLOW_FOR);
    const header = await w.cli(['get', 'azion-prod', '--format', 'header']);
    const [value] = w.tokenValues();
    expect(header.stdout).toBe(`Authorization: Token ${value}\n`);
    expect((await w.cli(['get', 'azion-prod', '--format', 'export'])).stdout).toBe(`export AZION_TOKEN='${value}'\n`);
    expect((await w.cli(['get', 'azion-prod', '--format', 'curl'])).stdout).toContain(`'Authorization: Token ${value}'`);
    const json = JSON.parse((await w.cli(['get', 'azion-prod', '--format', 'json'])).stdout) as Record<string, unknown>;
    expect(json).toEqual({ token: value, expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), account: 'azion-prod', kind: 'azion-session' });
  });

  it('Deny: exit 4, a message, no token, and the refusal in the audit trail', async () => {
    w = await startAgentWorld();
    w.presence.reply(DENY);
    const r = await w.cli(['get', 'azion-prod']);
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/denied in Token Vault/);
    expect(w.tokenValues()).toHaveLength(0);
    expect((await agentAudit(w))[0]).toMatchObject({ outcome: 'DENIED' });
  });

  it('a grant ends when the injected clock passes its expiry', async () => {
    w = await startAgentWorld();
    await w.t.services.settings.update({ agentGrantMinutes: 5 });
    w.presence.reply(ALLOW_FOR);
    expectOk(await w.cli(['get', 'azion-prod']));
    w.clock.jump(4 * 60_000);
    expectOk(await w.cli(['get', 'azion-prod']));
    expect(w.presence.prompts).toHaveLength(1);
    expect(w.presence.prompts[0]!.choices[1]).toBe('Allow for 5 minutes');
    w.clock.jump(60_000);
    expect(await w.t.services.agent.grants()).toEqual([]);
    w.presence.reply(DENY);
    expect((await w.cli(['get', 'azion-prod'])).code).toBe(4);
    expect(w.presence.prompts).toHaveLength(2);
  });

  it('unknown accounts exit 5; a bad option exits 2 with what to do', async () => {
    w = await startAgentWorld();
    const missing = await w.cli(['get', 'nope']);
    expect(missing.code).toBe(5);
    expect(missing.stderr).toMatch(/tokenvault list/);
    const usage = await w.cli(['get', 'azion-prod', '--min-ttl', 'soon']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/15m/);
    expect(w.presence.prompts).toHaveLength(0);
  });

  it('accounts can be named by id', async () => {
    w = await startAgentWorld();
    const id = (await w.t.services.accounts.list()).find((a) => a.label === 'azion-prod')!.id;
    w.presence.reply(ALLOW_ONCE);
    expectOk(await w.cli(['get', id]));
  });
});

describe('locking', () => {
  it('lock from the CLI locks the vault and drops every grant; the next request asks again', async () => {
    w = await startAgentWorld();
    w.presence.reply(ALLOW_FOR);
    expectOk(await w.cli(['get', 'azion-prod']));
    expect(await w.t.services.agent.grants()).toHaveLength(1);
    const lock = await w.cli(['lock']);
    expectOk(lock);
    expect(w.t.services.vault.isUnlocked()).toBe(false);
    expect(w.t.services.agentGrants.size()).toBe(0);
    await w.t.services.vault.unlock(PASSWORD);
    w.presence.reply(ALLOW_ONCE);
    expectOk(await w.cli(['get', 'azion-prod']));
    expect(w.presence.prompts).toHaveLength(2);
  });

  it('a locked vault: the CLI says so (exit 3), the app is asked to unlock, and the request is audited on unlock', async () => {
    w = await startAgentWorld({ unlocked: false });
    const r = await w.cli(['get', 'azion-prod']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/locked.*Unlock it/i);
    expect(w.unlockRequests).toHaveLength(1);
    expect(w.unlockRequests[0]!.exe).toBe(process.execPath);
    expect(w.presence.prompts).toHaveLength(0);
    // A retry right away does not pull the window forward again; one after 10 s does.
    expect((await w.cli(['list'])).code).toBe(3);
    expect(w.unlockRequests).toHaveLength(1);
    w.clock.jump(10_000);
    expect((await w.cli(['list'])).code).toBe(3);
    expect(w.unlockRequests).toHaveLength(2);
    const status = await w.cli(['status']);
    expect(status.code).toBe(3);
    expect(status.stdout).toMatch(/locked/);
    await w.t.services.vault.unlock(PASSWORD);
    await expect.poll(async () => (await agentAudit(w!)).map((e) => e.outcome)).toEqual(['ok', 'LOCKED', 'LOCKED', 'LOCKED']);
  });

  it('grants are dropped when the vault locks from the app too, even with a prompt open', async () => {
    w = await startAgentWorld();
    const pending = w.cli(['get', 'azion-prod']);
    await w.presence.prompted(1);
    await w.t.services.vault.lock();
    w.presence.reply(ALLOW_FOR);
    const r = await pending;
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(w.t.services.agentGrants.size()).toBe(0);
  });
});

describe('app not running', () => {
  it('exits 7 and says to start the app', async () => {
    w = await startAgentWorld();
    const r = await w.cli(['status'], { env: { TOKENVAULT_SOCKET: `${w.t.dataDir}/nowhere.sock` } });
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/not running.*Start the app/);
  });
});

describe('mint, revoke, list', () => {
  it('mint prints the new token without its value; revoke and revoke --all revoke at the provider', async () => {
    w = await startAgentWorld();
    w.presence.reply(ALLOW_FOR);
    const m1 = await w.cli(['mint', 'azion-prod']);
    const m2 = await w.cli(['mint', 'azion-prod']);
    expectOk(m1);
    expectOk(m2);
    expect(m1.stdout).toMatch(/^Minted [0-9a-f]+ {2}azion-prod {2}azion-session/);
    const views = await w.t.services.tokens.list();
    expect(views).toHaveLength(2);
    const list = await w.cli(['list', '--json']);
    const parsed = JSON.parse(list.stdout) as { tokens: Array<{ id: string; state: string }>; accounts: Array<{ label: string }> };
    expect(parsed.accounts.map((a) => a.label).sort()).toEqual(['azion-prod', 'ocean']);
    expect(parsed.tokens.map((t) => t.id).sort()).toEqual(views.map((v) => v.id).sort());
    const one = await w.cli(['revoke', views[0]!.id]);
    expectOk(one);
    expect(one.stdout).toMatch(/^Revoked /);
    w.presence.reply(1); // main's own "Revoke all tokens?" dialog: bulk needs the person too
    const all = await w.cli(['revoke', '--account', 'azion-prod', '--all']);
    expectOk(all);
    expect(all.stdout).toBe('Revoked 1 token of azion-prod.\n');
    expect((await w.t.services.tokens.list()).every((t) => t.state === 'revoked')).toBe(true);
    const secrets = w.tokenValues();
    const audit = JSON.stringify(await w.t.services.audit.page({ offset: 0, limit: 500 }));
    for (const s of secrets) {
      for (const r of [m1, m2, list, one, all]) expect(r.stdout + r.stderr).not.toContain(s);
      expect(w.t.logLines.join('\n')).not.toContain(s);
      expect(audit).not.toContain(s);
    }
    expect(w.presence.prompts.map((p) => p.title)).toEqual(['Command-line access', 'Revoke all tokens?']);
  });

  it('revoke of an unknown token exits 5; revoke with --all but no account is a usage error', async () => {
    w = await startAgentWorld();
    expect((await w.cli(['revoke', 'deadbeef'])).code).toBe(5);
    expect((await w.cli(['revoke', '--all'])).code).toBe(2);
  });

  it('Ocean mints still need the signing approval, after the access one', async () => {
    w = await startAgentWorld();
    w.presence.reply(ALLOW_FOR);
    w.presence.reply(1); // Sign
    const r = await w.cli(['get', 'ocean']);
    expectOk(r);
    expect(w.presence.prompts.map((p) => p.title)).toEqual(['Command-line access', 'Approve signature']);
    expect(w.presence.prompts[1]!.detail).toMatch(/Nonce: /);
    expect(r.stdout.trim()).toBe(w.tokenValues()[0]);
    // A standing grant does not sign: a new mint asks to sign again.
    w.presence.reply(0); // Cancel
    const declined = await w.cli(['mint', 'ocean']);
    expect(declined.code).toBe(4);
    expect(declined.stderr).toMatch(/signature was declined/);
    expect(w.presence.prompts).toHaveLength(3);
  });
});

describe('concurrent CLIs', () => {
  it('one prompt at a time; "Allow for" answers the whole queue', async () => {
    w = await startAgentWorld();
    const runs = Array.from({ length: 5 }, () => w!.cli(['get', 'azion-prod']));
    await w.presence.prompted(1);
    w.presence.reply(ALLOW_FOR);
    const results = await Promise.all(runs);
    for (const r of results) expectOk(r);
    expect(w.presence.prompts).toHaveLength(1);
    expect(new Set(results.map((r) => r.stdout)).size).toBe(1);
  });

  it('"Allow once" answers exactly one request: the others are asked in turn', async () => {
    w = await startAgentWorld();
    const runs = Array.from({ length: 3 }, () => w!.cli(['get', 'azion-prod']));
    for (let i = 1; i <= 3; i++) {
      await w.presence.prompted(i);
      expect(w.presence.waiting()).toBe(1);
      w.presence.reply(i === 2 ? DENY : ALLOW_ONCE);
    }
    const codes = (await Promise.all(runs)).map((r) => r.code).sort();
    expect(codes).toEqual([0, 0, 4]);
  });
});

describe('help and usage', () => {
  it('every command has --help (exit 0); no command or an unknown one is a usage error (exit 2)', async () => {
    w = await startAgentWorld();
    for (const cmd of ['status', 'list', 'get', 'exec', 'mint', 'revoke', 'lock']) {
      const r = await w.cli([cmd, '--help']);
      expect(r.code, cmd).toBe(0);
      expect(r.stdout.startsWith(`Usage: tokenvault ${cmd}`), cmd).toBe(true);
    }
    const main = await w.cli(['--help']);
    expect(main.code).toBe(0);
    expect(main.stdout).toMatch(/Exit codes:[\s\S]*7 {2}app not running/);
    expect((await w.cli([])).code).toBe(2);
    const unknown = await w.cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/tokenvault --help/);
    expect(w.presence.prompts).toHaveLength(0);
  });
});
