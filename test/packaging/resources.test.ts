/**
 * build/ holds ready-made icons (rendered from build/icon.svg by build/scripts/generate-icons.mjs) so
 * electron-builder never converts icons (its converter is a download), and the macOS entitlements.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const build = (p: string) => join(ROOT, 'build', p);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const config = createRequire(import.meta.url)(join(ROOT, 'electron-builder.config.cjs')) as {
  linux: { icon: string };
  mac: { icon: string; entitlements: string; entitlementsInherit: string; hardenedRuntime: boolean };
  win: { icon: string };
};

function pngSize(png: Buffer): number {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  const width = png.readUInt32BE(16);
  expect(png.readUInt32BE(20)).toBe(width);
  return width;
}

describe('packaging resources in build/', () => {
  it('the config points at icons and entitlements that exist', () => {
    for (const p of [config.linux.icon, config.mac.icon, config.win.icon, config.mac.entitlements, config.mac.entitlementsInherit]) {
      expect(existsSync(join(ROOT, p)), p).toBe(true);
    }
    expect(config.mac.hardenedRuntime).toBe(true);
  });

  it('Linux gets a PNG per size, each really that size', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(readFileSync(build(`icons/${size}x${size}.png`)))).toBe(size);
    }
  });

  it('Windows gets an ICO whose PNG entries go up to 256', () => {
    const ico = readFileSync(build('icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
      const at = 6 + 16 * i;
      const png = ico.subarray(ico.readUInt32LE(at + 12), ico.readUInt32LE(at + 12) + ico.readUInt32LE(at + 8));
      const size = pngSize(png);
      expect(ico[at] || 256).toBe(size);
      return size;
    });
    expect(Math.max(...sizes)).toBe(256);
  });

  it('macOS gets an ICNS with PNG elements up to 1024', () => {
    const icns = readFileSync(build('icon.icns'));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const elements = new Map<string, number>();
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      elements.set(icns.subarray(at, at + 4).toString('ascii'), pngSize(icns.subarray(at + 8, at + icns.readUInt32BE(at + 4))));
    }
    expect(elements.get('ic10')).toBe(1024);
    expect(elements.get('ic07')).toBe(128);
  });

  it('the hardened runtime gets JIT for V8 and nothing that would let code be injected', () => {
    const plist = readFileSync(build('entitlements.mac.plist'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    expect(plist).toMatch(/<key>com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/);
    expect([...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])).toEqual(['com.apple.security.cs.allow-jit']);
  });
});
