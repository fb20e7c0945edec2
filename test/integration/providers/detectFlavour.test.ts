import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryExpirationLedger } from '../../../main/core/providers/memoryExpirationLedger.js';
import { createOceanProvider } from '../../../main/core/providers/ocean/oceanProvider.js';
import { TEST_KEY } from '../../fakes/vectors.js';
import { FakeClock } from '../../support/FakeClock.js';
import { oceanConfig, rejectionOf, testHttp } from './support.js';

describe('Ocean flavour detection', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('times a 429 from the injected clock, not the wall clock', async () => {
    // A throttling proxy in front of the provider: every GET / is 429 with Retry-After.
    server = createServer((_req, res) => res.writeHead(429, { 'Retry-After': '30', 'Content-Type': 'text/plain' }).end('slow down'));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const clock = new FakeClock(Date.UTC(2030, 0, 1)); // years away from the wall clock
    const provider = createOceanProvider({ http: testHttp(clock), clock, ledger: createMemoryExpirationLedger() });

    const error = await rejectionOf(provider.mint({
      config: oceanConfig(`${url}/`, TEST_KEY.address),
      secrets: { kind: 'ocean', privateKey: TEST_KEY.privateKey },
      expiresAt: clock.now() + 3_600_000,
    }));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAt).toBe(clock.now() + 30_000);
  });
});
