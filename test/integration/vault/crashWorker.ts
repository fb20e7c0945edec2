/**
 * Writes to a vault in a loop until it is killed: by the parent (SIGKILL at a random moment), or by
 * itself at the crashAt-th file operation, optionally after writing only half of a buffer (a torn
 * write). Prints "ack N" after each update resolves; stdout to a pipe is synchronous on Linux, so
 * every ack printed is a write that completed. A self-kill first prints "died journal" or "died
 * compaction": whether it hit a journal append or the writing of a new vault file (the journal is
 * compacted every few updates here, so both happen often).
 * Run by crash.test.ts (bundled with esbuild, so each spawn starts in milliseconds).
 */
import * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';
import { systemClock } from '../../../main/core/clock.js';
import { createLogger } from '../../../main/core/log.js';
import { Redactor } from '../../../main/core/redact.js';
import { AtomicVaultFile } from '../../../main/core/vault/AtomicVaultFile.js';
import type { VaultFs } from '../../../main/core/vault/VaultFile.js';
import type { KdfParams } from '../../../main/core/vault/kdf.js';
import { Vault } from '../../../main/core/vault/Vault.js';

export interface CrashWorkerConfig {
  dir: string;
  password: string;
  kdf: KdfParams;
  /** Die at this many mutating file operations; 0 = only when the parent kills us. */
  crashAt: number;
  torn: boolean;
  maxWrites: number;
}

const cfg = JSON.parse(process.argv[2] ?? '{}') as CrashWorkerConfig;
let ops = 0;

function step(): boolean {
  return cfg.crashAt > 0 && ++ops === cfg.crashAt;
}

/** The file the operation touches: a journal, or the vault file, its temp files and backups. */
function kindOf(path: unknown): string {
  return /\.j-\d+-/.test(String(path)) ? 'journal' : 'compaction';
}

function die(path: unknown): never {
  process.stdout.write(`died ${kindOf(path)}\n`);
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
}

const crashingFs: VaultFs = {
  ...nodeFs,
  mkdir: (async (...a: Parameters<typeof nodeFs.mkdir>) => (step() ? die(a[0]) : nodeFs.mkdir(...a))) as typeof nodeFs.mkdir,
  rename: async (from, to) => (step() ? die(to) : nodeFs.rename(from, to)),
  unlink: async (p) => (step() ? die(p) : nodeFs.unlink(p)),
  open: (async (...a: Parameters<typeof nodeFs.open>) => {
    const path = a[0];
    if (step()) die(path);
    const fh = await nodeFs.open(...a);
    return Object.assign(Object.create(fh) as nodeFs.FileHandle, {
      writeFile: async (data: Uint8Array) => {
        if (step()) {
          if (cfg.torn) await fh.write(data.subarray(0, Math.floor(data.length / 2)));
          die(path);
        }
        return fh.writeFile(data);
      },
      write: async (data: Uint8Array, offset: number, length: number, position: number) => {
        if (step()) {
          if (cfg.torn) await fh.write(data, offset, Math.floor(length / 2), position);
          die(path);
        }
        return fh.write(data, offset, length, position);
      },
      truncate: async (len?: number) => (step() ? die(path) : fh.truncate(len)),
      sync: async () => (step() ? die(path) : fh.sync()),
      close: async () => (step() ? die(path) : fh.close()),
    });
  }) as typeof nodeFs.open,
};

const token = (n: number) => ({
  id: `t${n}`,
  accountId: 'a1',
  kind: 'ocean-provider' as const,
  // Big enough that a write spans many pages and a torn write is really torn.
  value: `token-${n}-`.padEnd(2000, String(n % 10)),
  createdAt: n,
  expiresAt: n + 1,
  state: 'active' as const,
});

const vault = new Vault({
  file: new AtomicVaultFile(join(cfg.dir, 'vault.json'), crashingFs),
  clock: systemClock,
  redactor: new Redactor(),
  logger: createLogger({ write: () => undefined }, new Redactor()),
  kdf: cfg.kdf,
  // Small, so that kills land in compaction as well as in appends.
  compaction: { records: 5, bytes: 1024 * 1024 },
});
await vault.unlock(cfg.password);
for (let i = 0; i < cfg.maxWrites; i++) {
  const n = await vault.update((d) => {
    const next = (d.oceanExpirations['crash']?.[0] ?? 0) + 1;
    d.oceanExpirations['crash'] = [next];
    d.tokens = [...d.tokens.slice(-29), token(next)];
    return next;
  });
  process.stdout.write(`ack ${n}\n`);
}
