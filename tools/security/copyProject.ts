import { cpSync, existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the gate reads. node_modules is linked, not copied: the gate only resolves packages from it. */
const GATE_INPUTS = ['main', 'preload', 'renderer/index.html', 'renderer/src', 'out', 'package.json', 'package-lock.json', 'electron-builder.config.cjs'];

/** A throwaway copy of the project for running the gate on a deliberately weakened variant. */
export function copyProject(root: string): string {
  const dest = mkdtempSync(join(tmpdir(), 'tv-gate-'));
  for (const p of GATE_INPUTS) {
    if (existsSync(join(root, p))) cpSync(join(root, p), join(dest, p), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(dest, 'node_modules'), 'dir');
  return dest;
}
