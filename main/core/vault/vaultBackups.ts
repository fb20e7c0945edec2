import { createHash } from 'node:crypto';
import type { BackupView } from '../../../preload/contract.js';
import { AppError } from '../errors.js';
import { openWithPassword, type OpenedVault } from './vaultCrypto.js';
import type { StoredBackup, VaultFile } from './VaultFile.js';
import { decodeVaultFile } from './vaultFormat.js';

/** Content-derived, so an id still names the same backup after a write rotates the list. */
function backupId(bytes: Uint8Array): string {
  return 'b' + createHash('sha256').update(bytes).digest('hex').slice(0, 20);
}

/** The backups that can be restored, newest first. */
export async function listBackups(file: VaultFile): Promise<BackupView[]> {
  const views: BackupView[] = [];
  for (const b of await file.backups()) {
    try {
      const c = decodeVaultFile(b.bytes);
      views.push({ id: backupId(b.bytes), createdAt: c.writtenAt, bytes: b.bytes.length });
    } catch {
      // A backup that is itself damaged cannot be restored: not offered.
    }
  }
  return views.sort((a, b) => b.createdAt - a.createdAt);
}

/** Opens the backup listed as `id` with the master password it was made under. */
export async function openBackup(file: VaultFile, id: string, password: string): Promise<{ backup: StoredBackup; opened: OpenedVault }> {
  const backup = (await file.backups()).find((b) => backupId(b.bytes) === id);
  if (!backup) throw new AppError('NOT_FOUND', 'That backup no longer exists. Refresh the list of backups.');
  const contents = decodeVaultFile(backup.bytes);
  const opened = await openWithPassword(contents, password).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'BAD_PASSWORD') {
      throw new AppError('BAD_PASSWORD', 'That password does not open this backup. If you changed your master password since it was made, use the one you had then.');
    }
    throw e;
  });
  return { backup, opened };
}
