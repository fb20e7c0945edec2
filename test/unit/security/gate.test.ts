import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProject } from '../../../tools/security/copyProject.js';
import { runGate, type GateReport } from '../../../tools/security/gate.js';
import { formatProblem } from '../../../tools/security/problem.js';
import { ROOT } from './fixture.js';

const FIXTURES = join(ROOT, 'test/fixtures/security');
const copies: string[] = [];

/** Runs the whole gate (Electronegativity included) on a copy of the project, after `weaken` edits it. */
async function gateOnCopy(weaken: (dir: string) => void): Promise<GateReport> {
  const dir = copyProject(ROOT);
  copies.push(dir);
  weaken(dir);
  return runGate({ root: dir, workDir: join(dir, '.gate'), audit: 'skip' });
}

const problems = (report: GateReport, section: string) => (report.sections.find((s) => s.name === section)?.problems ?? []).map(formatProblem);

// Each run starts Electronegativity in a child process: about 2 s alone, more on a busy 2-core machine.
describe('security gate, end to end', { timeout: 60_000 }, () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'out/main/index.js'))) throw new Error('the gate checks the built output: run `npx electron-vite build` first');
  });
  afterAll(() => {
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  });

  it('passes the real code', async () => {
    const workDir = mkdtempSync(join(tmpdir(), 'tv-gate-real-'));
    copies.push(workDir);
    const report = await runGate({ root: ROOT, workDir, audit: 'skip' });
    const failed = report.sections.filter((s) => s.status === 'fail').flatMap((s) => s.problems.map(formatProblem));
    expect(failed).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('fails a window with contextIsolation off: Electronegativity and the window check both catch it', async () => {
    const report = await gateOnCopy((dir) => copyFileSync(join(FIXTURES, 'window.context-isolation-off.ts.txt'), join(dir, 'main/window/window.ts')));
    expect(report.ok).toBe(false);
    expect(problems(report, 'electronegativity')).toContainEqual(expect.stringMatching(/^\[electronegativity CONTEXT_ISOLATION_JS_CHECK\] main\/window\/window\.ts:11:/));
    expect(problems(report, 'windows')).toEqual([expect.stringContaining('main/window/window.ts:6: new BrowserWindow() must use webPreferences: secureWebPreferences(…)')]);
  });

  it('fails, and says to build, when there is no built output to check', async () => {
    const report = await gateOnCopy((dir) => rmSync(join(dir, 'out'), { recursive: true }));
    expect(report.ok).toBe(false);
    expect(problems(report, 'electronegativity')).toEqual([expect.stringContaining('run `npx electron-vite build` first')]);
    expect(problems(report, 'bundles')).toEqual([expect.stringContaining('out/renderer/**/*.js'), expect.stringContaining('out/preload/*.cjs')]);
  });

  it('fails weakened fuses, CSP, preload bundle and IPC, each in its own section', async () => {
    const report = await gateOnCopy((dir) => {
      const config = join(dir, 'electron-builder.config.cjs');
      writeFileSync(config, readFileSync(config, 'utf8').replace('runAsNode: false', 'runAsNode: true'));
      copyFileSync(join(FIXTURES, 'index.weak-csp.html.txt'), join(dir, 'out/renderer/index.html'));
      copyFileSync(join(FIXTURES, 'preload-bundle.extra-require.cjs.txt'), join(dir, 'out/preload/index.cjs'));
      copyFileSync(join(FIXTURES, 'ipc.raw-handle.ts.txt'), join(dir, 'main/ipc/electronIpc.ts'));
    });
    expect(report.ok).toBe(false);
    expect(problems(report, 'fuses')).toEqual([expect.stringContaining('electronFuses.runAsNode must be false')]);
    expect(problems(report, 'csp')).toContainEqual(expect.stringContaining("out/renderer/index.html:6: script-src allows 'unsafe-inline'"));
    expect(problems(report, 'bundles')).toHaveLength(2);
    expect(problems(report, 'ipc')).toEqual([expect.stringContaining('main/ipc/electronIpc.ts:7: ipcMain is used outside registerHandlers')]);
    // Electronegativity's CSP_GLOBAL_CHECK is suppressed in renderer/index.html with a reason, and the
    // suppression carries over to the built page; the gate's own csp section (above) is what catches
    // a weakened built policy.
  });
});
