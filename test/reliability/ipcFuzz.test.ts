import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_CHANNELS, ERROR_CODES } from '../../preload/contract.js';
import { launchApp, type LaunchedApp } from '../e2e/harness/launchApp.js';
import { prng, randomValue } from '../support/prng.js';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261123);
const CALLS = Number(process.env['FUZZ_CALLS'] ?? 10_000);
const BATCH = 250;

describe('IPC fuzz through the real preload and handlers', () => {
  let app: LaunchedApp;
  beforeAll(async () => {
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it(`answers ${CALLS} random calls with typed results only, and keeps serving`, async () => {
    const rand = prng(SEED);
    const names = Object.keys(API_CHANNELS);
    const codes = new Set<string>(ERROR_CODES);
    const seenCodes = new Map<string, number>();
    for (let done = 0; done < CALLS; done += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, CALLS - done) }, () => ({
        name: names[Math.floor(rand() * names.length)]!,
        args: Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand)),
      }));
      // Each call goes through window.vault exactly as the renderer would make it.
      const results = await app.page.evaluate(async (calls) => {
        const api = window.vault as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
        const out: unknown[] = [];
        for (const c of calls) {
          try {
            out.push(await api[c.name]!(...c.args));
          } catch (e) {
            out.push({ thrown: String(e) });
          }
        }
        return out;
      }, batch);
      for (const [i, r] of results.entries()) {
        const res = r as { ok?: boolean; error?: { code: string; message: unknown; retryable: unknown }; thrown?: string };
        if (res.thrown !== undefined || typeof res.ok !== 'boolean') {
          throw new Error(`call ${done + i} (${batch[i]!.name}) did not return a Result: ${JSON.stringify(r).slice(0, 200)}`);
        }
        if (!res.ok) {
          expect(codes.has(res.error!.code), `unknown code ${res.error!.code}`).toBe(true);
          expect(typeof res.error!.message).toBe('string');
          expect(typeof res.error!.retryable).toBe('boolean');
          seenCodes.set(res.error!.code, (seenCodes.get(res.error!.code) ?? 0) + 1);
        }
      }
    }
    // Main is still serving, and the schema layer did the refusing.
    expect(await app.page.evaluate(() => window.vault.status())).toMatchObject({ ok: true });
    expect(seenCodes.get('BAD_ARGUMENT') ?? 0).toBeGreaterThan(CALLS / 4);
    expect(seenCodes.has('INTERNAL'), `INTERNAL errors: ${seenCodes.get('INTERNAL')}; see the logs`).toBe(false);
  });
});
