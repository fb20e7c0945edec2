import { COPY_FORMATS, type AuditEntryView, type CopyFormat, type TokenKind } from '../../../preload/contract';
import { KIND_NAMES } from '../shared/labels.js';

/** How a copy's format reads in the trail (the entry does not say which header a token uses). */
const COPIED_AS: Record<CopyFormat, string> = {
  raw: 'the token alone',
  header: 'a header line',
  curl: 'a curl command',
  export: 'a shell export',
};

const isKind = (s: string): s is TokenKind => Object.hasOwn(KIND_NAMES, s);
const isFormat = (s: string): s is CopyFormat => (COPY_FORMATS as readonly string[]).includes(s);

/**
 * An entry's detail in words. Main stores some details as codes (a copy's format, a minted token's
 * kind) so the trail stays stable across versions; the window says them the way the rest of it does.
 */
export function auditDetailText(e: Pick<AuditEntryView, 'action' | 'detail'>): string | undefined {
  const d = e.detail;
  if (d === undefined || d === '') return undefined;
  if (e.action === 'copy' && isFormat(d)) return `as ${COPIED_AS[d]}`;
  if ((e.action === 'mint' || e.action === 'renew') && isKind(d)) return KIND_NAMES[d].toLowerCase();
  return d;
}
