import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../tools/security/sarif.js';
import { applySuppressions, findSuppressions, inheritSuppressions, sourceOf } from '../../../tools/security/suppressions.js';
import { fixture } from './fixture.js';

const finding = (rule: string, file: string, line: number): Finding => ({ rule, file, line, level: 'warning', message: rule });

describe('in-place suppressions', () => {
  const { suppressions, problems } = findSuppressions(fixture('suppressions.ts.txt', 'main/window/window.ts'));

  it('refuses suppressions without a reason or a check id, and eng-disable', () => {
    expect(problems.map((p) => [p.line, p.message.slice(0, 30)])).toEqual([
      [4, 'malformed suppression: write /'],
      [7, 'malformed suppression: write /'],
      [10, "Electronegativity's eng-disabl"],
      [13, 'a suppression needs a written '],
    ]);
  });

  it('accepts a reasoned suppression, across further comment lines, in line or block comments', () => {
    expect(suppressions.map((s) => [s.line, s.target, s.rules])).toEqual([
      [13, 14, ['CONTEXT_ISOLATION_JS_CHECK']],
      [16, 18, ['SANDBOX_JS_CHECK', 'AUXCLICK_JS_CHECK']],
      [20, 21, ['OPEN_EXTERNAL_JS_CHECK']],
    ]);
    expect(suppressions[1]?.reason).toBe('webPreferences come from the checked helper');
  });

  it('accepts HTML comments and refuses a suppression separated from its line by a blank line', () => {
    const html = "<head>\n  <!-- electronegativity-ignore: CSP_GLOBAL_CHECK — 'self' is only our own origin -->\n  <meta http-equiv=\"Content-Security-Policy\" content=\"x\" />\n";
    expect(findSuppressions({ file: 'renderer/index.html', text: html }).suppressions).toEqual([expect.objectContaining({ target: 3, rules: ['CSP_GLOBAL_CHECK'] })]);
    const detached = '// electronegativity-ignore: SANDBOX_JS_CHECK — a reason with words\n\nnew BrowserWindow({});\n';
    expect(findSuppressions({ file: 'a.ts', text: detached }).problems).toEqual([expect.objectContaining({ message: expect.stringContaining('directly above') })]);
  });

  it('suppresses only the named checks on the covered line, and reports suppressions that cover nothing', () => {
    const matched = applySuppressions(
      [finding('SANDBOX_JS_CHECK', 'main/window/window.ts', 18), finding('CONTEXT_ISOLATION_JS_CHECK', 'main/window/window.ts', 18), finding('SANDBOX_JS_CHECK', 'main/other.ts', 18)],
      suppressions,
    );
    expect(matched.suppressed.map((s) => s.finding.rule)).toEqual(['SANDBOX_JS_CHECK']);
    expect(matched.open.map((f) => `${f.file}:${f.rule}`)).toEqual(['main/window/window.ts:CONTEXT_ISOLATION_JS_CHECK', 'main/other.ts:SANDBOX_JS_CHECK']);
    expect(matched.unused.map((u) => u.rule)).toEqual(['CONTEXT_ISOLATION_JS_CHECK', 'AUXCLICK_JS_CHECK', 'OPEN_EXTERNAL_JS_CHECK']);
  });
});

describe('suppressions reaching the built output', () => {
  const bundle = ['// main/core/log.ts', 'const a = 1;', '// main/window/window.ts', 'function createMainWindow() {', '  const win = new BrowserWindow({});', '}', '// main/tray/tray.ts', 'new BrowserWindow({});'].join('\n');

  it('maps a bundle line to the module named by the region comment above it, and a page to its source page', () => {
    expect(sourceOf('out/main/index.js', bundle, 5)).toBe('main/window/window.ts');
    expect(sourceOf('out/main/index.js', bundle, 8)).toBe('main/tray/tray.ts');
    expect(sourceOf('out/main/index.js', 'no markers', 1)).toBeNull();
    expect(sourceOf('out/renderer/index.html', '', 5)).toBe('renderer/index.html');
  });

  it('inherits a source suppression once per suppressed source finding of the same check and module', () => {
    const { suppressions: s } = findSuppressions({ file: 'main/window/window.ts', text: '// electronegativity-ignore: SANDBOX_JS_CHECK — comes from the checked helper\nnew BrowserWindow({});\n' });
    const fromSources = applySuppressions([finding('SANDBOX_JS_CHECK', 'main/window/window.ts', 2)], s).suppressed;
    const built = [finding('SANDBOX_JS_CHECK', 'out/main/index.js', 5), finding('SANDBOX_JS_CHECK', 'out/main/index.js', 5), finding('SANDBOX_JS_CHECK', 'out/main/index.js', 8)];
    const result = inheritSuppressions(built, fromSources, new Map([['out/main/index.js', bundle]]));
    expect(result.suppressed).toHaveLength(1);
    expect(result.open.map((f) => f.line)).toEqual([5, 8]);
  });
});
