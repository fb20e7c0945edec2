import type { AgentErrorCode } from '../main/agent/protocol.js';

/** The CLI's exit codes; documented in `tokenvault --help` and the README. */
export const EXIT = {
  ok: 0,
  /** Anything else: an internal error, a protocol mismatch. */
  failure: 1,
  usage: 2,
  locked: 3,
  denied: 4,
  notFound: 5,
  provider: 6,
  notRunning: 7,
} as const;

const PROVIDER: readonly AgentErrorCode[] = [
  'BAD_CREDENTIALS',
  'RATE_LIMITED',
  'NOT_ACCEPTABLE',
  'SIGNATURE_REJECTED',
  'NONCE_TOO_LOW',
  'ALREADY_GONE',
  'TOKEN_EXPIRED',
  'BAD_REQUEST',
  'BAD_RESPONSE',
  'SERVER_ERROR',
  'NETWORK',
  'TIMEOUT',
  'UNSUPPORTED_PROVIDER',
];

export function exitCodeFor(code: AgentErrorCode): number {
  if (code === 'LOCKED' || code === 'UNINITIALIZED') return EXIT.locked;
  if (code === 'DENIED' || code === 'CANCELLED') return EXIT.denied;
  if (code === 'NOT_FOUND') return EXIT.notFound;
  if (code === 'BAD_ARGUMENT') return EXIT.usage;
  if (PROVIDER.includes(code)) return EXIT.provider;
  return EXIT.failure;
}

/** An error the CLI reports on stderr and exits with. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number) {
    super(message);
    this.exitCode = exitCode;
  }
}
