import type * as nodeFs from 'node:fs/promises';
import { dirname } from 'node:path';
import type { VaultFs } from './VaultFile.js';

/** fsyncs the directory holding `path`, so a rename or a new file in it survives a power cut. */
export async function syncDir(fs: VaultFs, path: string): Promise<void> {
  let dh: nodeFs.FileHandle | undefined;
  try {
    dh = await fs.open(dirname(path), 'r');
    await dh.sync();
  } catch (e) {
    // Windows cannot open or fsync a directory; its renames are already durable (MoveFileEx).
    if (!['EISDIR', 'EPERM', 'EACCES', 'EINVAL', 'EBADF'].includes(errCode(e) ?? '')) throw e;
  } finally {
    await dh?.close();
  }
}

export function errCode(e: unknown): string | undefined {
  return (e as { code?: string } | null)?.code;
}

export function isMissing(e: unknown): boolean {
  return errCode(e) === 'ENOENT';
}
