/**
 * What the UI benchmarks share: the time control injected into both pages, the tokens they draw and
 * the hand-written plain-DOM page they are measured against.
 */
import type { Page } from 'playwright-core';

/** Freezes time at a whole second and captures the app clock's one timer (it re-arms for 1004 ms). */
export const TIME_CONTROL = `(function () {
  window.__fakeNow = Math.floor(Date.now() / 1000) * 1000;
  Date.now = function () { return window.__fakeNow; };
  var realSetTimeout = window.setTimeout.bind(window);
  window.setTimeout = function (fn, ms) {
    if (ms === 1004 && typeof fn === 'function') { window.__tickFn = fn; return 0; }
    return realSetTimeout.apply(window, arguments);
  };
  window.__flush = function () {
    return new Promise(function (resolve) {
      var c = new MessageChannel();
      c.port1.onmessage = function () { resolve(); };
      c.port2.postMessage(0);
    });
  };
})();`;

/**
 * `n` tokens for both pages, all under an hour (so every countdown shows seconds and changes each
 * tick), over four accounts. Each preview carries `q<i % 100>x`, so a search for "q07x" keeps 1 %.
 */
export function makeTokens(n: number): string {
  return `(function () {
  var now = Date.now();
  var accts = [['acc-prod', 'Production API', 'azion', 'azion-session'], ['acc-edge', 'Edge deploys (SSO)', 'azion', 'azion-personal'],
    ['acc-ocean', 'Ocean market bot', 'ocean', 'ocean-provider'], ['acc-node', 'Ocean node (staging)', 'ocean', 'ocean-node']];
  window.__benchTokens = Array.from({ length: ${n} }, function (_, i) {
    var a = accts[i % 4];
    var tag = 'q' + (i % 100 < 10 ? '0' : '') + (i % 100) + 'x';
    return { id: 'b' + i, accountId: a[0], accountLabel: a[1], provider: a[2], kind: a[3], createdAt: now - 300000 - i * 1000,
      expiresAt: now + 600000 + ((i * 17771) % 2700000), preview: 'tok' + i + '\\u2026' + tag, state: 'active' };
  });
})();`;
}

/** A hand-written page: the same rows, built with DOM calls, updated by one loop per tick. */
export const BASELINE = `<!doctype html><html><head><style>
  body { margin: 0; font: 13px system-ui; } .list { height: 100vh; overflow: auto; padding: 16px 20px; }
  li { list-style: none; padding: 0 14px; border-top: 1px solid #ddd; content-visibility: auto; contain-intrinsic-size: auto 50px; }
  .line { display: grid; grid-template-columns: 118px minmax(0, 1fr) 132px auto; align-items: center; gap: 14px; min-height: 50px; }
  .badge { font-size: 11.5px; } .sub { font-size: 11.5px; color: #888; } code { font: 12px monospace; }
  time { font: 12.5px monospace; } .bar { height: 3px; background: #ddd; overflow: hidden; } .fill { height: 100%; background: green; transform-origin: left; }
  button { height: 26px; }
</style></head><body><ul class="list" id="list"></ul><script>
  var rows = [];
  function fmt(ms) {
    if (!(ms > 0)) return '0s';
    var t = Math.floor(ms / 1000), d = Math.floor(t / 86400), h = Math.floor((t % 86400) / 3600), m = Math.floor((t % 3600) / 60), s = t % 60;
    var p = function (n) { return n < 10 ? '0' + n : '' + n; };
    if (d > 0) return d + 'd ' + h + 'h';
    if (h > 0) return h + 'h ' + p(m) + 'm';
    if (m > 0) return m + 'm ' + p(s) + 's';
    return s + 's';
  }
  function life(c, e, now) { var span = e - c; if (span <= 0 || now >= e) return 0; return Math.ceil(((e - now) / span) * 200) / 200; }
  function el(tag, cls, text) { var x = document.createElement(tag); if (cls) x.className = cls; if (text != null) x.textContent = text; return x; }
  window.__render = function (tokens) {
    var list = document.getElementById('list'); list.textContent = ''; rows = [];
    var now = Date.now();
    for (var i = 0; i < tokens.length; i++) {
      var t = tokens[i], li = el('li'), line = el('div', 'line');
      var main = el('div'); main.append(el('code', null, t.preview), el('span', 'kind', t.kind), el('div', 'sub', t.accountLabel + ' · ' + t.provider));
      var lifeBox = el('div', 'life'), time = el('time'), text = document.createTextNode(fmt(t.expiresAt - now)), bar = el('div', 'bar'), fill = el('div', 'fill');
      time.append(text); fill.style.transform = 'scaleX(' + life(t.createdAt, t.expiresAt, now) + ')'; bar.append(fill); lifeBox.append(time, bar);
      var actions = el('div'); actions.append(el('button', null, 'Copy'), el('button', null, 'v'), el('button', null, 'Reveal'), el('button', null, 'Revoke'));
      line.append(el('span', 'badge', 'Active'), main, lifeBox, actions); li.append(line); list.append(li);
      rows.push({ t: t, text: text, fill: fill, value: text.nodeValue, frac: null });
    }
  };
  window.__tick = function () {
    var now = Date.now();
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i], v = fmt(r.t.expiresAt - now), f = life(r.t.createdAt, r.t.expiresAt, now);
      if (v !== r.value) { r.text.nodeValue = v; r.value = v; }
      if (f !== r.frac) { r.fill.style.transform = 'scaleX(' + f + ')'; r.frac = f; }
    }
  };
</script></body></html>`;

/** Runs an in-page step; the page times itself with performance.now() (no round trip in the number). */
export async function step(page: Page, code: string): Promise<number> {
  return (await page.evaluate(code)) as number;
}

export const round = (s: { median: number; min: number; max: number }, d = 2) => ({
  median: Number(s.median.toFixed(d)),
  min: Number(s.min.toFixed(d)),
  max: Number(s.max.toFixed(d)),
});
