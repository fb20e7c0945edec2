/**
 * `tokenvault`: asks the unlocked Token Vault app (its agent, main/agent) for tokens. Plain Node, no
 * dependencies, bundled into one small file (out/cli/tokenvault.cjs) so it starts about as fast as
 * Node itself. The token reaches stdout only for `get`, and a child's environment only for `exec`.
 */
import { cliEndpoint } from '../main/agent/endpoint.js';
import type { AgentResults, AgentTokenSummary, GetFormat } from '../main/agent/protocol.js';
import { parseArgs, type Parsed } from './args.js';
import { callAgent } from './client.js';
import { formatLeft, parseDuration } from './duration.js';
import { runChild } from './exec.js';
import { CliError, EXIT } from './exitCodes.js';
import { HELP } from './help.js';

const VERSION = '0.1.0';
const endpoint = (): string => cliEndpoint(process.platform, process.env);
const out = (text: string): void => void process.stdout.write(`${text}\n`);
const rfc3339 = (ms: number): string => new Date(ms).toISOString();

function oneAccount(p: Parsed, command: string): string {
  if (p.positionals.length !== 1) throw new CliError(`${command} needs exactly one ACCOUNT (a label or an id). See tokenvault ${command} --help.`, EXIT.usage);
  return p.positionals[0]!;
}

function minTtl(p: Parsed): number | undefined {
  const text = p.options.get('min-ttl');
  if (text === undefined) return undefined;
  const ms = typeof text === 'string' ? parseDuration(text) : undefined;
  if (ms === undefined) throw new CliError(`--min-ttl ${String(text)} is not a duration: use e.g. 90s, 15m, 2h or 1d.`, EXIT.usage);
  return ms;
}

function tokenLine(t: AgentTokenSummary, now: number): string {
  return `${t.id}  ${t.accountLabel}  ${t.kind}  ${t.preview}  ${t.state === 'active' || t.state === 'expiring' ? `${formatLeft(t.expiresAt - now)} left` : t.state}`;
}

async function getToken(account: string, p: Parsed, format?: GetFormat): Promise<AgentResults['get']> {
  const ttl = minTtl(p);
  const got = await callAgent(endpoint(), { op: 'get', account, ...(ttl !== undefined ? { minTtlMs: ttl } : {}), ...(format ? { format } : {}) });
  if (ttl !== undefined && got.expiresAt - got.now < ttl) {
    process.stderr.write(`tokenvault: note: the newest token for ${got.account.label} has only ${formatLeft(got.expiresAt - got.now)} left (less than --min-ttl).\n`);
  }
  return got;
}

const FORMATS = ['raw', 'header', 'curl', 'export', 'json'] as const;

