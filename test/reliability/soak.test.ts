import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { AccountPatch } from '../../preload/contract.js';
import { renewAt } from '../../main/core/tokens/dueWork.js';
import type { TokenRecord } from '../../main/core/vault/vaultRecords.js';
import { prng } from '../support/prng.js';
import { startTestServices, type TestServices } from '../support/testServices.js';
import { TestPresence } from '../support/TestPresence.js';
import { TEST_PASSWORD } from '../support/vaultHarness.js';
import { startSoakWorld, type ServerName, type SoakWorld } from './soakWorld.js';

/**
 * Soak: the app's real composition (createServices: the real vault on disk, the real HTTP client,
 * providers, token service and scheduler) against the independent fakes of Azion, the Ocean Python
 * Provider and an Ocean Node on 127.0.0.1, for SOAK_DAYS simulated days (30 by default). 7 accounts
 * with auto-renew on; ~5% of requests fail before the server acts; one 20-minute outage of each
 * server, started a minute before a renewal is due; a copy every hour; lock and unlock every 6 h; a
 * 9-hour sleep nobody reported; the clock set back 10 minutes. Time only moves to the next due timer
 * once nothing is in progress. Every simulated hour it checks the app against the servers.
 *
 * SOAK_DAYS (default 30), SOAK_SEED (21), SOAK_DIR=disk (vault under the OS temp dir instead of
 * tmpfs), SOAK_PROF=1 (a CPU profile into test-results/profiles). Per-day figures are
 * printed and written to test-results/soak.json.
 */
const DAYS = Number(process.env['SOAK_DAYS'] ?? 30);
const SEED = Number(process.env['SOAK_SEED'] ?? 21);
const FAULT_RATE = 0.05;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const OUTAGE_MS = 20 * MINUTE;
/**
 * After an outage ends, or on waking from the sleep, how long an account may still lack a live token (while showing its failing
 * renewal): the next retry comes within the 10-minute backoff cap, plus room for a fault or two.
 */
const RECOVERY_MS = 30 * MINUTE;
/** A temporary Azion session whose revoke failed must be gone this long after it was made (or after the outage). */
const CLEANUP_WINDOW_MS = HOUR;
const SLEEP_AT_HOUR = 30;
const SET_BACK_AT_HOUR = 60;
// Hardhat/Anvil accounts #0 and #1: PUBLIC TEST KEYS, never real funds.
const HARDHAT_KEY_0 = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const HARDHAT_KEY_1 = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';

interface Plan {
  label: string;
  server: ServerName;
  patch: AccountPatch;
  /** Lifetime asked for (Azion session tokens are always 24 h). */
  lifetimeMs?: number;
}

const PLANS: Plan[] = [
  { label: 's1', server: 'azion', patch: { autoRenew: true } },
  { label: 's2', server: 'azion', patch: { autoRenew: true, revokeOnRenew: true } },
  { label: 'p1', server: 'azion', patch: { autoRenew: true }, lifetimeMs: 2 * DAY },
  { label: 'p2', server: 'azion', patch: { autoRenew: true, revokeOnRenew: true }, lifetimeMs: 2 * DAY },
  // o1 and o2 sign with the same key at the same provider: one ledger of expiration seconds.
  { label: 'o1', server: 'provider', patch: { autoRenew: true }, lifetimeMs: 2 * HOUR },
  { label: 'o2', server: 'provider', patch: { autoRenew: true, revokeOnRenew: true }, lifetimeMs: 2 * HOUR },
  { label: 'n1', server: 'node', patch: { autoRenew: true, revokeOnRenew: true }, lifetimeMs: 2 * HOUR },
];

interface DayFigures {
  day: number;
  liveTokens: number;
  auditEntries: number;
  vaultBytes: number;
  heapMB: number;
  longestStallMs: number;
  openHandles: number;
  pendingTimers: number;
  steps: number;
  wallS: number;
  /** CPU time of this process (user + system), less sensitive than wall time to other jobs on the machine. */
  cpuS: number;
}

const setImmediateP = (): Promise<void> => new Promise((r) => setImmediate(r));
/** Resolves 'timeout' after `ms` of real time unless `p` settles first; leaves no timer behind. */
async function within<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const st = statSync(join(dir, name));
    total += st.isDirectory() ? dirBytes(join(dir, name)) : st.size;
  }
  return total;
}

