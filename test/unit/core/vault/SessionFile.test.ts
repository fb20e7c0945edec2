import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import type { Logger } from '../../../../main/core/log.js';
import { AtomicVaultFile } from '../../../../main/core/vault/AtomicVaultFile.js';
import { emptyTail, Journal } from '../../../../main/core/vault/Journal.js';
import { decodeOps } from '../../../../main/core/vault/decodeOps.js';
import { SessionFile, windowed } from '../../../../main/core/vault/SessionFile.js';
import { unlockStep, unlockStepSliced } from '../../../../main/core/vault/unlockStep.js';
import type { SegmentMeta } from '../../../../main/core/vault/storeMeta.js';
import { emptyVaultData, type AuditEntry, type VaultData } from '../../../../main/core/vault/vaultRecords.js';
import { damaged } from '../../../../main/core/vault/vaultFormat.js';
import { FakeClock } from '../../../support/FakeClock.js';

/** The helpers of SessionFile and its error paths, without a whole vault around it. */
function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => void lines.push(`${level} ${msg}${fields ? ` ${JSON.stringify(fields)}` : ''}`);
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

const entry = (n: number): AuditEntry => ({ at: n, action: 'lock', outcome: 'ok' }) as unknown as AuditEntry;

describe('windowed', () => {
  const data = (n: number): VaultData => ({ ...emptyVaultData(), audit: Array.from({ length: n }, (_v, i) => entry(i)) });

  it('keeps the data itself when the trail fits the window (the window size included)', () => {
    const d = data(3);
    expect(windowed(d, 3)).toBe(d);
    expect(windowed(d, 4)).toBe(d);
  });

  it('keeps only the newest entries when the trail is longer, without touching the data given', () => {
    const d = data(5);
    const w = windowed(d, 2);
    expect(w.audit.map((e) => e.at)).toEqual([3, 4]);
    expect(d.audit).toHaveLength(5);
    expect(w.tokens).toBe(d.tokens);
  });

  it('the default window is 500 entries', () => {
    expect(windowed(data(500))).toHaveProperty('audit.length', 500);
    expect(windowed(data(501)).audit[0]!.at).toBe(1);
  });
});

describe('decodeOps', () => {
  const reason = (fn: () => unknown): string => {
    try {
      fn();
      return 'accepted';
    } catch (e) {
      return e instanceof AppError ? `${e.code}: ${(e.cause as Error).message}` : String(e);
    }
  };

  it('returns the operations of a record', () => {
    expect(decodeOps(Buffer.from('{"ops":[{"t":"audit"}]}'))).toEqual([{ t: 'audit' }]);
    expect(decodeOps(Buffer.from('{"ops":[]}'))).toEqual([]);
  });

  it('calls a record that is not JSON, or has no list of operations, damage', () => {
    expect(reason(() => decodeOps(Buffer.from('{"ops":')))).toBe('VAULT_DAMAGED: journal record is not JSON');
    expect(reason(() => decodeOps(Buffer.from('null')))).toBe('VAULT_DAMAGED: journal record has no operations');
    expect(reason(() => decodeOps(Buffer.from('{"ops":{}}')))).toBe('VAULT_DAMAGED: journal record has no operations');
    expect(reason(() => decodeOps(Buffer.from('{}')))).toBe('VAULT_DAMAGED: journal record has no operations');
  });
});

describe('unlockStep / unlockStepSliced', () => {
  it('return what the step returns and log nothing', async () => {
    const logger = recordingLogger();
    expect(unlockStep(logger, 'structure', () => 7)).toBe(7);
    expect(await unlockStepSliced(logger, 'journal', () => Promise.resolve(8))).toBe(8);
    expect(logger.lines).toEqual([]);
  });

  it('log the step, the code and the reason of a failure (never its message), then rethrow it', async () => {
    const logger = recordingLogger();
    const err = damaged('bad checksum');
    expect(() => unlockStep(logger, 'structure', () => {
      throw err;
    })).toThrow(err);
    await expect(unlockStepSliced(logger, 'journal', () => Promise.reject(new Error('plain failure')))).rejects.toThrow('plain failure');
    expect(logger.lines).toEqual([
      'warn vault unlock failed {"step":"structure","code":"VAULT_DAMAGED","reason":"bad checksum"}',
      'warn vault unlock failed {"step":"journal","code":"INTERNAL"}',
    ]);
  });
});

