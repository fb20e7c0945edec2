import * as nodeFs from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtomicVaultFile, BACKUP_COUNT } from '../../../../main/core/vault/AtomicVaultFile.js';
import type { VaultFs } from '../../../../main/core/vault/VaultFile.js';

/**
 * The vault's own atomic writer, over the real file system of a temp directory, through a fs that
 * records every operation (names relative to the directory) so the durability steps are pinned: the
 * temp file created exclusive and 0600, written and fsynced before the rename, the directory fsynced
 * after it. A fault can be injected per operation and name.
 */
interface Recorder {
  fs: VaultFs;
  ops: string[];
  fail: (op: string, name: string, code: string) => void;
}

function recordingFs(dir: string): Recorder {
  const ops: string[] = [];
  const faults = new Map<string, string>();
  const rel = (p: unknown): string => (String(p) === dir ? '.' : basename(String(p)).replace(/\.tmp-[0-9a-f]{12}$/, '.tmp-X').replace(/\.aside-.*$/, '.aside-X'));
  const check = (op: string, p: unknown): void => {
    const code = faults.get(`${op} ${rel(p)}`);
    if (code) throw Object.assign(new Error(`${op} failed`), { code });
  };
  const fs = {
    async open(p: string, flags: string, mode?: number) {
      ops.push(`open ${rel(p)} ${flags}${mode === undefined ? '' : ` ${mode.toString(8)}`}`);
      check('open', p);
      const fh = await nodeFs.open(p, flags, mode);
      return {
        writeFile: async (data: Uint8Array) => {
          ops.push(`write ${rel(p)}`);
          await fh.writeFile(data);
        },
        sync: async () => {
          ops.push(`sync ${rel(p)}`);
          check('sync', p);
          await fh.sync();
        },
        close: async () => {
          ops.push(`close ${rel(p)}`);
          await fh.close();
        },
      };
    },
    async readFile(p: string) {
      ops.push(`read ${rel(p)}`);
      check('read', p);
      return nodeFs.readFile(p);
    },
    async rename(a: string, b: string) {
      ops.push(`rename ${rel(a)} ${rel(b)}`);
      check('rename', a);
      return nodeFs.rename(a, b);
    },
    async unlink(p: string) {
      ops.push(`unlink ${rel(p)}`);
      check('unlink', p);
      return nodeFs.unlink(p);
    },
    async readdir(p: string) {
      ops.push(`readdir ${rel(p)}`);
      return nodeFs.readdir(p);
    },
    async mkdir(p: string, options: { recursive: boolean; mode: number }) {
      ops.push(`mkdir ${rel(p)} ${String(options.recursive)} ${options.mode.toString(8)}`);
      return nodeFs.mkdir(p, options);
    },
  } as unknown as VaultFs;
  return { fs, ops, fail: (op, name, code) => void faults.set(`${op} ${name}`, code) };
}

let root: string;
let dir: string;
let rec: Recorder;
let file: AtomicVaultFile;
const good = (): boolean => true;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'tv-atomic-'));
  dir = join(root, 'data');
  rec = recordingFs(dir);
  file = new AtomicVaultFile(join(dir, 'vault.json'), rec.fs, () => 1234);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const text = async (name: string): Promise<string> => readFile(join(dir, name), 'utf8');

