import { createHash, timingSafeEqual } from 'node:crypto';
import type { BackupView } from '../../../preload/contract.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import { keyCheck, openWithPassword, type OpenedVault } from './vaultCrypto.js';
import type { StoredBackup, VaultFile } from './VaultFile.js';
import { encodeVaultFile, type KeyMaterial, type VaultFileContents } from './vaultFormat.js';
import { decodeVaultFile } from './vaultFileDecode.js';

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
 * After a password change: each backup sealed under the vault's data key gets the new key material
 * (the data key wrapped under the new password, its checks and keychain copy); its payload, journal,
 * generation and time stay exactly as they were, so it still opens with its own journal segments
 * (which are sealed under the same data key). The old password then opens nothing, and every version
 * is kept. A backup that is damaged, or under another data key (from before this vault kept one key
 * for life), is left as it is. A crash midway leaves some backups under the old password: nothing is
 * lost, and the next change re-wraps them.
 */
export async function resealBackups(file: VaultFile, next: { material: KeyMaterial; dataKey: Buffer }, logger: Logger): Promise<number> {
  let resealed = 0;
  const expected = keyCheck(next.dataKey, next.material.vaultId);
  for (const b of await file.backups()) {
    let contents: VaultFileContents;
    try {
      contents = decodeVaultFile(b.bytes);
    } catch {
      continue;
    }
    if (contents.vaultId !== next.material.vaultId || !timingSafeEqual(expected, contents.keyCheck)) continue;
    try {
      const { keychain: _old, ...rest } = contents;
      const rewrapped: VaultFileContents = { ...rest, kdf: next.material.kdf, check: next.material.check, wrap: next.material.wrap, keyCheck: next.material.keyCheck };
      if (next.material.keychain) rewrapped.keychain = next.material.keychain;
      await file.replaceBackup(b.name, encodeVaultFile(rewrapped));
      resealed++;
    } catch (e) {
      logger.warn('backup not re-sealed', { backup: b.name, error: e });
    }
  }
  return resealed;
}
