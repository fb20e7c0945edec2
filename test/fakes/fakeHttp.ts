/**
 * The loopback HTTP server under every fake peer, with the control surface tests, e2e and the demo
 * share: scripted failures, delays driven by an injectable clock, and a log of what was received.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Clock } from '../../main/core/clock.js';

export interface ReceivedRequest {
  method: string;
  /** Path without the query. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased names, as Node gives them. */
  headers: Record<string, string>;
  body: string;
  /** Raw request target, e.g. "/api/services/nonce?userAddress=0x…". */
  target: string;
  at: number;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown;
  /**
   * Break the connection instead of answering: 'reset' before any byte of the answer, 'reset-mid-body'
   * after the headers (which promise the whole body) and half of the body.
   */
  drop?: 'reset' | 'reset-mid-body';
  /** Stream the body without a Content-Length (chunked), as a proxy or a streaming server would. */
  chunked?: boolean;
}

export interface RequestMatch {
  method?: string;
  path?: string | RegExp;
}

export interface FailSpec extends FakeResponse {
  match?: RequestMatch;
  /** How many matching requests get this answer (default 1). */
  times?: number;
}

export interface DelaySpec {
  ms: number;
  /** 'headers' holds the whole answer; 'body' sends the headers at once and holds the body. */
  phase?: 'headers' | 'body';
  match?: RequestMatch;
}

export type Handler = (req: ReceivedRequest) => FakeResponse | Promise<FakeResponse>;

export interface FakeServer {
  url: string;
  /** Everything received, oldest first. */
  readonly requests: ReceivedRequest[];
  /** The next matching request(s) get this answer instead of the real one (after being logged). */
  failNext(spec: FailSpec): void;
  /** The next matching request is answered `ms` later on the fake's clock (Infinity: never). */
  delayNext(spec: number | DelaySpec): void;
  /** The next matching request(s) get a broken connection: at once, or after the headers and half the body. */
  resetNext(spec?: { match?: RequestMatch; midBody?: boolean; times?: number }): void;
  /** The next matching request(s) get a 200 JSON answer of about `bytes` bytes, declared or (chunked) not. */
  oversizedNext(spec: { bytes: number; chunked?: boolean; match?: RequestMatch; times?: number }): void;
  /** Resolves with the first matching request from index `from`, once its answer is scheduled. */
  waitForRequest(match?: RequestMatch, from?: number): Promise<ReceivedRequest>;
  /** Drops scripted failures/delays and the request log. */
  reset(): void;
  close(): Promise<void>;
}

export interface FakeServerOptions {
  /** Drives delays; a FakeClock makes "slow answers" instant to test. Defaults to real time. */
  clock?: Clock;
  handler: Handler;
  /** Serve HTTPS with this key and certificate (PEM); the URL is then https://127.0.0.1:port. */
  tls?: { key: string; cert: string };
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

export async function startFakeServer(options: FakeServerOptions): Promise<FakeServer> {
  const clock = options.clock ?? realClock;
  const requests: ReceivedRequest[] = [];
  let failures: FailSpec[] = [];
  let delays: DelaySpec[] = [];
  let waiters: { match: RequestMatch | undefined; from: number; resolve: (r: ReceivedRequest) => void }[] = [];
  const sockets = new Set<Socket>();
  const scheduled = new WeakSet<ReceivedRequest>();
  const pendingTimers = new Set<() => void>();

  const takeMatching = <T extends { match?: RequestMatch | undefined }>(list: T[], req: ReceivedRequest): T | undefined => {
    const i = list.findIndex((s) => matches(s.match, req));
    return i < 0 ? undefined : list[i];
  };

  const onRequest = (incoming: IncomingMessage, res: ServerResponse): void => {
    void handle(incoming, res);
  };
  const server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, onRequest) : createServer(onRequest);
  // A client that refuses the certificate drops the handshake: not this fake's failure.
  server.on('tlsClientError', () => undefined);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function handle(incoming: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(incoming);
    const target = incoming.url ?? '/';
    const parsed = new URL(target, 'http://fake');
    const req: ReceivedRequest = {
      method: incoming.method ?? 'GET',
      path: parsed.pathname,
      query: parsed.searchParams,
      headers: Object.fromEntries(Object.entries(incoming.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])),
      body,
      target,
      at: clock.now(),
    };
    requests.push(req);
    const index = requests.length - 1;