function gcHeapMB(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return Math.round((process.memoryUsage().heapUsed / 1e6) * 10) / 10;
}

describe(`soak: ${DAYS} simulated days of the real services against the fake servers`, () => {
  it('keeps every auto-renew account served, agrees with the servers both ways, leaks nothing', async () => {
    const wallStart = performance.now();
    const unhandled: unknown[] = [];
    const onUnhandled = (r: unknown): void => void unhandled.push(r);
    process.on('unhandledRejection', onUnhandled);
    const random = prng(SEED);
    const azionUsers = ['s1', 's2', 'p1', 'p2'].map((l) => ({ email: `${l}@example.com`, password: `Azion-pw-${l}-0451` }));
    const world: SoakWorld = await startSoakWorld({ start: Date.UTC(2026, 10, 23, 12, 0, 0), random, faultRate: 0, azionUsers });
    const { clock } = world;
    const presence = new TestPresence(clock, 'approve');
    let app: TestServices | undefined;
    let dataDir: string | undefined;
    const loop = monitorEventLoopDelay({ resolution: 10 });
    try {
      // SOAK_DIR=disk puts the vault under the OS temp dir; by default it is on tmpfs where there is one:
      // the same files, writes and fsyncs, without the disk's fsync latency (persist.bench measures that).
      const root = process.env['SOAK_DIR'] === 'disk' || !existsSync('/dev/shm') ? tmpdir() : '/dev/shm';
      dataDir = await mkdtemp(join(root, 'tv-soak-'));
      app = await startTestServices({ clock, fetch: world.fetch, presence, dataDir });
      const s = app.services;
      await s.vault.create(TEST_PASSWORD);
      // Someone who leaves renewals to run unattended: no idle lock, no lock on sleep.
      await s.settings.update({ autoLockMinutes: 0, lockOnSleep: false }, TEST_PASSWORD);

      const ids = new Map<string, string>();
      const serverOf = new Map<string, ServerName>();
      for (const p of PLANS) {
        const user = azionUsers.find((u) => u.email.startsWith(p.label));
        const base = { authBase: world.azion.url, apiBase: world.azion.url, checkBase: world.azion.url };
        const view =
          p.server === 'azion'
            ? await s.accounts.add({ kind: 'azion', label: p.label, email: user!.email, password: user!.password, mode: p.label.startsWith('s') ? 'session' : 'personal', ...base })
            : await s.accounts.add({
                kind: 'ocean',
                label: p.label,
                providerUrl: p.server === 'provider' ? world.provider.url : world.node.url,
                key: { type: 'hex', privateKey: p.label === 'n1' ? HARDHAT_KEY_1 : HARDHAT_KEY_0 },
              });
        await s.accounts.update(view.id, p.patch);
        ids.set(p.label, view.id);
        serverOf.set(view.id, p.server);
      }
      for (const p of PLANS) {
        const id = ids.get(p.label)!;
        const expiresAt = p.lifetimeMs === undefined ? undefined : clock.now() + p.lifetimeMs;
        if (p.server === 'azion') await s.tokens.mint(id, expiresAt === undefined ? {} : { expiresAt });
        else {
          const preview = await s.tokens.previewMint(id, { expiresAt: expiresAt! });
          await s.tokens.mint(id, { previewId: preview.previewId });
        }
      }
      world.faults.rate = FAULT_RATE;
      // The person approved the three first Ocean signatures; renewals sign on auto-renew's standing approval.
      const promptsAtSetup = presence.prompts.length;

      /** Nothing in progress: the token service's work done, the vault's queue drained, no request open. */
      let blockedOnClock = 0;
      const quiesce = async (): Promise<void> => {
        for (;;) {
          const before = world.faults.stats.requests;
          const r = await within(s.tokens.settled(), 3000);
          if (s.vault.isUnlocked()) await s.vault.update(() => undefined);
          await setImmediateP();
          await setImmediateP();
          if (world.inflight() === 0 && world.faults.stats.requests === before) {
            // Work waiting on a timer of the fake clock (a 429's wait) needs time to move.
            if (r === 'timeout') blockedOnClock++;
            return;
          }
        }
      };
      let steps = 0;
      /** Fires the due timers one at a time, waiting for the work each starts, until server time `target`. */
      const runUntil = async (target: number): Promise<void> => {
        for (;;) {
          await quiesce();
          if (world.serverNow() >= target) return;
          steps++;
          if (!clock.step(target - world.skew())) return;
        }
      };

      const accountIds = [...ids.values()];
      const successorOf = new Map<string, string>();
      const expirations = new Set<string>();
      let issuedSeen = 0;
      const perDay: DayFigures[] = [];
      const failingHours = new Map<string, number>();
      let outagesPlanned = 0;
      let renewalFailingEvents = 0;
      const failingByServer: Record<ServerName, number> = { azion: 0, provider: 0, node: 0 };
      let expiryAlerts = 0;
      let hoursWithPendingCleanup = 0;
      let hoursWithRevokeFailed = 0;
      let copies = 0;
      let dayStart = performance.now();
      let cpuAtDayStart = process.cpuUsage();
      let dayHandlesBase: number | undefined;
      let stepsAtDayStart = 0;
      loop.enable();
      const start = world.serverNow();

      /** Plans one server's outage a minute before its accounts' next renewal after `after`. */
      const planOutage = (server: ServerName, after: number): void => {
        const data = s.vault.read();
        const lead = 10 * MINUTE; // the default renew lead
        const next = data.tokens
          .filter((t) => serverOf.get(t.accountId) === server && t.state === 'active' && t.renewedBy === undefined)
          .map((t) => renewAt(t, lead) + world.skew())
          .filter((at) => at > after)
          .sort((a, b) => a - b)[0];
        const from = (next ?? after) - MINUTE;
        world.outages.push({ server, from, to: from + OUTAGE_MS });
        outagesPlanned++;
      };
      /** Waking from the sleep: tokens that expired meanwhile are renewed on wake, faults permitting. */
      let wokeAt: number | undefined;
      const inFailingWindow = (server: ServerName | undefined, at: number): boolean =>
        world.outages.some((o) => o.server === server && at >= o.from && at < o.to + RECOVERY_MS) || (wokeAt !== undefined && at >= wokeAt && at < wokeAt + RECOVERY_MS);

      for (let hour = 1; hour <= DAYS * 24; hour++) {
        const target = start + hour * HOUR;
        await runUntil(target);
        const day = Math.ceil(hour / 24);
        if (world.serverNow() > target) continue; // asleep through this hour: nobody checked

        // The outages: Azion on day 2, the Provider on day 3, the Node on day 4 (shorter runs: earlier).
        const outageHour = (n: number): number => Math.min(n * 24, Math.max(2, Math.floor((DAYS * 24) / 2))) + n;
        if (hour === outageHour(2)) planOutage('azion', world.serverNow());
        if (hour === outageHour(3)) planOutage('provider', world.serverNow());
        if (hour === outageHour(4)) planOutage('node', world.serverNow());

        // --- The hourly checks -------------------------------------------------------------
        const data = s.vault.read();
        const appNow = clock.now();
        const serverNow = world.serverNow();
        const tolerance = world.skew() + 2000;
        const nearExpiry = (expiresAt: number): boolean => Math.abs(expiresAt - serverNow) <= tolerance;
        const at = `day ${day} hour ${hour}`;

        // Each auto-renew account has a live token, or (only inside a stated window) shows its failing renewal.
        for (const id of accountIds) {
          const mine = data.tokens.filter((t) => t.accountId === id);
          const live = mine.some((t) => t.state === 'active' && appNow < t.expiresAt);
          if (live) continue;
          const failing = mine.find((t) => t.renewal !== undefined);
          failingHours.set(id, (failingHours.get(id) ?? 0) + 1);
          const label = data.accounts.find((a) => a.id === id)?.label;
          expect(inFailingWindow(serverOf.get(id), serverNow), `${at}: ${label} has no live token outside any outage window (${JSON.stringify(failing?.renewal)})`).toBe(true);
          expect(failing, `${at}: ${label} has no live token and shows no failing renewal`).toBeDefined();
        }

        // No token has two successors, across the whole run (old tokens leave the list after a day).
        for (const t of data.tokens) {
          if (t.renewedFrom === undefined) continue;
          const seen = successorOf.get(t.renewedFrom);
          expect(seen === undefined || seen === t.id, `${at}: token ${t.renewedFrom} has two successors`).toBe(true);
          successorOf.set(t.renewedFrom, t.id);
        }

        // What the app believes live matches each server, both ways.
        const appLive = (kinds: TokenRecord['kind'][]): Set<string> =>
          new Set(data.tokens.filter((t) => kinds.includes(t.kind) && (t.state === 'active' || t.state === 'revoke_failed') && appNow <= t.expiresAt && !nearExpiry(t.expiresAt)).map((t) => t.value));
        const queued = new Set((data.cleanup ?? []).map((r) => r.token.value));
        const compare = (name: string, believed: Set<string>, onServer: Set<string>, allowed: Set<string> = new Set()): void => {
          const missing = [...believed].filter((v) => !onServer.has(v));
          const unknown = [...onServer].filter((v) => !believed.has(v) && !allowed.has(v));
          expect(missing.length, `${at}: ${name}: ${missing.length} token(s) the app believes live are dead on the server`).toBe(0);
          expect(unknown.length, `${at}: ${name}: ${unknown.length} live token(s) on the server the app does not know`).toBe(0);
        };
        const sessions = [...world.azion.sessions()].filter(([, v]) => serverNow <= v.expiresAt && !nearExpiry(v.expiresAt));
        const personal = world.azion.personalTokens().filter((t) => serverNow <= t.expiresAt && !nearExpiry(t.expiresAt));
        compare('Azion', appLive(['azion-session', 'azion-personal']), new Set([...sessions.map(([k]) => k), ...personal.map((t) => t.key)]), queued);
        compare('Ocean Provider', appLive(['ocean-provider']), new Set(world.provider.liveTokens().filter((t) => !nearExpiry(t.exp * 1000)).map((t) => t.token)));
        compare(
          'Ocean Node',
          appLive(['ocean-node']),
          new Set(world.node.tokens().filter((t) => t.isValid && (t.validUntil === null || t.validUntil >= serverNow) && !nearExpiry(t.validUntil ?? Infinity)).map((t) => t.token)),
        );

        // No temporary Azion session outlives its retry window.
        const appValues = new Set(data.tokens.map((t) => t.value));
        for (const [value, session] of sessions) {
          if (appValues.has(value)) continue;
          const outage = world.outages.find((o) => o.server === 'azion' && session.createdAt < o.to && session.createdAt >= o.from - CLEANUP_WINDOW_MS);
          const deadline = Math.max(session.createdAt, outage?.to ?? 0) + CLEANUP_WINDOW_MS;
          expect(serverNow <= deadline, `${at}: a temporary Azion session made ${(serverNow - session.createdAt) / MINUTE} min ago is still live`).toBe(true);
        }

        // No Ocean expiration second is used twice per (provider, address).
        for (; issuedSeen < world.provider.issued.length; issuedSeen++) {
          const i = world.provider.issued[issuedSeen]!;
          const key = `${i.address.toLowerCase()}|${i.exp}`;
          expect(expirations.has(key), `${at}: expiration ${i.exp} reused for ${i.address}`).toBe(false);
          expirations.add(key);
        }

        // Timers stay few: one scheduler timer, the clipboard's clear, nothing piling up.
        expect(clock.pending(), `${at}: timers pile up`).toBeLessThanOrEqual(3);
        expect(unhandled, at).toEqual([]);
        const errors = app.logLines.filter((l) => l.includes('"level":"error"'));
        expect(errors, at).toEqual([]);
        for (const e of app.events) {
          if (e.type !== 'renewal-failing') continue;
          renewalFailingEvents++;
          const server = serverOf.get(e.accountId);
          if (server) failingByServer[server]++;
        }
        expiryAlerts += app.events.filter((e) => e.type === 'expiry-alert').length;
        if (app.events.some((e) => e.type === 'tokens-changed' && (e.pendingCleanup ?? 0) > 0)) hoursWithPendingCleanup++;
        if (data.tokens.some((t) => t.state === 'revoke_failed')) hoursWithRevokeFailed++;
        // The harness's own logs, not the app's: dropped so the heap measures the app.
        app.logLines.length = 0;
        app.events.length = 0;
        app.clipboard.writes.length = 0;
        for (const server of [world.azion, world.provider, world.node]) server.requests.length = 0;
        world.node.nonceChecks.length = 0;

        // --- What a person does ------------------------------------------------------------
        const views = await s.tokens.list();
        const live = views.filter((t) => t.state === 'active' || t.state === 'expiring');
        const pick = live[hour % Math.max(1, live.length)];
        if (pick) {
          await s.tokens.copy(pick.id, 'raw');
          copies++;
        }
        if (hour % 6 === 0) {
          await s.vault.lock();
          await s.vault.unlock(TEST_PASSWORD);
        }
        if (hour === SLEEP_AT_HOUR) {
          clock.jump(9 * HOUR); // a night's sleep nobody reported; main re-evaluates on resume
          wokeAt = world.serverNow();
          s.tokens.reevaluate();
        }
        if (hour === SET_BACK_AT_HOUR) {
          world.setBack(10 * MINUTE);
          s.tokens.reevaluate();
        }

        if (hour % 24 === 0 || hour === DAYS * 24) {
          await quiesce();
          const handles = process.getActiveResourcesInfo().length;
          dayHandlesBase ??= handles;
          const after = s.vault.read();
          const longestStallMs = Math.round(loop.max / 1e6); // before the GC below, which is ours
          perDay.push({
            day,
            liveTokens: after.tokens.filter((t) => t.state === 'active' && clock.now() < t.expiresAt).length,
            auditEntries: (await s.audit.page({ offset: 0, limit: 1 })).total,
            vaultBytes: dirBytes(app.dataDir),
            heapMB: gcHeapMB(),
            longestStallMs,
            openHandles: handles,
            pendingTimers: clock.pending(),
            steps: steps - stepsAtDayStart,
            wallS: Math.round((performance.now() - dayStart) / 100) / 10,
            cpuS: (({ user, system }) => Math.round((user + system) / 1e5) / 10)(process.cpuUsage(cpuAtDayStart)),
          });
          cpuAtDayStart = process.cpuUsage();
          loop.reset();
          dayStart = performance.now();
          stepsAtDayStart = steps;
        }
      }

      loop.disable();
      const wallMs = Math.round(performance.now() - wallStart);
      console.table(perDay);
      const summary = {
        days: DAYS,
        seed: SEED,
        faultRate: FAULT_RATE,
        wallMs,
        steps,
        copies,
        blockedOnClock,
        outages: world.outages.map((o) => ({ server: o.server, fromDay: (o.from - start) / DAY, minutes: (o.to - o.from) / MINUTE })),
        faults: world.faults.stats,
        renewalFailingEvents,
        failingByServer,
        expiryAlerts,
        hoursWithPendingCleanup,
        hoursWithRevokeFailed,
        hoursWithoutLiveToken: Object.fromEntries([...failingHours].map(([id, n]) => [s.vault.read().accounts.find((a) => a.id === id)?.label ?? id, n])),
        perDay,
      };
      console.log(JSON.stringify({ ...summary, perDay: undefined }, null, 2));
      mkdirSync('test-results', { recursive: true });
      writeFileSync('test-results/soak.json', JSON.stringify(summary, null, 2));

      expect(outagesPlanned).toBe(DAYS >= 1 ? 3 : 0);
      expect(presence.prompts.length, 'a renewal asked the person').toBe(promptsAtSetup);
      // Each outage hit renewals in flight (it starts a minute before one is due), and they said so.
      for (const server of ['azion', 'provider', 'node'] as const) expect(failingByServer[server], `${server}: no renewal-failing alert during its outage`).toBeGreaterThan(0);
      if (DAYS >= 7) expect(hoursWithPendingCleanup, 'the cleanup queue was never used: the soak no longer exercises it').toBeGreaterThan(0);
      // Flat: what the app holds does not grow with the days it has run.
      if (perDay.length >= 4) {
        const settledDays = perDay.slice(1);
        const heaps = settledDays.map((d) => d.heapMB);
        expect(Math.max(...heaps) - Math.min(...heaps), `heap after GC grew: ${heaps.join(', ')} MB`).toBeLessThan(15);
        const handles = settledDays.map((d) => d.openHandles);
        expect(Math.max(...handles) - dayHandlesBase!, `open handles grew: ${handles.join(', ')}`).toBeLessThanOrEqual(10);
      }
      expect(unhandled).toEqual([]);
    } finally {
      loop.disable();
      process.off('unhandledRejection', onUnhandled);
      await app?.close();
      await world.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    }
  });
});
