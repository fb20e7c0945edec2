import type { AccountView, Settings, TokenView, VaultStatus } from '../../preload/contract.js';
import type { TokensService } from '../core/services.js';
import { AppError, isAppError } from '../core/errors.js';
import { KeyedMutex } from '../core/providers/keyedMutex.js';
import type { Presence } from '../core/presence/Presence.js';
import { copyText, envVarName } from '../core/tokens/copyText.js';
import type { AgentApprovals } from './AgentApprovals.js';
import { Denied } from './AgentApprovals.js';
import type { CallerIdentity } from './callerIdentity.js';
import { AGENT_PROTOCOL_VERSION, type AgentOp, type AgentResults, type AgentTokenSummary } from './protocol.js';

/** The services the agent calls: the same ones the window's handlers call. */
export interface AgentServices {
  /**
   * read(): the agent takes a token's value from the vault itself, after its own approval, instead of
   * through tokens.reveal: a reveal is the window's, gated on input to the window, and a CLI caller
   * has none. The agent's 'agent' audit entry records the hand-out (with the token's preview).
   */
  vault: { status(): Promise<VaultStatus>; isUnlocked(): boolean; lock(): Promise<void>; read(): { readonly tokens: ReadonlyArray<{ id: string; value: string }> } };
  accounts: { list(): Promise<AccountView[]> };
  tokens: Pick<TokensService, 'list' | 'mint' | 'previewMint' | 'revoke' | 'revokeAll'>;
  settings: { current(): Settings };
}

export interface AgentOpsDeps {
  services: AgentServices;
  approvals: AgentApprovals;
  presence: Presence;
  now: () => number;
  /** The vault is locked and a caller asked for something inside it: ask the person to unlock. */
  requestUnlock: (caller: CallerIdentity) => void;
}

/** A token handed out with less life left than this would be useless to the caller. */
export const DEFAULT_MIN_TTL_MS = 60_000;
/** At most one "please unlock" (window brought forward) per this long. */
export const UNLOCK_ASK_EVERY_MS = 10_000;

type Op = Exclude<AgentOp, { op: 'hello' }>;
/** What an op did, for the audit entry (never a token value). */
export interface OpOutcome<K extends Op['op']> {
  result: AgentResults[K];
  account?: { id: string; label: string };
  tokenId?: string;
  tokenPreview?: string;
  detail?: string;
}

