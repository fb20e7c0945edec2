import { describe, expect, it } from 'vitest';
import { joinUrl, normalizeBaseUrl } from '../../../../main/core/providers/baseUrl.js';

describe('normalizeBaseUrl', () => {
  it.each([
    ['https://p.example', 'https://p.example'],
    ['https://p.example/', 'https://p.example'],
    ['https://p.example//', 'https://p.example'],
    ['https://p.example///', 'https://p.example'],
    ['  https://p.example/api//  ', 'https://p.example/api'],
    ['https://p.example/a/b/', 'https://p.example/a/b'],
    ['https://p.example//a', 'https://p.example//a'],
  ])('%j is %j', (base, normal) => {
    expect(normalizeBaseUrl(base)).toBe(normal);
  });

  it('joins one slash between base and path, however many the base ends with', () => {
    expect(joinUrl('https://p.example//', '/api')).toBe('https://p.example/api');
    expect(joinUrl(' https://p.example/x/// ', '/')).toBe('https://p.example/x/');
  });
});
