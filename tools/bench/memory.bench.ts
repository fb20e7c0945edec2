/**
 * Heap the core holds per token once unlocked, with 10,000 tokens, over the token's serialized size
 * (JSON.stringify of one stored record, the average over all). "Holds" is what the real composition
 * (main/services.ts) keeps after unlock: the decrypted records, every secret form the redactor
 * registers, the schedule, and the list of views last sent to the renderer (kept here as the window
 * would keep it). Measured as heapUsed after a full GC, locked vs unlocked, over paired runs.
 * Run: node --expose-gc --import tsx tools/bench/memory.bench.ts   (needs --expose-gc)
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../main/core/log.js';
import { Redactor } from '../../main/core/redact.js';
import type { TokenRecord } from '../../main/core/vault/vaultRecords.js';
import { createServices } from '../../main/services.js';
import type { TokenKind, TokenView } from '../../preload/contract.js';
import { FakeClock } from '../../test/support/FakeClock.js';
import { MemoryClipboard } from '../../test/support/MemoryClipboard.js';
import { report, stat, type Stat } from './stats.js';

const TOKENS = 10_000;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const PASSWORD = 'bench master password, long enough';
const KDF = { name: 'scrypt' as const, N: 2 ** 10, r: 8, p: 1 };

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('Run with node --expose-gc (tools/bench/run.ts does).');

function heapAfterGc(): number {
  // Twice: the first pass can leave objects whose finalization frees more.
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

const KINDS: TokenKind[] = ['azion-session', 'azion-personal', 'ocean-provider', 'ocean-node'];

function token(i: number, accountId: string, now: number): TokenRecord {
  const kind = KINDS[i % 4]!;
  // Sizes as the servers issue them: Azion session 40 hex, personal "azion" + 35, Ocean JWTs ~300.
  const value = kind === 'azion-session' ? randomBytes(20).toString('hex') : kind === 'azion-personal' ? 'azion' + randomBytes(27).toString('base64url').slice(0, 35) : 'eyJ' + randomBytes(220).toString('base64url');
  const t: TokenRecord = { id: `tok-${i}`, accountId, kind, value, createdAt: now - i * 1000, expiresAt: now + 3_600_000 + i * 1000, state: 'active' };
  if (kind === 'azion-personal') t.serverId = `uuid-${i}`;
  if (kind.startsWith('ocean')) t.meta = { flavour: kind === 'ocean-node' ? 'node' : 'provider', providerUrl: 'https://provider.example.com', address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' };
  return t;
}

const dir = await mkdtemp(join(tmpdir(), 'tv-memory-'));
try {
  const clock = new FakeClock(Date.now());
  const redactor = new Redactor();
  // The renderer's copy of the list: only the latest tokens-changed event is kept, as a window would.
  let views: TokenView[] = [];
  const services = createServices({
    dataDir: dir,
    clock,
    logger: createLogger({ write: () => undefined }, redactor),
    redactor,
    clipboard: new MemoryClipboard(),
    emit: (e) => void (e.type === 'tokens-changed' && (views = e.tokens)),
    platform: () => ({ os: 'linux', tray: false, notifications: false, globalShortcut: false, limitations: [] }),
    kdf: KDF,
  });
  await services.vault.create(PASSWORD);
  const accounts = [
    await services.accounts.add({ kind: 'azion', label: 'Azion', email: 'bench@example.com', password: 'bench-azion-password', mode: 'session' }),
    await services.accounts.add({ kind: 'ocean', label: 'Ocean', providerUrl: 'https://provider.example.com', key: { type: 'generate' } }),
  ];
  await services.vault.update((d) => {
    for (let i = 0; i < TOKENS; i++) d.tokens.push(token(i, accounts[i % 2]!.id, clock.now()));
  });
  const records = services.vault.read().tokens;
  const serializedPerToken = JSON.stringify(records).length / TOKENS;

  const perToken: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    await services.vault.lock();
    await services.tokens.settled();
    const locked = heapAfterGc();
    await services.vault.unlock(PASSWORD);
    await services.tokens.settled();
    if (views.length !== TOKENS) throw new Error(`expected ${TOKENS} views, got ${views.length}`);
    const unlocked = heapAfterGc();
    if (i > 0) perToken.push((unlocked - locked) / TOKENS); // run 0 warms up code and caches
  }

  // How much of it is the redactor's copies of each value (five encodings per token).
  const before = heapAfterGc();
  const solo = new Redactor();
  for (const t of services.vault.read().tokens) solo.add(t.value);
  const redactorPerToken = (heapAfterGc() - before) / TOKENS;

  const round = (s: Stat, digits = 1): Stat => {
    const f = 10 ** digits;
    return { median: Math.round(s.median * f) / f, min: Math.round(s.min * f) / f, max: Math.round(s.max * f) / f };
  };
  const result = {
    tokens: TOKENS,
    runs: RUNS,
    bytesPerTokenRatio: round(stat(perToken.map((b) => b / serializedPerToken)), 2),
    heapBytesPerToken: round(stat(perToken)),
    serializedBytesPerToken: Math.round(serializedPerToken),
    redactorBytesPerToken: Math.round(redactorPerToken),
    node: process.version,
  };
  solo.clear();
  console.log(JSON.stringify(result, null, 2));
  report('memory', result);
  await services.dispose();
} finally {
  await rm(dir, { recursive: true, force: true });
}
