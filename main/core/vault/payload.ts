import { z } from 'zod';
import { damaged } from './vaultFormat.js';
import { decodeStore, encodeStore, storeSchema, type StoreMeta } from './storeMeta.js';
import { emptyVaultData, type VaultData } from './vaultRecords.js';
import { nextTurn } from '../nextTurn.js';

/*
 * The decrypted payload is authenticated, so this guards against our own bugs and older versions,
 * not against attackers. Schemas are loose on purpose: other services add fields to their records,
 * and an unknown field must survive a round trip, never be stripped or make a vault unopenable.
 */
const accountSchema = z.looseObject({
  id: z.string(),
  label: z.string(),
  config: z.looseObject({ kind: z.enum(['azion', 'ocean']) }),
  secrets: z.looseObject({ kind: z.enum(['azion', 'ocean']) }),
});
const payloadSchema = z.looseObject({
  accounts: z.array(accountSchema).optional(),
  oceanExpirations: z.record(z.string(), z.array(z.number())).optional(),
});

// Stryker disable next-line ConditionalExpression: without the typeof test a number or string passes as an object, yet has no id, seq or schema fields, so it is refused all the same
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Tokens and audit entries are checked by hand: there can be tens of thousands, and this runs during unlock. */
function recordsOk(raw: Record<string, unknown>): boolean {
  const { tokens, audit } = raw;
  if (tokens !== undefined) {
    if (!Array.isArray(tokens)) return false;
    for (const t of tokens) {
      if (!isObject(t) || typeof t['id'] !== 'string' || typeof t['accountId'] !== 'string' || typeof t['value'] !== 'string') return false;
    }
  }
  if (audit !== undefined) {
    if (!Array.isArray(audit)) return false;
    for (const e of audit) if (!isObject(e) || typeof e['seq'] !== 'number') return false;
  }
  return true;
}

/** Format 2 keeps the store's bookkeeping under this key, beside the data. */
const STORE_KEY = '$store';
/** Tokens per line of the payload: a line parses in a few milliseconds. */
const TOKENS_PER_LINE = 500;
const NL = 0x0a;

/**
 * The payload's JSON members but the tokens, in the order they are written, then `"tokens":[`.
 * The tokens go last, TOKENS_PER_LINE to a line: a raw newline is only ever this whitespace
 * (JSON.stringify escapes it inside strings), so a reader can split the text at newlines and parse
 * a slice at a time (decodePayloadSliced), while it stays one JSON document.
 */
function payloadHead(data: VaultData, store?: StoreMeta): string {
  const members: string[] = [];
  for (const [key, value] of Object.entries(store ? { ...data, [STORE_KEY]: encodeStore(store) } : data)) {
    if (key === 'tokens' || value === undefined) continue;
    members.push(`${JSON.stringify(key)}:${JSON.stringify(value)}`);
  }
  members.push('"tokens":[');
  return `{${members.join(',')}`;
}

/** The payload's text in pieces: the head, each line of tokens, the tail. */
export function* payloadParts(data: VaultData, store?: StoreMeta): Generator<string> {
  yield payloadHead(data, store);
  for (let i = 0; i < data.tokens.length; i += TOKENS_PER_LINE) {
    const line = data.tokens.slice(i, i + TOKENS_PER_LINE).map((t) => JSON.stringify(t)).join(',');
    yield `${i === 0 ? '' : ','}\n${line}`;
  }
  yield data.tokens.length > 0 ? '\n]}' : ']}';
}

export function encodePayload(data: VaultData, store?: StoreMeta): Buffer {
  return Buffer.from([...payloadParts(data, store)].join('')); // UTF-8, Buffer.from's default
}

/** Parses a decrypted payload; fields added since the vault was written get their empty defaults. */
export function decodePayload(plain: Buffer): { data: VaultData; store?: StoreMeta } {
  let raw: unknown;
  try {
    raw = JSON.parse(plain.toString('utf8'));
  } catch {
    throw damaged('payload is not JSON');
  }
  return fromRaw(raw);
}


/**
 * decodePayload a line at a time, with a turn of the event loop between lines: with 10,000 tokens the
 * payload is megabytes of JSON, which parsed at once blocked main for a tenth of a second. A payload
 * not laid out in lines (written before they existed, or by hand) is parsed whole: the same result.
 */
export async function decodePayloadSliced(plain: Buffer): Promise<{ data: VaultData; store?: StoreMeta }> {
  const raw = await parseLines(plain);
  return raw === null ? decodePayload(plain) : fromRaw(raw);
}

/** The payload parsed line by line, or null when it is not laid out as payloadParts writes it. */
async function parseLines(plain: Buffer): Promise<Record<string, unknown> | null> {
  const first = plain.indexOf(NL);
  const last = plain.lastIndexOf(NL);
  // Stryker disable next-line EqualityOperator: first <= 0 is the same, a text that starts with its newline has an empty head, refused below
  if (first < 0 || plain.toString('utf8', last + 1) !== ']}') return null;
  const head = plain.toString('utf8', 0, first);
  if (!head.endsWith('"tokens":[')) return null;
  // A text that ends in `"tokens":[]}` and parses is an object: no other check needed.
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(`${head}]}`) as Record<string, unknown>;
  } catch {
    return null;
  }
  const tokens: unknown[] = [];
  for (let at = first; at < last; ) {
    const end = plain.indexOf(NL, at + 1);
    // Every line but the last ends with the comma before the next one's newline.
    const stop = end < last ? end - 1 : end;
    // An empty line would be `,,` in the whole text: not JSON, so not this layout either.
    if ((end < last && plain[stop] !== 0x2c) || stop <= at + 1) return null;
    // Likewise a text in [ ] that parses is an array.
    let line: unknown[];
    try {
      line = JSON.parse(`[${plain.toString('utf8', at + 1, stop)}]`) as unknown[];
    } catch {
      return null;
    }
    for (const t of line) tokens.push(t);
    at = end;
    await nextTurn();
  }
  raw['tokens'] = tokens;
  return raw;
}

function fromRaw(raw: unknown): { data: VaultData; store?: StoreMeta } {
  if (!isObject(raw) || !recordsOk(raw) || !payloadSchema.safeParse(raw).success) throw damaged('payload schema mismatch');
  // Validation only; the raw object is kept so fields this version does not know are preserved.
  const { [STORE_KEY]: rawStore, ...rest } = raw as Record<string, unknown>;
  const data = { ...emptyVaultData(), ...(rest as Partial<VaultData>) };
  if (rawStore === undefined) return { data };
  const store = storeSchema.safeParse(rawStore);
  if (!store.success) throw damaged('store schema mismatch');
  return { data, store: decodeStore(store.data) };
}
