/**
 * Writes a large vault directly in the real format 2 (what years of use leave behind), far faster than
 * performing every action: the vault file with its accounts and tokens sealed, the audit trail as
 * closed journals of 1,000 entries of one record each (as compaction leaves them), the newest 500
 * entries in the file's window, and an empty current journal. Actions are then timed through the
 * real services.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GENESIS_HASH, hashEntry } from '../../main/core/audit/auditChain.js';
import type { KdfParams } from '../../main/core/vault/kdf.js';
import { encodeRecord, genesisHash, recordHash } from '../../main/core/vault/journalFormat.js';
import { AuditCounts } from '../../main/core/vault/AuditCounts.js';
import type { SegmentMeta } from '../../main/core/vault/storeMeta.js';
import type { AccountRecord, AuditEntry, TokenRecord, VaultData } from '../../main/core/vault/vaultRecords.js';
import { sealVault, wrapWithPassword } from '../../main/core/vault/vaultCrypto.js';
import { encodeVaultFile } from '../../main/core/vault/vaultFormat.js';
import type { AuditAction } from '../../preload/contract.js';

export interface SeedOptions {
  dir: string;
  password: string;
  kdf: KdfParams;
  accounts: number;
  tokens: number;
  auditEntries: number;
}

export interface Seeded {
  tokenIds: string[];
  accountIds: string[];
  vaultBytes: number;
  journalBytes: number;
}

const SEGMENT_ENTRIES = 1000;
const WINDOW = 500;
const ACTIONS: AuditAction[] = ['copy', 'copy', 'reveal', 'mint', 'revoke', 'unlock', 'lock'];

function account(i: number): AccountRecord {
  return {
    id: `acct-${i}`,
    label: `Account ${i}`,
    createdAt: i,
    autoRenew: false,
    revokeOnRenew: true,
    defaultCopyFormat: 'raw',
    config: { kind: 'azion', authBase: 'http://127.0.0.1:9', apiBase: 'http://127.0.0.1:9', checkBase: 'http://127.0.0.1:9', mode: 'session', email: `user${i}@example.com` },
    secrets: { kind: 'azion', password: `pw-${randomBytes(8).toString('hex')}` },
  };
}

function token(i: number, accounts: number): TokenRecord {
  // JWT-sized values, live for a month so every copy in the bench is allowed.
  return {
    id: `tok-${i}`,
    accountId: `acct-${i % accounts}`,
    kind: 'azion-session',
    value: 'eyJ' + randomBytes(220).toString('base64url'),
    createdAt: Date.now() - 1000,
    expiresAt: Date.now() + 30 * 24 * 3_600_000,
    state: 'active',
  };
}

export async function seedVault(o: SeedOptions): Promise<Seeded> {
  await mkdir(o.dir, { recursive: true, mode: 0o700 });
  const vaultId = randomUUID();
  const dataKey = randomBytes(32);
  const material = await wrapWithPassword(vaultId, dataKey, o.password, o.kdf, randomBytes);
  const accounts = Array.from({ length: o.accounts }, (_, i) => account(i));
  const tokens = Array.from({ length: o.tokens }, (_, i) => token(i, o.accounts));

  const entries: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  const t0 = Date.now() - o.auditEntries * 60_000;
  for (let seq = 1; seq <= o.auditEntries; seq++) {
    const t = tokens[seq % tokens.length]!;
    const body: Omit<AuditEntry, 'hash'> = {
      action: ACTIONS[seq % ACTIONS.length]!,
      outcome: 'ok',
      accountId: t.accountId,
      accountLabel: `Account ${seq % o.accounts}`,
      tokenId: t.id,
      tokenPreview: 'eyJa…wxyz',
      detail: 'raw',
      seq,
      at: t0 + seq * 60_000,
    };
    prev = hashEntry(prev, body);
    entries.push({ ...body, hash: prev });
  }

  const segments: SegmentMeta[] = [];
  let journalBytes = 0;
  for (let from = 0; from < entries.length; from += SEGMENT_ENTRIES) {
    const epoch = segments.length + 1;
    const key = randomBytes(32);
    const file = `vault.json.j-${epoch}-${randomBytes(3).toString('hex')}`;
    const ids = { vaultId, epoch };
    const records: Buffer[] = [];
    let last = genesisHash(ids);
    const counts = AuditCounts.empty();
    for (const entry of entries.slice(from, from + SEGMENT_ENTRIES)) {
      const record = encodeRecord(key, Buffer.from(JSON.stringify({ ops: [{ t: 'audit', entry }] })), ids, records.length + 1, last, randomBytes(12));
      records.push(record);
      last = recordHash(record);
      counts.add(entry);
    }
    const bytes = Buffer.concat(records);
    await writeFile(join(o.dir, file), bytes, { mode: 0o600 });
    journalBytes += bytes.length;
    segments.push({ file, epoch, key, records: records.length, bytes: bytes.length, lastHash: last.toString('hex'), audit: counts });
  }

  const generation = segments.length + 1;
  const last = entries.at(-1);
  const data: VaultData = {
    accounts,
    tokens,
    audit: entries.slice(-WINDOW),
    oceanExpirations: {},
    ...(last ? { auditHead: { seq: last.seq, hash: last.hash } } : {}),
  };
  const journal = `vault.json.j-${generation}-${randomBytes(3).toString('hex')}`;
  const file = encodeVaultFile(sealVault({ material, dataKey, data, generation, writtenAt: Date.now(), random: randomBytes, store: { journalKey: randomBytes(32), segments }, journal }));
  await writeFile(join(o.dir, 'vault.json'), file, { mode: 0o600 });
  return { tokenIds: tokens.map((t) => t.id), accountIds: accounts.map((a) => a.id), vaultBytes: file.length, journalBytes };
}
