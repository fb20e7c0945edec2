import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../main/core/clock.js';
import { createLogger } from '../../main/core/log.js';
import { Redactor } from '../../main/core/redact.js';
import { createServices, type AppServices, type ServiceDeps } from '../../main/services.js';
import type { AppEvent } from '../../preload/contract.js';
import { TEST_KDF } from './vaultHarness.js';
import { MemoryClipboard } from './MemoryClipboard.js';

export interface TestServices {
  services: AppServices;
  dataDir: string;
  /** Every line main logged (already redacted). */
  logLines: string[];
  /** Every event main emitted, in order. */
  events: AppEvent[];
  clipboard: MemoryClipboard;
  /** Disposes the services and removes the data directory (unless it was given). */
  close(): Promise<void>;
}

export interface TestServicesOptions {
  clock: Clock;
  /** An existing data directory; a fresh temporary one otherwise. */
  dataDir?: string;
  http?: ServiceDeps['http'];
  fetch?: ServiceDeps['fetch'];
  presence?: ServiceDeps['presence'];
  keyWrapper?: ServiceDeps['keyWrapper'];
  /** The proxy and CA environment the Node network reads (default: process.env). */
  env?: ServiceDeps['env'];
  /** The KDF cost new vaults get and weaker ones are raised to (default: the cheap test KDF). */
  kdf?: ServiceDeps['kdf'];
}

/**
 * The app's real composition (main/services.ts) without Electron or a window, wired the way the e2e
 * harness wires it: temp data directory, array log sink, memory clipboard, cheap KDF.
 */
export async function startTestServices(options: TestServicesOptions): Promise<TestServices> {
  const ownsDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'tv-services-')));
  const logLines: string[] = [];
  const events: AppEvent[] = [];
  const redactor = new Redactor();
  const clipboard = new MemoryClipboard();
  const services = createServices({
    dataDir,
    clock: options.clock,
    logger: createLogger({ write: (line) => logLines.push(line) }, redactor, () => options.clock.now()),
    redactor,
    clipboard,
    emit: (e) => events.push(e),
    platform: () => ({ os: 'linux', tray: false, notifications: false, globalShortcut: false, limitations: [] }),
    kdf: options.kdf ?? TEST_KDF,
    ...(options.http ? { http: options.http } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.presence ? { presence: options.presence } : {}),
    ...(options.keyWrapper ? { keyWrapper: options.keyWrapper } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  return {
    services,
    dataDir,
    logLines,
    events,
    clipboard,
    async close() {
      await services.dispose();
      if (ownsDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
