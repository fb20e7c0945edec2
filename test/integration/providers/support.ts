/** Shared set-up for the provider integration tests: an HTTP client on a FakeClock and a logger that keeps raw lines. */
import type { Clock } from '../../../main/core/clock.js';
import { createHttpClient } from '../../../main/core/http/createHttpClient.js';
import type { FetchLike, HttpClient } from '../../../main/core/http/httpTypes.js';
import type { Logger } from '../../../main/core/log.js';
import type { AzionConfig, OceanConfig } from '../../../main/core/vault/vaultRecords.js';

export interface CapturedLog {
  logger: Logger;
  /** Every line as JSON, NOT redacted: proves the code never hands a secret to the logger at all. */
  lines: string[];
}

export function captureLogger(): CapturedLog {
  const lines: string[] = [];
  const write = (level: string) => (msg: string, fields?: Record<string, unknown>) => {
    lines.push(JSON.stringify({ level, msg, ...fields }));
  };
  return { lines, logger: { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') } };
}

export function testHttp(clock: Clock, logger?: Logger, fetch?: FetchLike): HttpClient {
  return createHttpClient({
    clock,
    timeoutMs: 5_000,
    connectTimeoutMs: 2_000,
    maxBytes: 1024 * 1024,
    ...(logger ? { logger } : {}),
    ...(fetch ? { fetch } : {}),
  });
}

export function azionConfig(url: string, email: string, mode: AzionConfig['mode'] = 'session'): AzionConfig {
  return { kind: 'azion', authBase: url, apiBase: url, checkBase: url, mode, email };
}

export function oceanConfig(url: string, address: string, flavour: OceanConfig['flavour'] = 'auto'): OceanConfig {
  return { kind: 'ocean', providerUrl: url, address, flavour };
}

/** Collects the rejection of a promise, failing the test if it resolves. */
export async function rejectionOf(p: Promise<unknown>): Promise<{ code: string; message: string; retryAt?: number; retryable?: boolean }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string; retryAt?: number };
  }
  throw new Error('expected a rejection, got a value');
}

/** Turns the event loop (I/O included, no timers) until `cond` holds; fails after many turns instead of hanging. */
export async function waitUntil(cond: () => boolean, turns = 10_000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (cond()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition never became true');
}

/** Runs `n` event-loop turns (I/O and promise callbacks; no clock moves, no real waiting). */
export async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}
