/**
 * UI benchmark (issue 9): in Chromium, the built renderer against a plain-DOM baseline doing the
 * same work by hand.
 *   - first render: 1,000 token rows appear (a 'tokens-changed' into an empty list), DOM + style + layout;
 *     the app's list is windowed (issue 16), so it draws the rows in view against a page drawing all;
 *   - one clock tick with 1,000 live countdowns that all change (every token under an hour, so every
 *     row shows seconds), DOM + style + layout. The 10,000-token figures are in ui10k.bench.ts.
 * Time is frozen in both pages (Date.now is a variable the bench moves) and the app's clock timer is
 * captured, so a tick is forced on demand instead of waited for.
 * Run: `npx tsx tools/bench/ui.bench.ts` (builds first; SKIP_BUILD=1 reuses out/).
 * Prints {tickRatio, firstRenderRatio} as {median, min, max} of app/baseline over paired runs.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { openPreview } from '../ui-preview/previewBrowser.js';
import { ratio, report, stat } from './stats.js';
import { BASELINE, makeTokens, round, step, TIME_CONTROL } from './uiPages.js';

const ROOT = resolve(import.meta.dirname, '../..');
const RUNS = Number(process.env['RUNS'] ?? 9);
const WARMUP = 2;
const N = 1000;

const APP_RENDER = `(async function () {
  window.__demoEmit({ type: 'tokens-changed', tokens: [] });
  await window.__flush(); document.body.offsetHeight;
  var t0 = performance.now();
  window.__demoEmit({ type: 'tokens-changed', tokens: window.__benchTokens });
  await window.__flush();
  document.body.offsetHeight;
  var ms = performance.now() - t0;
  // The list is windowed: it draws the rows in view, and the sidebar counts every one.
  if (!document.querySelector('li[data-state]') || !/${N}/.test(document.querySelector('nav[aria-label="Main"] .count').textContent)) throw new Error('the app did not show the rows');
  return ms;
})()`;

const BASE_RENDER = `(async function () {
  window.__render([]); document.body.offsetHeight;
  var t0 = performance.now();
  window.__render(window.__benchTokens);
  await window.__flush();
  document.body.offsetHeight;
  return performance.now() - t0;
})()`;

const APP_TICK = `(async function () {
  var before = document.querySelector('li[data-state] time').textContent;
  window.__fakeNow += 1000;
  var tick = window.__tickFn; window.__tickFn = null;
  var t0 = performance.now();
  tick();
  await window.__flush();
  document.body.offsetHeight;
  var ms = performance.now() - t0;
  if (document.querySelector('li[data-state] time').textContent === before) throw new Error('the tick changed nothing');
  return ms;
})()`;

const BASE_TICK = `(async function () {
  window.__fakeNow += 1000;
  var t0 = performance.now();
  window.__tick();
  await window.__flush();
  document.body.offsetHeight;
  return performance.now() - t0;
})()`;

async function main(): Promise<void> {
  if (process.env['SKIP_BUILD'] !== '1') execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'ignore' });
  const browser = await openPreview({ width: 1200, height: 780 }, [TIME_CONTROL]);
  try {
    const app = await browser.newPage('scenario=notokens', 'dark');
    await app.getByText(/No live tokens for this account yet/).first().waitFor();
    await app.evaluate(makeTokens(N));
    const base = await browser.context.newPage();
    await base.setContent(BASELINE);
    await base.evaluate(makeTokens(N));

    const samples = { appRender: [] as number[], baseRender: [] as number[], appTick: [] as number[], baseTick: [] as number[] };
    for (let i = 0; i < WARMUP + RUNS; i++) {
      // Paired, alternating runs: noise from the shared machine lands on both sides of each ratio.
      const ar = await step(app, APP_RENDER);
      const br = await step(base, BASE_RENDER);
      const at = await step(app, APP_TICK);
      const bt = await step(base, BASE_TICK);
      if (i < WARMUP) continue;
      samples.appRender.push(ar);
      samples.baseRender.push(br);
      samples.appTick.push(at);
      samples.baseTick.push(bt);
    }
    const result = {
      tokens: N,
      runs: RUNS,
      tickRatio: round(ratio(samples.appTick, samples.baseTick)),
      firstRenderRatio: round(ratio(samples.appRender, samples.baseRender)),
      ms: {
        appTick: round(stat(samples.appTick)),
        baselineTick: round(stat(samples.baseTick)),
        appFirstRender: round(stat(samples.appRender)),
        baselineFirstRender: round(stat(samples.baseRender)),
      },
    };
    console.log(JSON.stringify(result, null, 2));
    report('ui', result);
  } finally {
    await browser.close();
  }
}

await main();
