import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LineFramer } from '../../../main/agent/LineFramer.js';
import { MAX_REQUEST_BYTES, type AgentResponse } from '../../../main/agent/protocol.js';
import { prng } from '../../support/prng.js';
import { startAgentWorld, type AgentWorld } from '../../support/agentHarness.js';

vi.setConfig({ testTimeout: 120_000 });

const SEED = Number(process.env['AGENT_FUZZ_SEED'] ?? 1717);
const FRAMES = 10_000;
const CONNECTIONS = 20;

let w: AgentWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

interface Frame {
  bytes: string;
  /** The error code expected back, or 'ok'. */
  expect: string;
}

const hello = (id: number): string => JSON.stringify({ v: 1, id, op: 'hello', client: 'fuzz', caller: { pid: process.pid, ppid: process.ppid, cwd: '/', argv: ['fuzz'] } });
const VALID = [
  (id: number) => ({ v: 1, id, op: 'status' }),
  (id: number) => ({ v: 1, id, op: 'get', account: 'azion-prod', format: 'header' }),
  (id: number) => ({ v: 1, id, op: 'revoke', token: 'abc' }),
];
const WRONG_SHAPE = [
  'null',
  '[]',
  '42',
  '"status"',
  '{}',
  '{"v":1,"id":1}',
  '{"v":1,"id":1,"op":"nope"}',
  '{"v":1,"id":1,"op":"status","extra":true}',
  '{"v":1,"id":-5,"op":"status"}',
  '{"v":1,"id":1.5,"op":"status"}',
  '{"v":1,"id":1,"op":"get"}',
  '{"v":1,"id":1,"op":"get","account":""}',
  '{"v":1,"id":1,"op":"get","account":"a","format":"html"}',
  '{"v":1,"id":1,"op":"get","account":"a","minTtlMs":-1}',
  '{"v":1,"id":1,"op":"revoke","token":"../../etc"}',
  '{"v":1,"id":1,"op":"hello","client":"x","caller":{"pid":0,"ppid":1,"cwd":"/","argv":[]}}',
  '{"__proto__":{"op":"status"},"v":1,"id":1}',
  '{"v":"1","id":1,"op":"status"}',
];

/** One connection's frames, with what each must answer given whether hello has been said on it. */
function framesFor(rand: () => number, count: number): Frame[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const out: Frame[] = [];
  let helloDone = false;
  for (let i = 0; i < count; i++) {
    const id = i + 1;
    const r = rand();
    if (r < 0.25) {
      const junk = Array.from({ length: 1 + Math.floor(rand() * 60) }, () => String.fromCharCode(32 + Math.floor(rand() * 90))).join('');
      // '{!' never starts valid JSON, whatever follows.
      out.push({ bytes: `{!${junk}\n`, expect: 'BAD_FRAME' });
    } else if (r < 0.45) {
      // Truncated: a real request cut short, then its newline.
      const full = JSON.stringify(pick(VALID)(id));
      out.push({ bytes: `${full.slice(0, 1 + Math.floor(rand() * (full.length - 2)))}\n`, expect: 'BAD_FRAME' });
    } else if (r < 0.5) {
      out.push({ bytes: `{"v":1,"id":${id},"op":"status","pad":"${'x'.repeat(MAX_REQUEST_BYTES + Math.floor(rand() * 4000))}"}\n`, expect: 'TOO_LARGE' });
    } else if (r < 0.55) {
      out.push({ bytes: `${JSON.stringify({ ...pick(VALID)(id), v: pick([0, 2, 99, -1]) })}\n`, expect: 'UNSUPPORTED_VERSION' });
    } else if (r < 0.8) {
      out.push({ bytes: `${pick(WRONG_SHAPE)}\n`, expect: 'BAD_REQUEST' });
    } else if (r < 0.9) {
      out.push({ bytes: `${hello(id)}\n`, expect: helloDone ? 'BAD_REQUEST' : 'ok' });
      helloDone = true;
    } else if (r < 0.97) {
      // Out of order: a real request before hello.
      out.push({ bytes: `${JSON.stringify(VALID[0]!(id))}\n`, expect: helloDone ? 'ok' : 'HELLO_FIRST' });
    } else {
      // Blank lines are no frame at all: no answer.
      out.push({ bytes: '\n', expect: 'none' });
    }
  }
  return out;
}

/** Sends the frames in random-sized chunks (frames split across writes) and collects every answer. */
function exchange(endpoint: string, frames: Frame[], rand: () => number): Promise<AgentResponse[]> {
  return new Promise((resolve, reject) => {
    const want = frames.filter((f) => f.expect !== 'none').length;
    const got: AgentResponse[] = [];
    const socket: Socket = connect(endpoint);
    const framer = new LineFramer(1 << 20, {
      oversized: () => reject(new Error('oversized response')),
      line: (text) => {
        got.push(JSON.parse(text) as AgentResponse);
        if (got.length === want) {
          socket.end();
          resolve(got);
        }
      },
    });
    socket.on('data', (c: Buffer) => framer.push(c));
    socket.on('error', reject);
    socket.on('connect', () => {
      const all = frames.map((f) => f.bytes).join('');
      for (let at = 0; at < all.length; ) {
        const size = 1 + Math.floor(rand() * 9000);
        socket.write(all.slice(at, at + size));
        at += size;
      }
      if (want === 0) resolve(got);
    });
  });
}

describe('agent frames', () => {
  it(`answers ${FRAMES} malformed, oversized, truncated and out-of-order frames with typed errors, and keeps serving (seed ${SEED})`, async () => {
    w = await startAgentWorld();
    const rand = prng(SEED);
    const perConnection = Array.from({ length: CONNECTIONS }, () => framesFor(rand, FRAMES / CONNECTIONS));
    const answers = await Promise.all(perConnection.map((frames) => exchange(w!.agent.endpoint, frames, rand)));
    let checked = 0;
    for (const [c, frames] of perConnection.entries()) {
      const expected = frames.filter((f) => f.expect !== 'none').map((f) => f.expect);
      const codes = answers[c]!.map((a) => (a.ok ? 'ok' : a.error.code));
      expect(codes).toEqual(expected);
      checked += codes.length;
      for (const a of answers[c]!) if (!a.ok) expect(a.error.message.length).toBeGreaterThan(10);
    }
    expect(checked).toBeGreaterThan(FRAMES * 0.95);
    // The agent still serves a real CLI, and nothing was handed out or asked.
    const r = await w.cli(['status']);
    expect(r).toMatchObject({ code: 0 });
    expect(w.presence.prompts).toHaveLength(0);
    expect(w.tokenValues()).toHaveLength(0);
  });

  it('a frame cut off by a closed connection is dropped without an answer or a crash', async () => {
    w = await startAgentWorld();
    await new Promise<void>((resolve) => {
      const s = connect(w!.agent.endpoint, () => s.end(`${hello(1)}\n{"v":1,"id":2,"op":"sta`, () => resolve()));
    });
    expect((await w.cli(['status'])).code).toBe(0);
  });
});