export function createAgentOps(deps: AgentOpsDeps) {
  const { services: s, approvals } = deps;
  // Concurrent gets for one account pick (or mint) one token: the second waits and reuses the first's.
  const perAccount = new KeyedMutex();
  // A script retrying in a loop must not pull the window to the front on every attempt.
  let unlockAskedAt = -Infinity;

  async function requireUnlocked(caller: CallerIdentity): Promise<void> {
    if (s.vault.isUnlocked()) return;
    if ((await s.vault.status()) === 'uninitialized') throw new AppError('UNINITIALIZED', 'Token Vault has no vault yet. Open the app and create one first.');
    if (deps.now() - unlockAskedAt >= UNLOCK_ASK_EVERY_MS) {
      unlockAskedAt = deps.now();
      deps.requestUnlock(caller);
    }
    throw new AppError('LOCKED', 'Token Vault is locked. Unlock it in the Token Vault window (it has been brought forward), then run the command again.');
  }

  async function findAccount(name: string): Promise<AccountView> {
    const all = await s.accounts.list();
    const byId = all.find((a) => a.id === name);
    if (byId) return byId;
    let matches = all.filter((a) => a.label === name);
    if (matches.length === 0) matches = all.filter((a) => a.label.toLowerCase() === name.toLowerCase());
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) throw new AppError('BAD_ARGUMENT', `${matches.length} accounts are called “${name}”. Use the account's id instead (tokenvault list shows it).`);
    throw new AppError('NOT_FOUND', `No account is called “${name}”. Run tokenvault list to see the accounts.`);
  }

  /**
   * The window's mint path. An Ocean mint signs, so the token service asks the person in main's own
   * signing dialog (the truthful preview); a standing CLI grant never signs on its own.
   */
  async function mint(account: AccountView): Promise<TokenView> {
    if (account.config.kind !== 'ocean') return s.tokens.mint(account.id, {});
    const preview = await s.tokens.previewMint(account.id, {});
    try {
      return await s.tokens.mint(account.id, { previewId: preview.previewId });
    } catch (e) {
      if (isAppError(e) && e.code === 'NOT_CONFIRMED') throw new Denied('The signature was declined in Token Vault.');
      throw e;
    }
  }

  return {
    async status(): Promise<OpOutcome<'status'>> {
      return { result: { vault: await s.vault.status(), protocol: AGENT_PROTOCOL_VERSION } };
    },

    async list(caller: CallerIdentity): Promise<OpOutcome<'list'>> {
      await requireUnlocked(caller);
      const [accounts, tokens] = await Promise.all([s.accounts.list(), s.tokens.list()]);
      return {
        result: { accounts: accounts.map((a) => ({ id: a.id, label: a.label, provider: a.config.kind })), tokens: tokens.map(summary), now: deps.now() },
      };
    },

    async get(caller: CallerIdentity, op: Extract<Op, { op: 'get' }>): Promise<OpOutcome<'get'>> {
      await requireUnlocked(caller);
      const account = await findAccount(op.account);
      const how = await approvals.approve(caller, account, 'a token for');
      const minTtl = op.minTtlMs ?? DEFAULT_MIN_TTL_MS;
      const { token, live, value } = await perAccount.run(account.id, async () => {
        const now = deps.now();
        const found = (await s.tokens.list())
          .filter((t) => t.accountId === account.id && (t.state === 'active' || t.state === 'expiring') && t.expiresAt - now >= minTtl)
          .sort((a, b) => b.expiresAt - a.expiresAt)[0];
        const picked = found ?? (await mint(account));
        // Read in the same synchronous step as the last await's outcome: nothing revokes it in between.
        const secret = s.vault.read().tokens.find((t) => t.id === picked.id)?.value;
        if (secret === undefined) throw new AppError('NOT_FOUND', 'The token went away while it was being handed out. Run the command again.');
        return { token: picked, live: found, value: secret };
      });
      const result: AgentResults['get'] = {
        token: value,
        expiresAt: token.expiresAt,
        kind: token.kind,
        account: { id: account.id, label: account.label },
        envName: envVarName(token.kind),
        reused: live !== undefined,
        now: deps.now(),
      };
      if (op.format && op.format !== 'raw') result.text = copyText(op.format, { kind: token.kind, value }, { config: account.config, now: deps.now() });
      return { result, account, tokenId: token.id, tokenPreview: token.preview, detail: `get (${live ? 'live token' : 'minted'}, ${how === 'grant' ? 'standing grant' : 'allowed once'})` };
    },

    async mint(caller: CallerIdentity, op: Extract<Op, { op: 'mint' }>): Promise<OpOutcome<'mint'>> {
      await requireUnlocked(caller);
      const account = await findAccount(op.account);
      await approvals.approve(caller, account, 'to mint a token for');
      const token = await mint(account);
      return { result: { ...summary(token), now: deps.now() }, account, tokenId: token.id, tokenPreview: token.preview, detail: 'mint' };
    },

    async revoke(caller: CallerIdentity, op: Extract<Op, { op: 'revoke' }>): Promise<OpOutcome<'revoke'>> {
      await requireUnlocked(caller);
      const token = (await s.tokens.list()).find((t) => t.id === op.token);
      if (!token) throw new AppError('NOT_FOUND', 'No token has that id. Run tokenvault list to see the tokens and their ids.');
      const account = { id: token.accountId, label: token.accountLabel };
      await approvals.approve(caller, account, 'to revoke a token of');
      return { result: summary(await s.tokens.revoke(token.id)), account, tokenId: token.id, tokenPreview: token.preview, detail: 'revoke' };
    },

    async revokeAll(caller: CallerIdentity, op: Extract<Op, { op: 'revokeAll' }>): Promise<OpOutcome<'revokeAll'>> {
      await requireUnlocked(caller);
      const account = await findAccount(op.account);
      await approvals.approve(caller, account, 'to revoke every token of');
      const result = await s.tokens.revokeAll(account.id);
      return { result, account, detail: `revoke all (${result.revoked} revoked, ${result.failed} failed)` };
    },

    async lock(): Promise<OpOutcome<'lock'>> {
      // Locking only ever protects: nobody is asked.
      if (s.vault.isUnlocked()) await s.vault.lock();
      return { result: {} };
    },
  };
}

export type AgentOps = ReturnType<typeof createAgentOps>;

function summary(t: TokenView): AgentTokenSummary {
  return { id: t.id, accountId: t.accountId, accountLabel: t.accountLabel, kind: t.kind, preview: t.preview, expiresAt: t.expiresAt, state: t.state };
}
