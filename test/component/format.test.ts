import { describe, expect, it } from 'vitest';
import { clipboardText, formatAgo, formatBytes, formatRemainingLong, hostOf, lifeLeft, retryText, shortHex } from '../../renderer/src/shared/format.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('formatRemainingLong (for screen readers)', () => {
  it('spells out the two largest units', () => {
    expect(formatRemainingLong(2 * D + 3 * H + 4 * M)).toBe('2 days 3 hours');
    expect(formatRemainingLong(H + M)).toBe('1 hour 1 minute');
    expect(formatRemainingLong(4 * M + 5 * S)).toBe('4 minutes 5 seconds');
    expect(formatRemainingLong(D)).toBe('1 day');
    expect(formatRemainingLong(0)).toBe('0 seconds');
  });
});

describe('lifeLeft (the progress bar)', () => {
  it('is the fraction of life ahead, clamped to [0, 1]', () => {
    expect(lifeLeft(0, 100 * S, 0)).toBe(1);
    expect(lifeLeft(0, 100 * S, 50 * S)).toBe(0.5);
    expect(lifeLeft(0, 100 * S, 100 * S)).toBe(0);
    expect(lifeLeft(0, 100 * S, 200 * S)).toBe(0);
    expect(lifeLeft(10 * S, 100 * S, 0)).toBe(1);
    expect(lifeLeft(100, 100, 50)).toBe(0);
  });

  it('moves in 1/200 steps so long-lived bars rarely change', () => {
    expect(lifeLeft(0, D, 1000)).toBe(1);
    expect(lifeLeft(0, D, 10 * M)).toBe(lifeLeft(0, D, 11 * M));
  });
});

describe('other formatters', () => {
  it('formatAgo is coarse', () => {
    expect(formatAgo(10 * S)).toBe('just now');
    expect(formatAgo(5 * M)).toBe('5m ago');
    expect(formatAgo(3 * H + 59 * M)).toBe('3h ago');
    expect(formatAgo(2 * D + H)).toBe('2d ago');
  });

  it('clipboardText counts whole seconds up and reads the never-cleared case', () => {
    expect(clipboardText(30 * S, 0)).toBe('Copied — clears in 30s');
    expect(clipboardText(30 * S, 500)).toBe('Copied — clears in 30s');
    expect(clipboardText(30 * S, S)).toBe('Copied — clears in 29s');
    expect(clipboardText(30 * S, 30 * S)).toBe('Clipboard cleared');
    expect(clipboardText(null, 0)).toBe('Copied — not cleared automatically');
  });

  it('retryText says when a rate limit ends', () => {
    expect(retryText(2 * M + 5 * S, 0)).toBe('try again in 2m 05s');
    expect(retryText(0, 5)).toBe('you can try again now');
  });

  it('formatBytes, shortHex, hostOf', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(48_213)).toBe('47 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
    expect(shortHex('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')).toBe('0xf39F…2266');
    expect(shortHex('0x1234')).toBe('0x1234');
    expect(hostOf('https://v4.provider.example:8030/path')).toBe('v4.provider.example:8030');
    expect(hostOf('not a url')).toBe('not a url');
  });
});
