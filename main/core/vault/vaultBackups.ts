import { createHash, timingSafeEqual } from 'node:crypto';
import type { BackupView } from '../../../preload/contract.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import { keyCheck, openWithDataKey, openWithPassword, sealVault, type OpenedVault, type RandomBytes } from './vaultCrypto.js';
import type { StoredBackup, VaultFile } from './VaultFile.js';
import { decodeVaultFile, encodeVaultFile, type KeyMaterial, type VaultFileContents } from './vaultFormat.js';

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

/**
 * After a password change: each backup that the old key (or, failing that, the old password) opens
 * is sealed again under the new key material, with its data, generation and time unchanged. The old
 * password then opens nothing, and every version is kept. A backup neither opens (damaged, or from a
 * password older still) is left as it is. A crash midway leaves some backups under the old password:
 * nothing is lost, and the next change re-seals them.
 */
export async function resealBackups(
  file: VaultFile,
  old: { dataKey: Buffer; password: string },
  next: { material: KeyMaterial; dataKey: Buffer },
  random: RandomBytes,
  logger: Logger,
): Promise<number> {
  let resealed = 0;
  for (const b of await file.backups()) {
    let contents: VaultFileContents;
    let opened: OpenedVault;
    try {
      contents = decodeVaultFile(b.bytes);
      const sameKey = timingSafeEqual(keyCheck(old.dataKey, contents.vaultId), contents.keyCheck);
      // The usual case costs no KDF: the backup was sealed with the data key just replaced.
      opened = sameKey ? openWithDataKey(contents, Buffer.from(old.dataKey)) : await openWithPassword(contents, old.password);
    } catch {
      continue;
    }
    try {
      const sealed = sealVault(next.material, next.dataKey, opened.data, contents.generation, contents.writtenAt, random);
      await file.replaceBackup(b.name, encodeVaultFile(sealed));
      resealed++;
    } catch (e) {
      logger.warn('backup not re-sealed', { backup: b.name, error: e });
    } finally {
      if (opened.dataKey !== old.dataKey) opened.dataKey.fill(0);
    }
  }
  return resealed;
}
