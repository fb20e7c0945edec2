import { describe, expect, it } from 'vitest';
import { findingsFromSarif } from '../../../tools/security/sarif.js';

const result = (ruleId: string, uri: string, startLine: number, level = 'warning') => ({
  ruleId,
  level,
  message: { text: `${ruleId} text` },
  locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine, startColumn: 1, charLength: 0 } } }],
});

describe('SARIF reading', () => {
  it('turns every result into a finding, whatever its level, and global results into placeless ones', () => {
    const sarif = { version: '2.1.0', runs: [{ tool: { driver: { name: 'Electronegativity', rules: [] } }, results: [result('SANDBOX_JS_CHECK', 'main/window/window.ts', 12), result('OPEN_EXTERNAL_JS_CHECK', 'main\\window\\window.ts', 25, 'note'), result('CSP_GLOBAL_CHECK', 'file:///', 1)] }] };
    expect(findingsFromSarif(sarif)).toEqual([
      { rule: 'SANDBOX_JS_CHECK', file: 'main/window/window.ts', line: 12, level: 'warning', message: 'SANDBOX_JS_CHECK text' },
      { rule: 'OPEN_EXTERNAL_JS_CHECK', file: 'main/window/window.ts', line: 25, level: 'note', message: 'OPEN_EXTERNAL_JS_CHECK text' },
      { rule: 'CSP_GLOBAL_CHECK', file: '', line: 1, level: 'warning', message: 'CSP_GLOBAL_CHECK text' },
    ]);
  });

  it('refuses something that is not a SARIF log rather than reading it as "no findings"', () => {
    expect(() => findingsFromSarif({})).toThrow(/no runs/);
    expect(() => findingsFromSarif({ runs: [{}] })).toThrow(/without results/);
  });
});
