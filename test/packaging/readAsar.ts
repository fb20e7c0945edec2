import { readFileSync } from 'node:fs';

interface AsarEntry {
  files?: Record<string, AsarEntry>;
  size?: number;
  offset?: string;
  unpacked?: boolean;
}

export interface AsarFile {
  size: number;
  unpacked: boolean;
}

export interface Asar {
  /** Every file, by its path inside the archive ('/'-separated, no leading slash). */
  files: Map<string, AsarFile>;
  read(path: string): Buffer;
}

/**
 * Reads an asar archive: a Chromium pickle holding the header length, a pickle holding the JSON
 * header (the file tree with sizes and offsets), then the file contents back to back.
 */
export function readAsar(path: string): Asar {
  const buf = readFileSync(path);
  const headerPickleSize = buf.readUInt32LE(4);
  const jsonLength = buf.readUInt32LE(12);
  const header = JSON.parse(buf.subarray(16, 16 + jsonLength).toString('utf8')) as AsarEntry;
  const contentStart = 8 + headerPickleSize;
  const files = new Map<string, AsarFile>();
  const entries = new Map<string, AsarEntry>();
  const walk = (node: AsarEntry, prefix: string): void => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const p = prefix ? `${prefix}/${name}` : name;
      if (child.files) walk(child, p);
      else {
        files.set(p, { size: child.size ?? 0, unpacked: child.unpacked === true });
        entries.set(p, child);
      }
    }
  };
  walk(header, '');
  return {
    files,
    read(p) {
      const entry = entries.get(p);
      if (!entry || entry.unpacked || entry.offset === undefined) throw new Error(`${p} is not packed in ${path}`);
      const start = contentStart + Number(entry.offset);
      return buf.subarray(start, start + (entry.size ?? 0));
    },
  };
}