describe('SessionFile: reading for unlock, and segments', () => {
  let dir: string;
  let file: AtomicVaultFile;
  let logger: ReturnType<typeof recordingLogger>;
  let sf: SessionFile;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tv-sessionfile-'));
    file = new AtomicVaultFile(join(dir, 'vault.json'));
    logger = recordingLogger();
    sf = new SessionFile({ file, clock: new FakeClock(), logger, randomBytes, auditWindow: 500 });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('no vault file and no backup: UNINITIALIZED, nothing logged', async () => {
    await expect(sf.readForUnlock()).rejects.toMatchObject({ code: 'UNINITIALIZED' });
    expect(logger.lines).toEqual([]);
  });

  it('no vault file but a backup: VAULT_DAMAGED saying to restore it, and a warning', async () => {
    await writeFile(join(dir, 'vault.json.bak1'), 'older');
    const seen: Buffer[] = [];
    await expect(sf.readForUnlock((b) => seen.push(b))).rejects.toMatchObject({
      code: 'VAULT_DAMAGED',
      message: 'The vault file is missing, but backups exist. Restore the newest backup that opens.',
    });
    expect(seen).toEqual([]);
    expect(logger.lines).toEqual(['warn vault file missing but backups exist']);
  });

  it('a vault file that is not one: its bytes are shown to onBytes, then VAULT_DAMAGED with the structure step logged', async () => {
    await writeFile(join(dir, 'vault.json'), 'not a vault');
    const seen: string[] = [];
    await expect(sf.readForUnlock((b) => seen.push(b.toString()))).rejects.toMatchObject({ code: 'VAULT_DAMAGED' });
    expect(seen).toEqual(['not a vault']);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(/^warn vault unlock failed \{"step":"structure","code":"VAULT_DAMAGED"/);
  });

  it('a journal that does not exist reads as empty', async () => {
    const j = await sf.readJournal('vault.json.j-1-abcdef');
    expect(j.bytes.length).toBe(0);
    expect(j.layout.torn).toBe(false);
  });

  it('journalPath puts a name next to the vault file', () => {
    expect(sf.journalPath('vault.json.j-2-aaaaaa')).toBe(join(dir, 'vault.json.j-2-aaaaaa'));
  });

  describe('readSegment', () => {
    const vaultId = 'vault-cccc-3333';
    const key = Buffer.alloc(32, 5);
    const name = 'vault.json.j-4-abcdef';

    async function segment(records: number): Promise<SegmentMeta> {
      const ids = { vaultId, epoch: 4 };
      const j = new Journal(join(dir, name), ids, key, emptyTail(ids), file.fs, randomBytes);
      for (let i = 1; i <= records; i++) await j.append(Buffer.from(`r${i}`));
      await j.close();
      const t = j.tail;
      return { file: name, epoch: 4, key, records: t.records, bytes: t.bytes, lastHash: t.lastHash.toString('hex'), audit: null };
    }
    const why = async (p: Promise<unknown>): Promise<string> =>
      p.then(
        () => 'accepted',
        (e: unknown) => (e instanceof AppError ? `${e.code}: ${(e.cause as Error).message}` : String(e)),
      );

    it('returns the records of a whole segment, and ignores a torn tail past its recorded end', async () => {
      const seg = await segment(2);
      expect((await sf.readSegment(vaultId, seg)).map((b) => b.toString())).toEqual(['r1', 'r2']);
      await writeFile(join(dir, name), Buffer.concat([await file.fs.readFile(join(dir, name)), Buffer.from('torn')]));
      expect((await sf.readSegment(vaultId, seg)).map((b) => b.toString())).toEqual(['r1', 'r2']);
    });

    it('is damage when missing, shorter than recorded, or ending elsewhere than recorded', async () => {
      const seg = await segment(2);
      expect(await why(sf.readSegment(vaultId, { ...seg, file: 'vault.json.j-9-000000' }))).toBe('VAULT_DAMAGED: segment vault.json.j-9-000000 is missing');
      expect(await why(sf.readSegment(vaultId, { ...seg, bytes: seg.bytes + 1 }))).toBe(`VAULT_DAMAGED: segment ${name} is shorter than the vault file says`);
      const ends = `VAULT_DAMAGED: segment ${name} does not end where the vault file says`;
      expect(await why(sf.readSegment(vaultId, { ...seg, records: 3 }))).toBe(ends);
      expect(await why(sf.readSegment(vaultId, { ...seg, lastHash: '00'.repeat(32) }))).toBe(ends);
      expect(await why(sf.readSegment(vaultId, { ...seg, bytes: seg.bytes - 1 }))).toBe(ends);
    });
  });
});
