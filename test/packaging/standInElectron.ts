import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** @electron/fuses finds the fuse wire after this marker in the Electron binary. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const WIRE_VERSION = 1;

/** electron-builder's fuse option → position on the V1 wire (@electron/fuses FuseV1Options). */
export const FUSE_POSITION: Readonly<Record<string, number>> = {
  runAsNode: 0,
  enableCookieEncryption: 1,
  enableNodeOptionsEnvironmentVariable: 2,
  enableNodeCliInspectArguments: 3,
  enableEmbeddedAsarIntegrityValidation: 4,
  onlyLoadAppFromAsar: 5,
  loadBrowserProcessSpecificV8Snapshot: 6,
  grantFileProtocolExtraPrivileges: 7,
};

/** Electron's shipped defaults ('1' on, '0' off), in wire order: every fuse we set starts the other way. */
export const ELECTRON_DEFAULT_WIRE = '10110001';

/**
 * An unpacked "Electron distribution" for electronDist: one executable named `electron` (the name
 * electron-builder renames to the app's executable on Linux) whose bytes carry a real fuse wire, so
 * electron-builder's own fuse flipping runs on it and the test can read the result back.
 */
export function makeStandInElectron(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in for the Electron binary (test/packaging)"; exit 1\n'),
    Buffer.from(SENTINEL),
    Buffer.from([WIRE_VERSION, ELECTRON_DEFAULT_WIRE.length]),
    Buffer.from(ELECTRON_DEFAULT_WIRE, 'ascii'),
    Buffer.from('\n'),
  ]);
  writeFileSync(join(dir, 'electron'), binary);
  chmodSync(join(dir, 'electron'), 0o755);
  return dir;
}

/** The fuse wire of a (stand-in) binary, as '0'/'1' characters in wire order. */
export function readFuseWire(binary: Buffer): string {
  const at = binary.indexOf(SENTINEL);
  if (at < 0) throw new Error('no fuse sentinel in the binary');
  const length = binary[at + SENTINEL.length + 1] ?? 0;
  const start = at + SENTINEL.length + 2;
  return binary.subarray(start, start + length).toString('ascii');
}
