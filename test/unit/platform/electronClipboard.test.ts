import type { Clipboard } from 'electron';
import { describe, expect, it } from 'vitest';
import { clipboardHints, electronClipboard, osFormat, type ClipboardItemCtor } from '../../../main/platform/electronClipboard.js';

/** Electron 45's ClipboardItem: a record of MIME type → payload. */
class FakeItem {
  constructor(readonly items: Record<string, string | Blob>) {}
  get types(): string[] {
    return Object.keys(this.items);
  }
}

/** Electron 45's clipboard shape: async read/write (W3C style) committing each write() atomically, synchronous clear. */
class FakeElectronClipboard implements Pick<Clipboard, 'readText' | 'write' | 'clear'> {
  /** What one write() committed: every format, together. */
  committed: Record<string, string | Blob> = {};
  calls: string[] = [];
  async readText(): Promise<string> {
    this.calls.push('read');
    const t = this.committed['text/plain'];
    return typeof t === 'string' ? t : '';
  }
  async write(data: Parameters<Clipboard['write']>[0]): Promise<void> {
    this.calls.push('write');
    this.committed = Object.assign({}, ...data.map((i) => (i as unknown as FakeItem).items));
  }
  clear(): void {
    this.calls.push('clear');
    this.committed = {};
  }
}

const port = (fake: FakeElectronClipboard, platform: string) => electronClipboard(fake, { platform, ClipboardItem: FakeItem as unknown as ClipboardItemCtor });

describe('electronClipboard', () => {
  it('passes each call through to Electron, awaiting its promises, and clears only by clear()', async () => {
    const fake = new FakeElectronClipboard();
    const p = port(fake, 'linux');
    await p.writeText('Authorization: Token abc');
    expect(await p.readText()).toBe('Authorization: Token abc');
    p.clear();
    expect(await p.readText()).toBe('');
    expect(fake.calls).toEqual(['write', 'read', 'clear', 'read']);
  });

  it('writes the text and the platform\'s "secret" markers in one atomic item', async () => {
    const cases: Array<[string, string[]]> = [
      ['win32', ['ExcludeClipboardContentFromMonitorProcessing', 'CanIncludeInClipboardHistory', 'CanUploadToCloudClipboard']],
      ['darwin', ['org.nspasteboard.ConcealedType']],
      ['linux', ['x-kde-passwordManagerHint']],
    ];
    for (const [platform, formats] of cases) {
      const fake = new FakeElectronClipboard();
      await port(fake, platform).writeText('tok-123');
      expect(Object.keys(fake.committed).sort()).toEqual(['text/plain', ...formats.map(osFormat)].sort());
      expect(fake.committed['text/plain']).toBe('tok-123');
    }
  });

  it('says "secret" to KDE and DWORD 0 to Windows history and cloud sync', async () => {
    expect(clipboardHints('linux')[osFormat('x-kde-passwordManagerHint')]).toBe('secret');
    const win = clipboardHints('win32');
    for (const name of ['CanIncludeInClipboardHistory', 'CanUploadToCloudClipboard']) {
      const blob = win[osFormat(name)] as Blob;
      expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0, 0, 0, 0]);
    }
    expect(clipboardHints('freebsd')).toEqual({});
  });

  it('surfaces a failed write instead of pretending it copied', async () => {
    const fake = new FakeElectronClipboard();
    fake.write = async () => {
      throw new Error('clipboard busy');
    };
    await expect(port(fake, 'linux').writeText('x')).rejects.toThrow('clipboard busy');
  });
});
