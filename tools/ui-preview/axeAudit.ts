import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** The standard the window is held to: WCAG 2.0, 2.1 and 2.2 at A and AA, plus axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] as const;

/** The rules of that set whose outcome depends on colours: all a second colour scheme can change. */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'] as const;

/** One failing rule on one element. */
export interface AxeFinding {
  rule: string;
  impact: string | null;
  /** axe's CSS path to the element (iframes and shadow roots joined with " >> "). */
  target: string;
  /** What axe says is wrong there, e.g. the measured contrast ratio. */
  summary: string;
}

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeResult {
  id: string;
  impact?: string | null;
  nodes: AxeNode[];
}

let source: Promise<string> | null = null;
/** axe-core's browser bundle, read once per process. */
function axeSource(): Promise<string> {
  source ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return source;
}

/**
 * Runs axe-core on the page as it is now and returns every violation, one per rule and element.
 * axe is evaluated through the DevTools protocol, which the page's CSP (script-src 'self') does not
 * govern, so the page runs under production conditions and nothing is added to the built renderer.
 * Elements that are not rendered (display: none, an inert page behind a modal) are left out by axe.
 * `colour` runs only the rules a change of colour scheme can change (COLOUR_RULES).
 */
export async function axeAudit(page: Page, only: 'all' | 'colour' = 'all'): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(await axeSource());
  const runOnly = only === 'all' ? { type: 'tag', values: [...AXE_TAGS] } : { type: 'rule', values: [...COLOUR_RULES] };
  const violations = await page.evaluate(async (runOnly) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly, resultTypes: ['violations'] });
    return result.violations;
  }, runOnly);
  return (violations as AxeResult[]).flatMap((v) =>
    v.nodes.map((n) => ({
      rule: v.id,
      impact: v.impact ?? null,
      target: n.target.map((t) => (Array.isArray(t) ? t.join(' >> ') : String(t))).join(' >> '),
      summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
    })),
  );
}

/** One line per finding: "<where>: <rule> (<impact>) at <target> — <summary>". */
export function describeFindings(where: string, findings: readonly AxeFinding[]): string[] {
  return findings.map((f) => `${where}: ${f.rule} (${f.impact ?? 'n/a'}) at ${f.target} — ${f.summary}`);
}

/**
 * Chromium applies an emulated colour scheme to light-dark() some frames after the media query flips,
 * and colours with a transition get there over a few frames more: waits until a probe styled like the
 * theme (color-scheme: light dark) resolves to the scheme asked for and no visible transition or
 * finite animation is running.
 */
export async function schemeApplied(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  await page.waitForFunction((want) => {
    const probe = document.createElement('span');
    probe.style.cssText = 'color-scheme: light dark; color: light-dark(rgb(0, 0, 0), rgb(255, 255, 255)); position: absolute';
    document.body.append(probe);
    const got = getComputedStyle(probe).color === (want === 'dark' ? 'rgb(255, 255, 255)' : 'rgb(0, 0, 0)');
    probe.remove();
    // Finite transitions and animations (a toast fading in) only; spinners run forever, and what is
    // not rendered (a closed <details>) never advances.
    const moving = (a: Animation): boolean =>
      a.playState === 'running' &&
      a.effect?.getComputedTiming().iterations !== Infinity &&
      (a.effect as KeyframeEffect | null)?.target?.checkVisibility() === true;
    return got && !document.getAnimations().some(moving);
  }, scheme);
}

/**
 * Audits the page as it is in `scheme` (every rule), then in the other colour scheme (the colour
 * rules: nothing else can change with it), then back in `scheme` unless `restore` is false (a page
 * about to close). One line per violation, naming the rule, the target and `where` with the scheme.
 */
export async function auditBothSchemes(page: Page, where: string, scheme: 'light' | 'dark', restore = true): Promise<string[]> {
  await schemeApplied(page, scheme);
  const found = describeFindings(`${where} (${scheme})`, await axeAudit(page));
  const other = scheme === 'dark' ? 'light' : 'dark';
  await page.emulateMedia({ colorScheme: other });
  await schemeApplied(page, other);
  found.push(...describeFindings(`${where} (${other})`, await axeAudit(page, 'colour')));
  if (restore) {
    await page.emulateMedia({ colorScheme: scheme });
    await schemeApplied(page, scheme);
  }
  return found;
}
