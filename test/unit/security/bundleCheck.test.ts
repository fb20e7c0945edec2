import { describe, expect, it } from 'vitest';
import { checkPreloadBundle, checkRendererBundle } from '../../../tools/security/bundleCheck.js';
import { fixture } from './fixture.js';

describe('bundle check', () => {
  it('fails a renderer bundle that uses require or process, not one that only says the words', () => {
    const problems = checkRendererBundle(fixture('renderer-bundle.node-access.js.txt', 'out/renderer/assets/index.js'));
    expect(problems.map((p) => [p.line, p.message.split(':')[0]])).toEqual([
      [3, 'the renderer bundle uses require(…)'],
      [5, 'the renderer bundle uses process'],
      [5, "the renderer bundle uses globalThis['process']"],
    ]);
  });

  it('passes clean renderer code, including property names that happen to be require or process', () => {
    const text = "const o = { process: 1, require() {} };\no.process = o.require;\nclass A { process = 1 }\nexport { o, A };\n";
    expect(checkRendererBundle({ file: 'out/renderer/assets/a.js', text })).toEqual([]);
  });

  it("allows the preload require('electron') and nothing else", () => {
    expect(checkPreloadBundle({ file: 'out/preload/index.cjs', text: 'let electron = require("electron");\nelectron.contextBridge.exposeInMainWorld("vault", {});\n' })).toEqual([]);
    const problems = checkPreloadBundle(fixture('preload-bundle.extra-require.cjs.txt', 'out/preload/index.cjs'));
    expect(problems.map((p) => p.line)).toEqual([3, 4]);
  });
});
