/**
 * What the renderer and the audit trail may show of a token: the first and last 4 characters.
 * Values shorter than 16 show only the last 4, and values shorter than 8 nothing at all, so a preview
 * never gives away most of a short value.
 */
export function tokenPreview(value: string): string {
  if (value.length < 8) return '…';
  if (value.length < 16) return `…${value.slice(-4)}`;
  return `${value.slice(0, 4)}…${value.slice(-4)}`;
}
