import type { Logger } from '../log.js';
import { windowed, type Session, type SessionFile } from './SessionFile.js';
import type { OpenedVault } from './vaultCrypto.js';

/**
 * The session a backup restores, written as the current vault file before it is returned. The
 * current file goes to the backups if it is known to be good, else it is set aside untouched.
 */
export async function restoredSession(
  file: SessionFile,
  opened: OpenedVault,
  backupBytes: Buffer,
  currentHash: string,
  o: { logger: Logger; auditWindow: number },
): Promise<Session> {
  // A format-1 backup is migrated like a format-1 vault: its trail becomes a segment first.
  if (opened.version === 1 && opened.data.audit.length > 0) return file.migrate({ ...opened }, currentHash, backupBytes);
  // A format-2 backup comes with its journal (kept on disk, never rewritten): replayed, then sealed.
  // (A format-1 file never names a journal: decoding refuses one that does.)
  const s =
    opened.journalName === undefined
      ? file.placeholder({ ...opened, data: opened.data }, currentHash)
      : await file.begin(opened, currentHash, await file.readJournal(opened.journalName));
  const closed = file.segmentOf(s);
  await file.write(s, s.material, s.dataKey, s.data);
  if (closed) o.logger.info('backup journal kept as a segment', { records: closed.records });
  s.data = windowed(s.data, o.auditWindow);
  return s;
}