describe('AtomicVaultFile.write', () => {
  it('first write: creates the directory 0700, then temp (exclusive, 0600), write, fsync, close, rename, directory fsync', async () => {
    await file.write(Buffer.from('v1'), good);
    expect(rec.ops).toEqual([
      'mkdir . true 700',
      'readdir .',
      'open vault.json.tmp-X wx 600',
      'write vault.json.tmp-X',
      'sync vault.json.tmp-X',
      'close vault.json.tmp-X',
      'read vault.json',
      'rename vault.json.tmp-X vault.json',
      'open . r',
      'sync .',
      'close .',
    ]);
    expect(await text('vault.json')).toBe('v1');
    expect((await stat(join(dir, 'vault.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect(await readdir(dir)).toEqual(['vault.json']);
  });

  it('a good current version becomes bak1 and the older ones move down, the oldest dropped', async () => {
    for (let n = 1; n <= BACKUP_COUNT + 2; n++) await file.write(Buffer.from(`v${n}`), good);
    expect(await text('vault.json')).toBe('v5');
    expect(await Promise.all([1, 2, 3].map((n) => text(`vault.json.bak${n}`)))).toEqual(['v4', 'v3', 'v2']);
    expect((await readdir(dir)).sort()).toEqual(['vault.json', 'vault.json.bak1', 'vault.json.bak2', 'vault.json.bak3']);
    rec.ops.length = 0;
    await file.write(Buffer.from('v6'), good);
    expect(rec.ops.filter((o) => o.startsWith('rename'))).toEqual([
      'rename vault.json.bak2 vault.json.bak3',
      'rename vault.json.bak1 vault.json.bak2',
      'rename vault.json.bak1.tmp-X vault.json.bak1',
      'rename vault.json.tmp-X vault.json',
    ]);
    expect((await stat(join(dir, 'vault.json.bak1'))).mode & 0o777).toBe(0o600);
  });

  it('a current version that is not good is set aside, never rotated into the backups', async () => {
    await file.write(Buffer.from('v1'), good);
    const seen: string[] = [];
    await file.write(Buffer.from('v2'), (current) => {
      seen.push(current.toString());
      return false;
    });
    expect(seen).toEqual(['v1']);
    const names = (await readdir(dir)).sort();
    expect(names).toEqual(['vault.json', expect.stringMatching(/^vault\.json\.aside-1234-[0-9a-f]{6}$/)]);
    expect(await text(names[1]!)).toBe('v1');
    expect(await text('vault.json')).toBe('v2');
  });

  it('removes temp files a crash left next to the vault, and nothing else', async () => {
    await nodeFs.mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'vault.json.tmp-aaaaaaaaaaaa'), 'stale');
    await writeFile(join(dir, 'vault.json.bak1.tmp-bbbbbbbbbbbb'), 'stale');
    await writeFile(join(dir, 'other.json.tmp-cccccccccccc'), 'not ours');
    await writeFile(join(dir, 'vault.json.bak1'), 'kept');
    await writeFile(join(dir, 'vault.jsonx.tmp-dddddddddddd'), 'not ours either');
    await file.write(Buffer.from('v1'), good);
    expect((await readdir(dir)).sort()).toEqual(['other.json.tmp-cccccccccccc', 'vault.json', 'vault.json.bak1', 'vault.jsonx.tmp-dddddddddddd']);
    expect(await text('vault.json.bak1')).toBe('kept');
  });

  it('a stale temp that cannot be removed does not stop the write', async () => {
    await nodeFs.mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'vault.json.tmp-aaaaaaaaaaaa'), 'stale');
    rec.fail('unlink', 'vault.json.tmp-X', 'EBUSY');
    await file.write(Buffer.from('v1'), good);
    expect(await text('vault.json')).toBe('v1');
  });

  it('a failed fsync of the temp file fails the write, closes the file and publishes nothing', async () => {
    rec.fail('sync', 'vault.json.tmp-X', 'EIO');
    await expect(file.write(Buffer.from('v1'), good)).rejects.toMatchObject({ code: 'EIO' });
    expect(rec.ops.slice(-2)).toEqual(['sync vault.json.tmp-X', 'close vault.json.tmp-X']);
    expect(rec.ops.some((o) => o.startsWith('rename'))).toBe(false);
  });

  it('a read error other than "missing" fails the write instead of overwriting what could not be read', async () => {
    await file.write(Buffer.from('v1'), good);
    rec.fail('read', 'vault.json', 'EACCES');
    await expect(file.write(Buffer.from('v2'), good)).rejects.toMatchObject({ code: 'EACCES' });
    rec.fail('read', 'vault.json', '');
    expect(await text('vault.json')).toBe('v1');
  });

  it('a rotation error other than "missing" fails the write; the vault is untouched', async () => {
    await file.write(Buffer.from('v1'), good);
    await file.write(Buffer.from('v2'), good);
    rec.fail('rename', 'vault.json.bak1', 'EACCES');
    await expect(file.write(Buffer.from('v3'), good)).rejects.toMatchObject({ code: 'EACCES' });
    expect(await text('vault.json')).toBe('v2');
  });

  it('the directory fsync: refused on a platform that cannot (EISDIR and the like) is fine, any other error is not', async () => {
    rec.fail('open', '.', 'EISDIR');
    await file.write(Buffer.from('v1'), good);
    expect(await text('vault.json')).toBe('v1');
    for (const code of ['EPERM', 'EACCES', 'EINVAL', 'EBADF']) {
      rec.fail('open', '.', code);
      await file.write(Buffer.from(code), good);
    }
    rec.fail('open', '.', 'EIO');
    await expect(file.write(Buffer.from('v2'), good)).rejects.toMatchObject({ code: 'EIO' });
  });
});

