import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isMissing, syncDir } from './fsSync.js';
import type { StoredBackup, VaultFile, VaultFs } from './VaultFile.js';

export const BACKUP_COUNT = 3;

/**
 * The vault file with its backups (vault.json.bak1..3, newest first), written by our own atomic writer:
 * temp file (created 0600, exclusive) + fsync + rename + fsync of the directory.
 *
 * Why not conf/electron-store: conf writes through `atomically`, which fsyncs the file but not the
 * directory (a rename can be lost on power failure), silently falls back to a plain non-atomic write
 * inside a Snap package and on EXDEV, ignores chmod failures, and is synchronous (blocking Electron's
 * main thread on fsync). Settings, which are not secret, still go through conf/electron-store.
 */
export class AtomicVaultFile implements VaultFile {
  readonly dir: string;

  constructor(
    readonly path: string,
    readonly fs: VaultFs = nodeFs,
    private readonly now: () => number = Date.now,
  ) {
    this.dir = dirname(path);
  }

  backupPath(n: number): string {
    return `${this.path}.bak${n}`;
  }

  read(): Promise<Buffer | null> {
    return this.#readIfExists(this.path);
  }

  async hasAnything(): Promise<boolean> {
    if ((await this.read()) !== null) return true;
    return (await this.backups()).length > 0;
  }

  async write(bytes: Uint8Array, isGood: (current: Buffer) => boolean): Promise<void> {
    await this.fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    await this.#removeStaleTemps();
    const tmp = await this.#writeTemp(this.path, bytes);
    const current = await this.read();
    if (current !== null) {
      if (isGood(current)) await this.#rotate(current);
      else await this.setAside();
    }
    await this.fs.rename(tmp, this.path);
    await this.#syncDir();
  }

  async backups(): Promise<StoredBackup[]> {
    const out: StoredBackup[] = [];
    for (let n = 1; n <= BACKUP_COUNT; n++) {
      const bytes = await this.#readIfExists(this.backupPath(n));
      if (bytes) out.push({ name: basename(this.backupPath(n)), bytes });
    }
    return out;
  }

  async replaceBackup(name: string, bytes: Uint8Array): Promise<void> {
    const n = Array.from({ length: BACKUP_COUNT }, (_v, i) => i + 1).find((i) => basename(this.backupPath(i)) === name);
    if (n === undefined) throw new Error(`not a backup: ${name}`);
    const target = this.backupPath(n);
    await this.fs.rename(await this.#writeTemp(target, bytes), target);
    await this.#syncDir();
  }

  async setAside(): Promise<string | null> {
    const target = `${this.path}.aside-${this.now()}-${randomBytes(3).toString('hex')}`;
    try {
      await this.fs.rename(this.path, target);
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
    await this.#syncDir();
    return target;
  }

  /** bak2→bak3, bak1→bak2, current→bak1. A crash midway loses at most the oldest backup, never the vault. */
  async #rotate(current: Buffer): Promise<void> {
    for (let n = BACKUP_COUNT; n > 1; n--) {
      try {
        await this.fs.rename(this.backupPath(n - 1), this.backupPath(n));
      } catch (e) {
        if (!isMissing(e)) throw e;
      }
    }
    await this.fs.rename(await this.#writeTemp(this.backupPath(1), current), this.backupPath(1));
  }

  async #writeTemp(target: string, bytes: Uint8Array): Promise<string> {
    const tmp = `${target}.tmp-${randomBytes(6).toString('hex')}`;
    const fh = await this.fs.open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    return tmp;
  }

  #syncDir(): Promise<void> {
    return syncDir(this.fs, this.path);
  }

  /** Temp files left by a crash are never a good version: the rename that would publish them never ran. */
  async #removeStaleTemps(): Promise<void> {
    const prefix = basename(this.path) + '.';
    for (const name of await this.fs.readdir(this.dir)) {
      if (name.startsWith(prefix) && name.includes('.tmp-')) {
        await this.fs.unlink(join(this.dir, name)).catch(() => undefined);
      }
    }
  }

  async #readIfExists(path: string): Promise<Buffer | null> {
    try {
      return await this.fs.readFile(path);
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }
}
