import type { Server, Socket } from 'node:net';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import type { Presence } from '../core/presence/Presence.js';
import { AgentApprovals } from './AgentApprovals.js';
import { AgentAudit, type AuditAppender } from './AgentAudit.js';
import type { AgentGrants } from './AgentGrants.js';
import { createAgentOps, type AgentServices } from './agentOps.js';
import { createAgentServer } from './AgentServer.js';
import type { CallerIdentity } from './callerIdentity.js';
import { agentEndpoint } from './endpoint.js';
import { listenOwnerOnly } from './listenOwnerOnly.js';

export interface AgentDeps {
  services: AgentServices & {
    vault: AgentServices['vault'] & { onLockChange(listener: (unlocked: boolean) => void): () => void };
  };
  /** The "Allow for N minutes" grants; created with the services so Settings can list them. */
  grants: AgentGrants;
  auditLog: AuditAppender;
  presence: Presence;
  clock: Clock;
  logger: Logger;
  /** The app's data directory: the socket goes in its agent/ folder. */
  dataDir: string;
  /** A locked vault was asked for something: show the window and ask the person to unlock. */
  requestUnlock: (caller: CallerIdentity) => void;
  /** Overrides the endpoint derived from dataDir (tests). */
  endpoint?: string;
  platform?: NodeJS.Platform;
}

export interface Agent {
  endpoint: string;
  server: Server;
  close(): Promise<void>;
}

/** Starts the agent the `tokenvault` CLI talks to; rejects (AgentListenError) when it cannot listen safely. */
export async function startAgent(deps: AgentDeps): Promise<Agent> {
  const platform = deps.platform ?? process.platform;
  const endpoint = deps.endpoint ?? agentEndpoint(deps.dataDir, platform);
  let lockEpoch = 0;
  const unsubscribe = deps.services.vault.onLockChange((unlocked) => {
    if (!unlocked) lockEpoch++;
  });
  const approvals = new AgentApprovals({
    presence: deps.presence,
    grants: deps.grants,
    clock: deps.clock,
    settings: () => deps.services.settings.current(),
    lockEpoch: () => lockEpoch,
  });
  const audit = new AgentAudit(deps.auditLog, deps.services.vault, deps.logger);
  const ops = createAgentOps({ services: deps.services, approvals, presence: deps.presence, now: () => deps.clock.now(), requestUnlock: deps.requestUnlock });
  const server = createAgentServer({ ops, audit, logger: deps.logger, platform });
  // A CLI waiting on a prompt holds its connection open; quitting must not wait for it.
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  try {
    await listenOwnerOnly(server, endpoint, platform);
  } catch (e) {
    unsubscribe();
    audit.dispose();
    throw e;
  }
  deps.logger.info('agent listening', { endpoint });
  return {
    endpoint,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        audit.dispose();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