describe('AtomicVaultFile: reading, backups, setting aside', () => {
  it('read is null and hasAnything false for an empty directory; a backup alone counts as something', async () => {
    expect(await file.read()).toBeNull();
    expect(await file.backups()).toEqual([]);
    expect(await file.hasAnything()).toBe(false);
    await nodeFs.mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'vault.json.bak2'), 'old');
    expect(await file.hasAnything()).toBe(true);
    expect(await file.backups()).toEqual([{ name: 'vault.json.bak2', bytes: Buffer.from('old') }]);
    await writeFile(join(dir, 'vault.json'), 'now');
    expect(await file.hasAnything()).toBe(true);
    expect((await file.read())?.toString()).toBe('now');
  });

  it('backups lists bak1..bak3 newest first and no further', async () => {
    await nodeFs.mkdir(dir, { recursive: true });
    for (const n of [1, 2, 3, 4]) await writeFile(join(dir, `vault.json.bak${n}`), `b${n}`);
    expect((await file.backups()).map((b) => `${b.name}=${b.bytes.toString()}`)).toEqual(['vault.json.bak1=b1', 'vault.json.bak2=b2', 'vault.json.bak3=b3']);
  });

  it('replaceBackup writes a named backup atomically (0600) and refuses any other name', async () => {
    await nodeFs.mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'vault.json.bak3'), 'old');
    rec.ops.length = 0;
    await file.replaceBackup('vault.json.bak3', Buffer.from('new'));
    expect(await text('vault.json.bak3')).toBe('new');
    expect((await stat(join(dir, 'vault.json.bak3'))).mode & 0o777).toBe(0o600);
    expect(rec.ops).toEqual([
      'open vault.json.bak3.tmp-X wx 600',
      'write vault.json.bak3.tmp-X',
      'sync vault.json.bak3.tmp-X',
      'close vault.json.bak3.tmp-X',
      'rename vault.json.bak3.tmp-X vault.json.bak3',
      'open . r',
      'sync .',
      'close .',
    ]);
    await file.replaceBackup('vault.json.bak1', Buffer.from('one'));
    expect(await text('vault.json.bak1')).toBe('one');
    for (const name of ['vault.json', 'vault.json.bak4', 'vault.json.bak0', '../vault.json.bak1']) {
      await expect(file.replaceBackup(name, Buffer.from('x'))).rejects.toThrow(`not a backup: ${name}`);
    }
  });

  it('setAside renames the vault out of the way with the time in its name; null when there is none; other errors thrown', async () => {
    expect(await file.setAside()).toBeNull();
    await file.write(Buffer.from('v1'), good);
    const aside = await file.setAside();
    expect(aside).toMatch(/vault\.json\.aside-1234-[0-9a-f]{6}$/);
    expect(aside!.startsWith(join(dir, 'vault.json.aside-'))).toBe(true);
    expect(await readFile(aside!, 'utf8')).toBe('v1');
    expect(await file.read()).toBeNull();
    await file.write(Buffer.from('v2'), good);
    rec.fail('rename', 'vault.json', 'EACCES');
    await expect(file.setAside()).rejects.toMatchObject({ code: 'EACCES' });
  });

  it('a backup that cannot be read for another reason than "missing" is an error, not an absent backup', async () => {
    rec.fail('read', 'vault.json.bak1', 'EACCES');
    await expect(file.backups()).rejects.toMatchObject({ code: 'EACCES' });
  });
});
