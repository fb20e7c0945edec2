/**
 * Token service costs with 1,000 tokens: building the list views, and the update path (a mint: one
 * FakeVaultAccess update with its audit entry, the tokens-changed event with every view, the schedule
 * re-armed). The real persist cost (encrypt + atomic write) is measured by the vault's own bench.
 * Run: npx tsx tools/bench/tokens.bench.ts   → JSON with median/min/max milliseconds per operation.
 */
import { AuditLog } from '../../main/core/audit/AuditLog.js';
import { createLogger } from '../../main/core/log.js';
import { Redactor } from '../../main/core/redact.js';
import { DEFAULT_SETTINGS } from '../../preload/settings.js';
import { createTokensService } from '../../main/core/tokens/createTokensService.js';
import { dueWork } from '../../main/core/tokens/dueWork.js';
import { emptyVaultData, type AccountRecord, type TokenRecord, type VaultData } from '../../main/core/vault/vaultRecords.js';
import type { TokenKind } from '../../preload/contract.js';
import { FakeClock } from '../../test/support/FakeClock.js';
import { FakeProvider } from '../../test/support/FakeProvider.js';
import { FakeVaultAccess } from '../../test/support/FakeVaultAccess.js';

const TOKENS = 1000;
const RUNS = 15;
const WARMUP = 3;

interface Stat {
  median: number;
  min: number;
  max: number;
  runs: number;
}

function stat(samples: number[]): Stat {
  const s = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median: round(median), min: round(s[0]!), max: round(s[s.length - 1]!), runs: s.length };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

async function time(fn: () => unknown): Promise<Stat> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return stat(samples);
}

function seed(now: number): VaultData {
  const data = emptyVaultData();
  for (let a = 0; a < 10; a++) {
    const account: AccountRecord = {
      id: `acc${a}`,
      label: `Account ${a}`,
      createdAt: now,
      config: { kind: 'azion', authBase: 'https://api.azionapi.net', apiBase: 'https://api.azionapi.net', checkBase: 'https://sso.azion.com/api', mode: 'personal', email: 'bench@example.com' },
      secrets: { kind: 'azion', password: 'bench-password' },
      autoRenew: a % 2 === 0,
      revokeOnRenew: false,
      defaultCopyFormat: 'raw',
    };
    data.accounts.push(account);
  }
  const kinds: TokenKind[] = ['azion-session', 'azion-personal', 'ocean-provider', 'ocean-node'];
  for (let i = 0; i < TOKENS; i++) {
    const createdAt = now - (i % 48) * 3_600_000;
    const token: TokenRecord = {
      id: `tok${i.toString().padStart(6, '0')}`,
      accountId: `acc${i % 10}`,
      kind: kinds[i % 4]!,
      value: `azion${i.toString(36).padStart(35, 'x')}`,
      createdAt,
      expiresAt: createdAt + (24 + (i % 30) * 24) * 3_600_000,
      state: i % 7 === 0 ? 'revoked' : 'active',
      serverId: `uuid-${i}`,
    };
    if (token.state === 'revoked') token.revokedAt = now;
    data.tokens.push(token);
  }
  return data;
}

async function main(): Promise<void> {
  const clock = new FakeClock();
  const vault = new FakeVaultAccess(seed(clock.now()));
  const redactor = new Redactor();
  const provider = new FakeProvider('azion', { clock });
  const audit = new AuditLog(vault, clock);
  let events = 0;
  const service = createTokensService({
    vault,
    providers: () => provider,
    clock,
    clipboard: { readText: async () => '', writeText: async () => {}, clear: () => {} },
    // Retention far out, so nothing leaves the list while we measure.
    settings: () => ({ ...DEFAULT_SETTINGS, expiredRetentionHours: 24 * 365 }),
    redactor,
    logger: createLogger({ write: () => {} }, redactor),
    emit: () => void events++,
    audit,
  });
  await service.settled();
  for (let i = 0; i < TOKENS; i++) await audit.append({ action: 'mint', outcome: 'ok', accountId: 'acc1', tokenPreview: 'azio…xxxx' });

  const list = await time(() => service.list());
  const schedule = await time(() => {
    const d = vault.read();
    dueWork(d.tokens, d.accounts, DEFAULT_SETTINGS, { alerted: new Set(), renewing: new Set(), removing: new Set(), renewRetry: new Map() }, clock.now());
  });
  const rawUpdate = await time(() => vault.update((d) => d.tokens.length));
  const mint = await time(() => service.mint('acc1', { expiresAt: clock.now() + 3_600_000 }));
  const auditPage = await time(() => audit.page({ offset: 0, limit: 50 }));

  const result = {
    bench: 'tokens',
    tokens: vault.read().tokens.length,
    auditEntries: vault.read().audit.length,
    ms: {
      listViews: list,
      scheduleDecision: schedule,
      fakeVaultUpdate: rawUpdate,
      mintUpdatePath: mint,
      auditPageWithVerify: auditPage,
    },
    eventsEmitted: events,
    node: process.version,
  };
  console.log(JSON.stringify(result, null, 2));
  service.dispose();
}

await main();
