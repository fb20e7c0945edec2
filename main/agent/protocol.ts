/**
 * The wire protocol between the `tokenvault` CLI and the agent in main: newline-delimited JSON over
 * an owner-only Unix socket (a named pipe on Windows). One JSON object per line, at most
 * MAX_REQUEST_BYTES per request line. The first request on a connection must be `hello`; requests on
 * one connection are answered in order, each response carrying its request's id.
 *
 * This file imports nothing at run time: the CLI bundles it, and it must stay tiny.
 */
import type { ErrorCode } from '../../preload/result.js';

export const AGENT_PROTOCOL_VERSION = 1;
/** A request line longer than this is refused (TOO_LARGE) and skipped up to its newline. */
export const MAX_REQUEST_BYTES = 16 * 1024;
/** The CLI refuses a response line longer than this (a list of thousands of tokens fits). */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

export type GetFormat = 'raw' | 'header' | 'curl' | 'export';
export const GET_FORMATS = ['raw', 'header', 'curl', 'export'] as const satisfies readonly GetFormat[];

/** What the CLI says about itself; the agent checks what it can against the OS (see callerIdentity.ts). */
export interface CallerClaim {
  pid: number;
  ppid: number;
  /** The CLI's own working directory and arguments (shown; never used to decide). */
  cwd: string;
  argv: string[];
  /** Linux: the inode of the CLI's end of this connection ("socket:[N]" → N), from /proc/self/fd. */
  socketInode?: number;
  /** Linux: the fd of that socket in the CLI, so the agent looks there first. */
  socketFd?: number;
}

export type AgentOp =
  | { op: 'hello'; client: string; caller: CallerClaim }
  | { op: 'status' }
  | { op: 'list' }
  | { op: 'get'; account: string; minTtlMs?: number; format?: GetFormat }
  | { op: 'mint'; account: string }
  | { op: 'revoke'; token: string }
  | { op: 'revokeAll'; account: string }
  | { op: 'lock' };

export type AgentRequest = AgentOp & { v: number; id: number };

export interface AgentTokenSummary {
  id: string;
  accountId: string;
  accountLabel: string;
  kind: string;
  /** First and last few characters, never the value. */
  preview: string;
  expiresAt: number;
  state: string;
}

export interface AgentResults {
  hello: { protocol: number; caller: string; verified: boolean };
  status: { vault: 'uninitialized' | 'locked' | 'unlocked'; protocol: number };
  /** `now` is the app's clock, so times left are the app's view of them. */
  list: { accounts: Array<{ id: string; label: string; provider: string }>; tokens: AgentTokenSummary[]; now: number };
  get: {
    token: string;
    expiresAt: number;
    kind: string;
    account: { id: string; label: string };
    /** The provider's usual variable name (AZION_TOKEN, OCEAN_AUTH_TOKEN). */
    envName: string;
    /** The token in the asked format (header, curl, export), when one was asked. */
    text?: string;
    reused: boolean;
    now: number;
  };
  mint: AgentTokenSummary & { now: number };
  revoke: AgentTokenSummary;
  revokeAll: { revoked: number; failed: number };
  lock: Record<string, never>;
}

/** Protocol errors, plus the app's own error codes and the person's refusal. */
export type AgentErrorCode = ErrorCode | 'BAD_FRAME' | 'TOO_LARGE' | 'UNSUPPORTED_VERSION' | 'HELLO_FIRST' | 'BUSY' | 'DENIED';

export interface AgentError {
  code: AgentErrorCode;
  message: string;
}

export type AgentResponse = { v: number; id: number | null; ok: true; result: unknown } | { v: number; id: number | null; ok: false; error: AgentError };