const commands: Record<string, { spec: Parameters<typeof parseArgs>[1]; run: (p: Parsed) => Promise<number> }> = {
  status: {
    spec: { values: [], flags: [] },
    async run() {
      const s = await callAgent(endpoint(), { op: 'status' });
      const words = { unlocked: 'unlocked', locked: 'locked: unlock it in the Token Vault window', uninitialized: 'no vault yet: create one in the Token Vault window' };
      out(`Token Vault is running; the vault is ${words[s.vault]}.`);
      return s.vault === 'unlocked' ? EXIT.ok : EXIT.locked;
    },
  },
  list: {
    spec: { values: [], flags: ['json'] },
    async run(p) {
      if (p.positionals.length > 0) throw new CliError('list takes no arguments. See tokenvault list --help.', EXIT.usage);
      const r = await callAgent(endpoint(), { op: 'list' });
      if (p.options.has('json')) {
        out(JSON.stringify({ accounts: r.accounts, tokens: r.tokens.map((t) => ({ ...t, expiresAt: rfc3339(t.expiresAt) })) }, null, 2));
        return EXIT.ok;
      }
      const now = r.now;
      out(r.accounts.length === 0 ? 'No accounts yet: add one in the Token Vault window.' : 'Accounts:');
      for (const a of r.accounts) out(`  ${a.label}  (${a.provider}, id ${a.id})`);
      if (r.tokens.length > 0) out('Tokens:');
      for (const t of r.tokens) out(`  ${tokenLine(t, now)}`);
      return EXIT.ok;
    },
  },
  get: {
    spec: { values: ['min-ttl', 'format'], flags: [] },
    async run(p) {
      const account = oneAccount(p, 'get');
      const format = (p.options.get('format') ?? 'raw') as string;
      if (!(FORMATS as readonly string[]).includes(format)) throw new CliError(`--format ${format} is not one of ${FORMATS.join(', ')}.`, EXIT.usage);
      const got = await getToken(account, p, format === 'json' ? undefined : (format as GetFormat));
      if (format === 'json') out(JSON.stringify({ token: got.token, expiresAt: rfc3339(got.expiresAt), account: got.account.label, kind: got.kind }));
      else out(got.text ?? got.token);
      return EXIT.ok;
    },
  },
  exec: {
    spec: { values: ['env', 'min-ttl'], flags: [], restAfter: 1 },
    async run(p) {
      const account = oneAccount(p, 'exec');
      const [command, ...args] = p.rest;
      if (!command) throw new CliError('exec needs a command to run: tokenvault exec ACCOUNT -- CMD [ARGS…].', EXIT.usage);
      const name = p.options.get('env');
      if (name !== undefined && (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))) {
        throw new CliError(`--env ${String(name)} is not a variable name (letters, digits and _).`, EXIT.usage);
      }
      const got = await getToken(account, p);
      const variable = name ?? got.envName;
      return runChild(command, args, { ...process.env, [variable]: got.token, [`${variable}_EXPIRES_AT`]: rfc3339(got.expiresAt) });
    },
  },
  mint: {
    spec: { values: [], flags: [] },
    async run(p) {
      const t = await callAgent(endpoint(), { op: 'mint', account: oneAccount(p, 'mint') });
      out(`Minted ${tokenLine(t, t.now)} (expires ${rfc3339(t.expiresAt)}).`);
      return EXIT.ok;
    },
  },
  revoke: {
    spec: { values: ['account'], flags: ['all'] },
    async run(p) {
      const account = p.options.get('account');
      if (account !== undefined || p.options.has('all')) {
        if (typeof account !== 'string' || !p.options.has('all') || p.positionals.length > 0) {
          throw new CliError('Use tokenvault revoke --account ACCOUNT --all (both), or tokenvault revoke TOKEN.', EXIT.usage);
        }
        const r = await callAgent(endpoint(), { op: 'revokeAll', account });
        out(`Revoked ${r.revoked} token${r.revoked === 1 ? '' : 's'} of ${account}${r.failed ? `; ${r.failed} could not be revoked (retry from the app or run this again)` : ''}.`);
        return r.failed > 0 ? EXIT.provider : EXIT.ok;
      }
      if (p.positionals.length !== 1) throw new CliError('revoke needs one TOKEN id (tokenvault list shows them), or --account ACCOUNT --all.', EXIT.usage);
      const t = await callAgent(endpoint(), { op: 'revoke', token: p.positionals[0]! });
      if (t.state === 'revoke_failed') {
        out(`The provider did not confirm revoking ${t.id}; it is kept as revoke_failed. Retry from the app or run this again.`);
        return EXIT.provider;
      }
      out(`Revoked ${t.id} (${t.accountLabel}, ${t.preview}).`);
      return EXIT.ok;
    },
  },
  lock: {
    spec: { values: [], flags: [] },
    async run() {
      await callAgent(endpoint(), { op: 'lock' });
      out('Token Vault is locked. Every command-line permission has ended.');
      return EXIT.ok;
    },
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    out(HELP[topic && HELP[topic] ? topic : 'main']!);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    out(`tokenvault ${VERSION}`);
    return EXIT.ok;
  }
  const command = commands[name];
  if (!command) throw new CliError(`Unknown command “${name}”. Run tokenvault --help to see the commands.`, EXIT.usage);
  const parsed = parseArgs(rest, command.spec);
  if (parsed.options.has('help')) {
    out(HELP[name]!);
    return EXIT.ok;
  }
  return command.run(parsed);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof CliError) {
      process.stderr.write(`tokenvault: ${e.message}\n`);
      process.exitCode = e.exitCode;
    } else {
      process.stderr.write(`tokenvault: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = EXIT.failure;
    }
  },
);
