/**
 * The world the soak runs in: the app's real composition (createServices, the real vault on disk)
 * against the independent fake servers on 127.0.0.1, all on one FakeClock, with faults injected on
 * the way to the servers. The servers keep their own time (`serverNow`): sleeping moves both, a clock
 * set back moves only the app's.
 */
import type { Clock } from '../../main/core/clock.js';
import type { FetchLike } from '../../main/core/http/httpTypes.js';
import { startFakeAzion, startFakeOceanNode, startFakeOceanProvider, type FakeAzion, type FakeOceanNode, type FakeOceanProvider } from '../fakes/index.js';
import type { FakeServer } from '../fakes/fakeHttp.js';
import { FakeClock } from '../support/FakeClock.js';

export type ServerName = 'azion' | 'provider' | 'node';

export interface Outage {
  server: ServerName;
  /** Server time. */
  from: number;
  to: number;
}

export interface FaultStats {
  requests: number;
  refused: number;
  status503: number;
  reset: number;
  outageRefused: number;
}

export interface SoakWorld {
  clock: FakeClock;
  /** The servers' time: the app's clock plus what it was set back by. */
  serverNow(): number;
  /** Sets the app's clock back (the servers' time goes on). */
  setBack(ms: number): void;
  /** How far the app's clock is behind the servers' (ms). */
  skew(): number;
  azion: FakeAzion;
  provider: FakeOceanProvider;
  node: FakeOceanNode;
  fetch: FetchLike;
  /** Requests sent and not answered yet (headers). */
  inflight(): number;
  outages: Outage[];
  faults: { rate: number; stats: FaultStats };
  close(): Promise<void>;
}

/**
 * ~5% of requests fail (30% of Azion session revokes). Faults happen before the server acts (refused connection, 503 from the server's front, a reset
 * before any answer): a lost answer to a mint that did happen would leave a token nobody knows,
 * which no client can prevent and which the both-ways check would rightly report.
 */
export async function startSoakWorld(options: { start: number; random: () => number; faultRate: number; azionUsers: { email: string; password: string }[] }): Promise<SoakWorld> {
  const clock = new FakeClock(options.start);
  let skew = 0;
  const serverClock: Clock = { now: () => clock.now() + skew, setTimeout: (fn, ms) => clock.setTimeout(fn, ms) };
  const azion = await startFakeAzion({ clock: serverClock, accounts: options.azionUsers });
  // Well above what 7 accounts need, so a burst after a sleep is not throttled into clock waits.
  azion.behaviour.rateLimitPerMinute = 1000;
  const provider = await startFakeOceanProvider({ clock: serverClock });
  const node = await startFakeOceanNode({ clock: serverClock });
  const byOrigin = new Map<string, { name: ServerName; server: FakeServer }>([
    [new URL(azion.url).origin, { name: 'azion', server: azion }],
    [new URL(provider.url).origin, { name: 'provider', server: provider }],
    [new URL(node.url).origin, { name: 'node', server: node }],
  ]);
  const outages: Outage[] = [];
  const faults = { rate: options.faultRate, stats: { requests: 0, refused: 0, status503: 0, reset: 0, outageRefused: 0 } };
  let inflight = 0;
  const refused = (): never => {
    throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
  };

  const faultyFetch: FetchLike = async (input, init) => {
    const url = new URL(input);
    const target = byOrigin.get(url.origin);
    if (!target) throw new Error(`the soak reached for ${url.origin}, which is none of its fakes`);
    faults.stats.requests++;
    const now = clock.now() + skew;
    if (outages.some((o) => o.server === target.name && now >= o.from && now < o.to)) {
      faults.stats.outageRefused++;
      refused();
    }
    // Session revokes fail more often: the cleanup queue (temporary sessions) and revoke retries
    // (revoke-on-renew) are then exercised every few days, not once a month by luck.
    const rate = init.method === 'DELETE' && url.pathname.startsWith('/tokens/') ? Math.min(1, faults.rate * 6) : faults.rate;
    if (options.random() < rate) {
      const kind = options.random();
      const match = { path: url.pathname };
      if (kind < 1 / 3) {
        faults.stats.refused++;
        refused();
      } else if (kind < 2 / 3) {
        faults.stats.status503++;
        target.server.failNext({ status: 503, headers: { 'content-type': 'text/html' }, body: '<html><body>503 Service Unavailable</body></html>', match });
      } else {
        faults.stats.reset++;
        target.server.resetNext({ match });
      }
    }
    inflight++;
    try {
      return await fetch(input, init);
    } finally {
      inflight--;
    }
  };

  return {
    clock,
    serverNow: () => clock.now() + skew,
    setBack(ms) {
      clock.jump(-ms);
      skew += ms;
    },
    skew: () => skew,
    azion,
    provider,
    node,
    fetch: faultyFetch,
    inflight: () => inflight,
    outages,
    faults,
    async close() {
      await Promise.all([azion.close(), provider.close(), node.close()]);
    },
  };
}