    let answer: FakeResponse;
    const failure = takeMatching(failures, req);
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      if (failure.times <= 0) failures = failures.filter((f) => f !== failure);
      answer = failure;
    } else {
      try {
        answer = await options.handler(req);
      } catch (e) {
        answer = { status: 500, body: { error: `fake handler failed: ${String(e)}` } };
      }
    }
    const delay = takeMatching(delays, req);
    if (delay) delays = delays.filter((d) => d !== delay);
    send(res, answer, delay);
    scheduled.add(req);
    // Waiters learn of a request once its answer is scheduled, so a test that then moves the clock
    // moves it past the fake's own delay timer too.
    waiters = waiters.filter((w) => {
      if (index >= w.from && matches(w.match, req)) {
        w.resolve(req);
        return false;
      }
      return true;
    });
  }

  function send(res: ServerResponse, answer: FakeResponse, delay: DelaySpec | undefined): void {
    const isJson = answer.body !== undefined && typeof answer.body !== 'string';
    const payload = answer.body === undefined ? '' : isJson ? JSON.stringify(answer.body) : String(answer.body);
    const headers: Record<string, string> = { ...(isJson ? { 'content-type': 'application/json' } : {}), ...answer.headers };
    // A client that gives up on a big or broken answer closes the socket under our writes.
    res.on('error', () => undefined);
    if (answer.drop === 'reset') {
      resetConnection(res);
      return;
    }
    if (answer.chunked || answer.drop === 'reset-mid-body') {
      delete headers['content-length'];
      if (answer.drop === 'reset-mid-body') headers['content-length'] = String(Buffer.byteLength(payload));
    }
    const writeBody = (): void => {
      if (answer.drop === 'reset-mid-body') {
        res.write(payload.slice(0, Math.floor(payload.length / 2)), () => resetConnection(res));
      } else if (answer.chunked) {
        // Writing before end() makes Node stream it chunked, without a Content-Length.
        for (let i = 0; i < payload.length; i += 64 * 1024) res.write(payload.slice(i, i + 64 * 1024));
        res.end();
      } else {
        res.end(payload);
      }
    };
    const later = (fn: () => void, ms: number): void => {
      if (ms === Infinity) return; // held until the client gives up or the fake closes
      const cancel = clock.setTimeout(() => {
        pendingTimers.delete(cancel);
        if (!res.destroyed) fn();
      }, ms);
      pendingTimers.add(cancel);
      res.on('close', () => {
        cancel();
        pendingTimers.delete(cancel);
      });
    };
    if (!delay) {
      res.writeHead(answer.status, headers);
      writeBody();
    } else if (delay.phase === 'body') {
      res.writeHead(answer.status, headers);
      res.flushHeaders();
      later(writeBody, delay.ms);
    } else {
      later(() => {
        res.writeHead(answer.status, headers);
        writeBody();
      }, delay.ms);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    failNext(spec) {
      failures.push({ ...spec, times: spec.times ?? 1 });
    },
    delayNext(spec) {
      delays.push(typeof spec === 'number' ? { ms: spec } : spec);
    },
    resetNext(spec = {}) {
      failures.push({ status: 200, drop: spec.midBody ? 'reset-mid-body' : 'reset', times: spec.times ?? 1, ...(spec.match ? { match: spec.match } : {}), ...(spec.midBody ? { body: { filler: 'x'.repeat(4096) } } : {}) });
    },
    oversizedNext(spec) {
      const body = `{"token":"${'A'.repeat(Math.max(0, spec.bytes - 12))}"}`;
      const length: Record<string, string> = spec.chunked ? {} : { 'content-length': String(Buffer.byteLength(body)) };
      failures.push({ status: 200, headers: { 'content-type': 'application/json', ...length }, body, times: spec.times ?? 1, ...(spec.chunked ? { chunked: true } : {}), ...(spec.match ? { match: spec.match } : {}) });
    },
    waitForRequest(match, from = 0) {
      const found = requests.slice(from).find((r) => scheduled.has(r) && matches(match, r));
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ match, from, resolve }));
    },
    reset() {
      failures = [];
      delays = [];
      requests.length = 0;
    },
    async close() {
      for (const cancel of pendingTimers) cancel();
      pendingTimers.clear();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A TCP reset where Node offers one (the peer sees ECONNRESET), else a plain close. */
function resetConnection(res: ServerResponse): void {
  const socket = res.socket as (Socket & { resetAndDestroy?: () => void }) | null;
  if (socket?.resetAndDestroy) socket.resetAndDestroy();
  else res.destroy();
}

function matches(match: RequestMatch | undefined, req: ReceivedRequest): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== req.method) return false;
  if (match.path === undefined) return true;
  return typeof match.path === 'string' ? match.path === req.path : match.path.test(req.path);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a JSON body the way lenient servers do: undefined when absent or not JSON. */
export function jsonBody(req: ReceivedRequest): Record<string, unknown> | undefined {
  if (!req.body) return undefined;
  try {
    const v: unknown = JSON.parse(req.body);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
