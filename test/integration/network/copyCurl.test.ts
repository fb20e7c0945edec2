/**
 * "Copy as curl" for an Ocean token calls a route that checks the token, so pasting it tells a
 * working token from a dead one at once (as Azion's does): the line is run here as curl would send
 * it, against the fakes, before and after a revoke.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOceanNode, type FakeOceanNode } from '../../fakes/fakeOceanNode.js';
import { startFakeOceanProvider, type FakeOceanProvider } from '../../fakes/fakeOceanProvider.js';
import { TEST_KEY } from '../../fakes/vectors.js';
import { FakeClock } from '../../support/FakeClock.js';
import { startTestServices, type TestServices } from '../../support/testServices.js';
import { TestPresence } from '../../support/TestPresence.js';
import { TEST_PASSWORD } from '../../support/vaultHarness.js';

/** Splits `curl -H 'a' 'b'` the way a POSIX shell does for single-quoted words. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /'((?:[^']|'\\'')*)'|(\S+)/g;
  for (const m of line.matchAll(re)) words.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : (m[2] ?? ''));
  return words;
}

/** Sends what the pasted curl line sends: GET, its -H headers, its URL. */
async function runCurl(line: string): Promise<{ status: number; text: string }> {
  const words = shellWords(line);
  expect(words[0]).toBe('curl');
  const headers: Record<string, string> = {};
  let url = '';
  for (let i = 1; i < words.length; i++) {
    if (words[i] === '-H') {
      const [name, ...rest] = (words[++i] ?? '').split(':');
      headers[name!.trim()] = rest.join(':').trim();
    } else {
      url = words[i]!;
    }
  }
  const res = await fetch(url, { headers });
  return { status: res.status, text: await res.text() };
}

describe('copy as curl checks an Ocean token for real', () => {
  const clock = new FakeClock();
  let t: TestServices;
  let provider: FakeOceanProvider;
  let node: FakeOceanNode;

  beforeAll(async () => {
    provider = await startFakeOceanProvider({ clock });
    node = await startFakeOceanNode({ clock });
    t = await startTestServices({ clock, presence: new TestPresence(clock) });
    await t.services.vault.create(TEST_PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([provider?.close(), node?.close()]);
  });

  it.each([
    { name: 'Python Provider', server: () => provider.url, works: /Cannot resolve DID/, dead: /errors.*signature/, header: 'AuthToken' },
    { name: 'Ocean Node', server: () => node.url, works: /Invalid C2D Environment/, dead: /^Invalid token$/, header: 'Authorization' },
  ])('$name: a working token passes the check, a revoked one is refused', async (c) => {
    // The public Hardhat/Anvil test key #0 (vectors.json): never real funds.
    const account = await t.services.accounts.add({ kind: 'ocean', label: c.name, providerUrl: c.server(), key: { type: 'hex', privateKey: TEST_KEY.privateKey } });
    const preview = await t.services.tokens.previewMint(account.id, {});
    const token = await t.services.tokens.mint(account.id, { previewId: preview.previewId });

    await t.services.tokens.copy(token.id, 'curl');
    const line = t.clipboard.text;
    expect(line).toContain(`-H '${c.header}: `);
    expect(line).not.toMatch(new RegExp(`'${c.server()}/?'$`));
    const working = await runCurl(line);
    expect(working.text).toMatch(c.works);
    expect(working.text).not.toMatch(c.dead);

    expect((await t.services.tokens.revoke(token.id)).state).toBe('revoked');
    const dead = await runCurl(line);
    expect(dead.text).toMatch(c.dead);
  });
});
