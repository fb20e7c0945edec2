import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../../../../main/core/http/httpTypes.js';
import { type AzionCall, createAzionCall, DEFAULT_RATE_LIMIT_POLICY, type RateLimitPolicy } from '../../../../../main/core/providers/azion/azionCall.js';
import { AZION_ACCEPT, basicAuth } from '../../../../../main/core/providers/azion/azionSession.js';
import { providerRequest } from '../../../../../main/core/providers/providerRequest.js';
import { type FakeAzion, startFakeAzion } from '../../../../fakes/fakeAzion.js';
import { FakeClock } from '../../../../support/FakeClock.js';
import { testHttp } from '../../../../integration/providers/support.js';

const EMAIL = 'dev@example.com';
const PASSWORD = 'correct horse: battery staple';

describe('createAzionCall against the fake Azion', () => {
  let clock: FakeClock;
  let fake: FakeAzion;
  let waits: { ms: number; signal: AbortSignal | undefined }[];

  beforeEach(async () => {
    clock = new FakeClock();
    fake = await startFakeAzion({ clock, accounts: [{ email: EMAIL, password: PASSWORD }] });
    waits = [];
  });
  afterEach(() => fake.close());

  /** A call whose sleeps pass on the FakeClock at once (no test sleeps), each one recorded. */
  const azionCall = (policy: RateLimitPolicy = DEFAULT_RATE_LIMIT_POLICY): AzionCall =>
    createAzionCall({
      http: testHttp(clock),
      clock,
      policy,
      sleep: async (ms, signal) => {
        waits.push({ ms, signal });
        clock.jump(ms);
      },
    });

  const createSession = (call: AzionCall, signal?: AbortSignal): Promise<HttpResponse> =>
    call(providerRequest('POST', fake.url, '/tokens', { accept: AZION_ACCEPT, headers: { Authorization: basicAuth(EMAIL, PASSWORD) }, signal }));

  it('waits out a 429 for the Retry-After Azion names, then answers with the retry', async () => {
    fake.throttleNext({ retryAfterSeconds: 3 });
    const res = await createSession(azionCall());
    expect(res.status).toBe(201);
    expect(waits.map((w) => w.ms)).toEqual([3_000]);
    expect(fake.requests).toHaveLength(2);
  });

  it('reads X-Ratelimit-Reset when there is no Retry-After', async () => {
    fake.throttleNext({ resetInMs: 7_500 });
    const res = await createSession(azionCall());
    expect(res.status).toBe(201);
    expect(waits.map((w) => w.ms)).toEqual([7_500]);
  });

  it('waits at least a second when the reset time is already past (clock skew)', async () => {
    fake.throttleNext({ retryAfterSeconds: 0 });
    const res = await createSession(azionCall());
    expect(res.status).toBe(201);
    expect(waits.map((w) => w.ms)).toEqual([1_000]);
  });

  it('waits exactly the cap (30 s), but hands a longer wait to the user at once', async () => {
    fake.throttleNext({ retryAfterSeconds: 30 });
    expect((await createSession(azionCall())).status).toBe(201);
    expect(waits.map((w) => w.ms)).toEqual([30_000]);

    fake.reset();
    waits = [];
    fake.throttleNext({ retryAfterSeconds: 31 });
    const res = await createSession(azionCall());
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('31');
    expect(waits).toEqual([]);
    expect(fake.requests).toHaveLength(1);
  });

  it('a custom cap is honoured the same way, to the millisecond', async () => {
    fake.throttleNext({ resetInMs: 2_000 });
    expect((await createSession(azionCall({ maxRetries: 2, maxWaitMs: 2_000 }))).status).toBe(201);
    fake.reset();
    fake.throttleNext({ resetInMs: 2_001 });
    expect((await createSession(azionCall({ maxRetries: 2, maxWaitMs: 2_000 }))).status).toBe(429);
    expect(waits.map((w) => w.ms)).toEqual([2_000]);
  });

  it('a 429 that names no time is returned at once', async () => {
    fake.throttleNext();
    const res = await createSession(azionCall());
    expect(res.status).toBe(429);
    expect(waits).toEqual([]);
    expect(fake.requests).toHaveLength(1);
  });

  it('retries at most maxRetries times, then returns the last 429', async () => {
    fake.throttleNext({ retryAfterSeconds: 2, times: 3 });
    const res = await createSession(azionCall());
    expect(res.status).toBe(429);
    expect(waits.map((w) => w.ms)).toEqual([2_000, 2_000]);
    expect(fake.requests).toHaveLength(3);
  });

  it('with maxRetries 0, a 429 is returned at once', async () => {
    fake.throttleNext({ retryAfterSeconds: 1 });
    const res = await createSession(azionCall({ maxRetries: 0, maxWaitMs: 30_000 }));
    expect(res.status).toBe(429);
    expect(waits).toEqual([]);
  });

  it('never retries anything but a 429, even when it names a Retry-After', async () => {
    for (const status of [503, 401, 403, 200]) {
      fake.reset();
      fake.failNext({ status, headers: { 'retry-after': '2', 'x-ratelimit-reset': '5' }, body: { detail: 'Go away for a bit.' } });
      const res = await createSession(azionCall());
      expect(res.status).toBe(status);
      expect(fake.requests).toHaveLength(1);
    }
    expect(waits).toEqual([]);
  });

  it('a wrong password (401) is sent once: repeated attempts could lock the account', async () => {
    const res = await azionCall()(providerRequest('POST', fake.url, '/tokens', { accept: AZION_ACCEPT, headers: { Authorization: basicAuth(EMAIL, 'wrong') } }));
    expect(res.status).toBe(401);
    expect(fake.requests).toHaveLength(1);
  });

  it("passes the caller's signal to the wait, so a cancel ends it", async () => {
    const controller = new AbortController();
    fake.throttleNext({ retryAfterSeconds: 1 });
    await createSession(azionCall(), controller.signal);
    expect(waits).toHaveLength(1);
    expect(waits[0]?.signal).toBe(controller.signal);
  });

  it('the default policy is two retries of at most 30 s', () => {
    expect(DEFAULT_RATE_LIMIT_POLICY).toEqual({ maxRetries: 2, maxWaitMs: 30_000 });
  });
});
