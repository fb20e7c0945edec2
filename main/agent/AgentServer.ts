import { createServer, type Server, type Socket } from 'node:net';
import { isAppError, toErrorData } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { AgentAudit } from './AgentAudit.js';
import { Denied } from './AgentApprovals.js';
import type { AgentOps, OpOutcome } from './agentOps.js';
import { CallerMismatch, describeCaller, identifyCaller, type CallerIdentity } from './callerIdentity.js';
import { LineFramer } from './LineFramer.js';
import { AGENT_PROTOCOL_VERSION, MAX_REQUEST_BYTES, type AgentError, type AgentRequest, type AgentResponse } from './protocol.js';
import { requestSchema } from './requestSchema.js';

export interface AgentServerDeps {
  ops: AgentOps;
  audit: AgentAudit;
  logger: Logger;
  platform: NodeJS.Platform;
  identify?: typeof identifyCaller;
}

/** Connections served at once; Node refuses the ones beyond. */
const MAX_CONNECTIONS = 64;
/** Frames read ahead of the one being answered before the connection stops reading. */
const MAX_QUEUED = 32;

/**
 * The agent's socket server: frames in, typed responses out, one request at a time per connection.
 * Nothing a client sends can throw past this file: every frame gets an answer or is skipped, and the
 * server keeps serving.
 */
export function createAgentServer(deps: AgentServerDeps): Server {
  const server = createServer({ allowHalfOpen: false }, (socket) => serve(socket, deps));
  server.maxConnections = MAX_CONNECTIONS;
  server.on('error', (e) => deps.logger.warn('agent server error', { error: e }));
  return server;
}

function serve(socket: Socket, deps: AgentServerDeps): void {
  let caller: CallerIdentity | null = null;
  let queued = 0;
  let chain: Promise<void> = Promise.resolve();
  let malformed = 0;
  socket.on('error', () => undefined);
  socket.setNoDelay?.(true);

  const send = (response: AgentResponse): void => {
    if (!socket.destroyed && socket.writable) socket.write(`${JSON.stringify(response)}\n`);
  };
  const fail = (id: number | null, error: AgentError): void => send({ v: AGENT_PROTOCOL_VERSION, id, ok: false, error });

  const enqueue = (work: () => Promise<void>): void => {
    queued++;
    if (queued >= MAX_QUEUED) socket.pause();
    chain = chain
      .then(work)
      .catch((e: unknown) => deps.logger.error('agent request failed', { error: e }))
      .finally(() => {
        queued--;
        if (queued < MAX_QUEUED && socket.isPaused()) socket.resume();
      });
  };

  const framer = new LineFramer(MAX_REQUEST_BYTES, {
    oversized: () =>
      enqueue(async () => {
        malformed++;
        fail(null, { code: 'TOO_LARGE', message: `A request was longer than ${MAX_REQUEST_BYTES} bytes and was skipped.` });
      }),
    line: (text) =>
      enqueue(async () => {
        try {
          await handle(text);
        } catch (e) {
          // Whatever went wrong, the client gets an answer and the connection keeps working.
          deps.logger.error('agent frame failed', { error: e });
          fail(idOf(safeParse(text)), { code: 'INTERNAL', message: 'Token Vault could not handle that request. Try again; report it if it repeats.' });
        }
      }),
  });

  async function handle(text: string): Promise<void> {
    if (text.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      malformed++;
      return fail(null, { code: 'BAD_FRAME', message: 'A request was not valid JSON. Each request is one JSON object on one line.' });
    }
    const id = idOf(raw);
    if (typeof (raw as { v?: unknown } | null)?.v === 'number' && (raw as { v: number }).v !== AGENT_PROTOCOL_VERSION) {
      malformed++;
      return fail(id, { code: 'UNSUPPORTED_VERSION', message: `This Token Vault speaks protocol ${AGENT_PROTOCOL_VERSION}. Use the tokenvault command that came with this app.` });
    }
    const parsed = requestSchema.safeParse(raw);
    if (!parsed.success) {
      malformed++;
      return fail(id, { code: 'BAD_REQUEST', message: 'The request was not one the agent understands. Update the tokenvault command to match the app.' });
    }
    const request = parsed.data;
    if (request.op === 'hello') {
      if (caller) return fail(request.id, { code: 'BAD_REQUEST', message: 'hello was already sent on this connection.' });
      try {
        caller = await (deps.identify ?? identifyCaller)(request.caller, deps.platform);
      } catch (e) {
        if (!(e instanceof CallerMismatch)) throw e;
        await deps.audit.record({ action: 'agent', outcome: 'DENIED', detail: `hello refused: ${e.message} (pid ${request.caller.pid})` });
        return fail(request.id, { code: 'DENIED', message: `${e.message} The request was refused.` });
      }
      return send({ v: AGENT_PROTOCOL_VERSION, id: request.id, ok: true, result: { protocol: AGENT_PROTOCOL_VERSION, caller: describeCaller(caller), verified: caller.verified } });
    }
    if (!caller) {
      malformed++;
      return fail(request.id, { code: 'HELLO_FIRST', message: 'The first request on a connection must be hello.' });
    }
    await run(caller, request);
  }

  async function run(who: CallerIdentity, request: Exclude<AgentRequest, { op: 'hello' }>): Promise<void> {
    const by = describeCaller(who);
    const target = 'account' in request ? request.account : 'token' in request ? request.token : undefined;
    // A lock is recorded before it happens: afterwards the trail is locked away.
    if (request.op === 'lock') await deps.audit.record({ action: 'agent', outcome: 'ok', detail: `lock by ${by}` });
    try {
      const outcome: OpOutcome<typeof request.op> = await runOp(deps.ops, who, request);
      if (request.op !== 'lock') {
        await deps.audit.record({
          action: 'agent',
          outcome: 'ok',
          accountId: outcome.account?.id,
          accountLabel: outcome.account?.label,
          tokenId: outcome.tokenId,
          tokenPreview: outcome.tokenPreview,
          detail: `${outcome.detail ?? request.op} by ${by}`,
        });
      }
      send({ v: AGENT_PROTOCOL_VERSION, id: request.id, ok: true, result: outcome.result });
    } catch (e) {
      const error: AgentError = e instanceof Denied ? { code: 'DENIED', message: `${e.message} Nothing was handed out.` } : toErrorData(e);
      if (!(e instanceof Denied) && !isAppError(e)) deps.logger.error('agent op failed', { op: request.op, error: e });
      await deps.audit.record({ action: 'agent', outcome: error.code, detail: `${request.op}${target ? ` ${target}` : ''} by ${by}` });
      fail(request.id, { code: error.code, message: error.message });
    }
  }

  socket.on('data', (chunk: Buffer) => framer.push(chunk));
  socket.on('close', () => {
    if (malformed > 0) deps.logger.warn('agent connection sent malformed frames', { count: malformed });
  });
}

function runOp(ops: AgentOps, who: CallerIdentity, r: Exclude<AgentRequest, { op: 'hello' }>): Promise<OpOutcome<typeof r.op>> {
  switch (r.op) {
    case 'status':
      return ops.status();
    case 'list':
      return ops.list(who);
    case 'get':
      return ops.get(who, r);
    case 'mint':
      return ops.mint(who, r);
    case 'revoke':
      return ops.revoke(who, r);
    case 'revokeAll':
      return ops.revokeAll(who, r);
    case 'lock':
      return ops.lock();
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function idOf(raw: unknown): number | null {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 && id <= 2 ** 31 ? id : null;
}
