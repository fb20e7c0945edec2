import type { Clipboard } from 'electron';
import { describe, expect, it } from 'vitest';
import { electronClipboard } from '../../../main/platform/electronClipboard.js';

/** Electron 45's clipboard shape: async read/write (W3C style), synchronous clear. */
class FakeClipboard implements Pick<Clipboard, 'readText' | 'writeText' | 'clear'> {
  text = '';
  calls: string[] = [];
  async readText(): Promise<string> {
    this.calls.push('read');
    return this.text;
  }
  async writeText(text: string): Promise<void> {
    this.calls.push('write');
    this.text = text;
  }
  clear(): void {
    this.calls.push('clear');
    this.text = '';
  }
}

describe('electronClipboard', () => {
  it('passes each call through to Electron, awaiting its promises', async () => {
    const fake = new FakeClipboard();
    const port = electronClipboard(fake);
    await port.writeText('Authorization: Token abc');
    expect(await port.readText()).toBe('Authorization: Token abc');
    port.clear();
    expect(await port.readText()).toBe('');
    expect(fake.calls).toEqual(['write', 'read', 'clear', 'read']);
  });

  it('surfaces a failed write instead of pretending it copied', async () => {
    const fake = new FakeClipboard();
    fake.writeText = async () => {
      throw new Error('clipboard busy');
    };
    await expect(electronClipboard(fake).writeText('x')).rejects.toThrow('clipboard busy');
  });
});
