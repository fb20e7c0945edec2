import type { AppEvent } from '../../../preload/contract.js';
import type { Settings } from '../../../preload/settings.js';
import type { AuditLog } from '../audit/AuditLog.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { Presence } from '../presence/Presence.js';
import type { Provider, ProviderKind } from '../providers/types.js';
import type { Redactor } from '../redact.js';
import type { VaultAccess } from '../vault/VaultAccess.js';
import type { ClipboardPort } from './ClipboardPort.js';

/** The ports the token service is built from (main/services.ts passes the real ones, tests fakes). */
export interface TokensServiceDeps {
  vault: VaultAccess;
  providers: (kind: ProviderKind) => Provider;
  clock: Clock;
  clipboard: ClipboardPort;
  settings: () => Settings;
  redactor: Redactor;
  logger: Logger;
  emit: (event: AppEvent) => void;
  /** Random bytes for ids (default node:crypto). */
  random?: (size: number) => Uint8Array;
  /** The audit trail (default: an AuditLog over the same vault). */
  audit?: AuditLog;
  /** The person, asked by main: signing, reveal, revoke all. Default: absentPresence (refuses). */
  presence?: Presence;
}
