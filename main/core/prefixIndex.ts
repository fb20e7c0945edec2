/**
 * A multimap from the hash of a fixed number of characters to numbers, in typed arrays: the
 * redactor's index of 50,000 secret forms, built at every unlock, without a Map entry, an array or a
 * string per form. A hash says only "maybe": every hit is checked against the form itself.
 */
export const PREFIX = 12;

/** The hash is the characters' codes as digits in this base, modulo 2 ** 32. */
export const HASH_BASE = 0x01000193;
const B = HASH_BASE;
/** B ** (PREFIX - 1), modulo 2 ** 32. */
const B_TOP = (() => {
  let p = 1;
  for (let i = 1; i < PREFIX; i++) p = Math.imul(p, B);
  return p;
})();

/** The hash of text[at, at + PREFIX) (the caller checks the length). */
export function hashAt(text: string, at: number): number {
  let h = 0;
  for (let k = 0; k < PREFIX; k++) h = (Math.imul(h, B) + text.charCodeAt(at + k)) | 0;
  return h;
}

/** From the hash of text[at - 1, at - 1 + PREFIX) to that of text[at, at + PREFIX). */
export function rollHash(h: number, text: string, at: number): number {
  return (Math.imul(h - Math.imul(text.charCodeAt(at - 1), B_TOP), B) + text.charCodeAt(at + PREFIX - 1)) | 0;
}

export class PrefixIndex {
  #heads = new Int32Array(1 << 10);
  #hashes = new Int32Array(1 << 10);
  #values = new Int32Array(1 << 10);
  #next = new Int32Array(1 << 10);
  #count = 0;
  #bits = 10;

  get size(): number {
    return this.#count;
  }

  add(hash: number, value: number): void {
    if (this.#count === this.#hashes.length) this.#grow();
    const e = this.#count++;
    this.#hashes[e] = hash;
    this.#values[e] = value;
    this.#link(e);
  }

  /** The first entry added under `hash` (-1 if none): walk on with after(), read with value(). */
  first(hash: number): number {
    return this.#from(this.#heads[this.#slot(hash)]! - 1, hash);
  }

  after(entry: number, hash: number): number {
    return this.#from(this.#next[entry]! - 1, hash);
  }

  value(entry: number): number {
    return this.#values[entry]!;
  }

  #from(e: number, hash: number): number {
    while (e >= 0 && this.#hashes[e] !== hash) e = this.#next[e]! - 1;
    return e;
  }

  clear(): void {
    this.#heads.fill(0);
    this.#count = 0;
  }

  #slot(hash: number): number {
    return Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d) >>> (32 - this.#bits);
  }

  #link(e: number): void {
    const slot = this.#slot(this.#hashes[e]!);
    this.#next[e] = this.#heads[slot]!;
    this.#heads[slot] = e + 1;
  }

  #grow(): void {
    const size = this.#hashes.length * 2;
    const widen = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.#hashes = widen(this.#hashes);
    this.#values = widen(this.#values);
    this.#next = new Int32Array(size);
    this.#heads = new Int32Array(size);
    this.#bits++;
    for (let e = 0; e < this.#count; e++) this.#link(e);
  }
}
