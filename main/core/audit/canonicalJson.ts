/**
 * JSON with object keys sorted at every depth and undefined members dropped, so the same entry always
 * hashes the same however it was built or whichever order a vault file stored its keys in.
 * Built by concatenation, not filter/sort/map/join: full verification hashes every audit entry ever
 * written, a hundred thousand of them in a heavy user's vault.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    // Top-level undefined/functions have no JSON form; hash them as null rather than crash.
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) {
    let out = '[';
    // An undefined member is null, as in JSON: canonicalJson(undefined) is 'null'.
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    out += (out.length === 1 ? '' : ',') + JSON.stringify(key) + ':';
    // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, a fast path: canonicalJson of a string is JSON.stringify of it
    out += typeof v === 'string' ? JSON.stringify(v) : canonicalJson(v);
  }
  return out + '}';
}
