import type { AddRepresentationOptions, nativeImage } from 'electron';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseTrayIcon, loadTrayIcon, type TrayIconPaths } from '../../../main/tray/trayIcon.js';

const dir = new URL('../../../build/tray/', import.meta.url);
const paths: TrayIconPaths = { template1x: 'T1', template2x: 'T2', color1x: 'C1', color2x: 'C2' };

/** Decodes an 8-bit RGBA, non-interlaced PNG (what Chromium's screenshots are) into its pixels. */
function decodePng(buf: Buffer): { width: number; height: number; rgba: Uint8Array } {
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let pos = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9], data[12]]).toEqual([8, 6, 0]); // 8-bit, RGBA, not interlaced
    }
    if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const cur = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= 4 ? rgba[y * stride + x - 4]! : 0;
      const b = y > 0 ? rgba[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][filter]!;
      rgba[y * stride + x] = (cur + pred) & 0xff;
    }
  }
  return { width, height, rgba };
}

describe('tray icon choice', () => {
  it('template images on macOS, the green glyph elsewhere', () => {
    expect(chooseTrayIcon('darwin', paths)).toEqual({ x1: 'T1', x2: 'T2', template: true });
    expect(chooseTrayIcon('linux', paths)).toEqual({ x1: 'C1', x2: 'C2', template: false });
    expect(chooseTrayIcon('win32', paths)).toEqual({ x1: 'C1', x2: 'C2', template: false });
  });

  it('loads both resolutions into one image and flags templates, whatever the files are named', () => {
    const calls: string[] = [];
    const image = {
      addRepresentation: (o: AddRepresentationOptions) => calls.push(`rep ${o.scaleFactor} ${o.buffer?.toString()}`),
      setTemplateImage: (on: boolean) => calls.push(`template ${on}`),
    };
    const images = { createFromPath: (p: string) => (calls.push(`load ${p}`), image) } as unknown as Pick<typeof nativeImage, 'createFromPath'>;
    loadTrayIcon(images, chooseTrayIcon('darwin', paths), (p) => Buffer.from(`bytes of ${p}`));
    expect(calls).toEqual(['load T1', 'rep 2 bytes of T2', 'template true']);
    calls.length = 0;
    loadTrayIcon(images, chooseTrayIcon('linux', paths), (p) => Buffer.from(`bytes of ${p}`));
    expect(calls).toEqual(['load C1', 'rep 2 bytes of C2']);
  });
});

describe('committed tray images (build/tray, rendered by render.ts)', () => {
  it.each([
    ['trayTemplate.png', 16],
    ['trayTemplate@2x.png', 32],
    ['tray.png', 16],
    ['tray@2x.png', 32],
  ])('%s is %i px with a visible glyph and transparent corners', (file, size) => {
    const { width, height, rgba } = decodePng(readFileSync(new URL(file, dir)));
    expect([width, height]).toEqual([size, size]);
    const alpha = (x: number, y: number) => rgba[(y * width + x) * 4 + 3]!;
    expect(alpha(0, 0)).toBe(0);
    expect(alpha(size - 1, size - 1)).toBe(0);
    expect(alpha(size / 2, Math.round(size * 0.15))).toBe(255); // the door, above the keyhole
    expect(alpha(size / 2, Math.round(size * 0.4))).toBeLessThan(128); // the keyhole is a hole
  });

  it('template images are black with alpha only, as macOS requires', () => {
    for (const file of ['trayTemplate.png', 'trayTemplate@2x.png']) {
      const { rgba } = decodePng(readFileSync(new URL(file, dir)));
      for (let i = 0; i < rgba.length; i += 4) {
        if (rgba[i + 3]! > 0) expect([rgba[i], rgba[i + 1], rgba[i + 2]]).toEqual([0, 0, 0]);
      }
    }
  });
});
