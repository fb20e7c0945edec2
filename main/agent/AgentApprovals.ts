import { basename } from 'node:path';
import type { Settings } from '../../preload/contract.js';
import type { Clock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import type { Presence } from '../core/presence/Presence.js';
import type { AgentGrants } from './AgentGrants.js';
import type { CallerIdentity } from './callerIdentity.js';

export class Denied extends Error {
  constructor(message = 'The request was denied in Token Vault.') {
    super(message);
    this.name = 'Denied';
  }
}

export interface ApprovalDeps {
  presence: Presence;
  grants: AgentGrants;
  clock: Clock;
  settings: () => Settings;
  /** Bumped on every lock: an answer given to a prompt opened before a lock grants nothing. */
  lockEpoch: () => number;
}

export const ALLOW_ONCE = 0;
export const ALLOW_FOR = 1;
export const DENY = 2;

/**
 * Decides in main whether a command-line caller may use an account: a standing grant, or the person's
 * answer to a main-owned prompt that names the caller. One prompt at a time; a request that waited
 * behind a prompt looks at the grants again before asking, so "Allow for N minutes" answers the
 * queue at once while "Allow once" answers exactly one request.
 */
export class AgentApprovals {
  readonly #deps: ApprovalDeps;
  #turn: Promise<unknown> = Promise.resolve();

  constructor(deps: ApprovalDeps) {
    this.#deps = deps;
  }

  /** Resolves when allowed; throws Denied when the person refused (or nobody is there to ask). */
  async approve(caller: CallerIdentity, account: { id: string; label: string }, wants: string): Promise<'grant' | 'once'> {
    if (this.#deps.grants.has(caller, account.id)) return 'grant';
    const mine = this.#turn.then(() => this.#ask(caller, account, wants));
    this.#turn = mine.catch(() => undefined);
    return mine;
  }

  async #ask(caller: CallerIdentity, account: { id: string; label: string }, wants: string): Promise<'grant' | 'once'> {
    const { grants, presence, clock } = this.#deps;
    if (grants.has(caller, account.id)) return 'grant';
    const epoch = this.#deps.lockEpoch();
    const minutes = this.#deps.settings().agentGrantMinutes;
    const until = new Date(clock.now() + minutes * 60_000);
    const hhmm = `${String(until.getHours()).padStart(2, '0')}:${String(until.getMinutes()).padStart(2, '0')}`;
    const answer = await presence.ask({
      title: 'Command-line access',
      message: `${basename(caller.exe)} wants ${wants} ${account.label}.`,
      detail: [
        `Program: ${caller.exe} (pid ${caller.pid})`,
        `Command: ${caller.command.join(' ') || '(unknown)'}`,
        `Folder: ${caller.cwd}`,
        `Ran: tokenvault ${caller.cliArgv.join(' ')}`,
        caller.verified ? 'Identity: checked against the operating system.' : 'Identity: as reported by the command line; the operating system could not confirm it.',
        `“Allow for ${minutes} minutes” lets this program use ${account.label} without asking until ${hhmm}, or until Token Vault locks.`,
      ].join('\n'),
      choices: ['Allow once', `Allow for ${minutes} minutes`, 'Deny'],
      cancelIndex: DENY,
      defaultIndex: DENY,
    });
    if (this.#deps.lockEpoch() !== epoch) throw new AppError('LOCKED', 'Token Vault locked while it was asking. Unlock it, then run the command again.');
    if (answer === ALLOW_FOR) {
      grants.add(caller, account, minutes);
      return 'grant';
    }
    if (answer === ALLOW_ONCE) return 'once';
    throw new Denied();
  }
}
