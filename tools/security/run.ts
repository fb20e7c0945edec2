/**
 * `npm run security`: the security gate over this checkout. Needs the build (`npx electron-vite build`).
 *   npx tsx tools/security/run.ts [--require-audit | --no-audit]
 * Exit 1 when any check fails. SARIF logs land in test-results/security/.
 */
import { join } from 'node:path';
import { runGate, type GateOptions } from './gate.js';
import { formatProblem } from './problem.js';

const root = join(import.meta.dirname, '..', '..');
const args = new Set(process.argv.slice(2));
const audit: GateOptions['audit'] = args.has('--require-audit') ? 'require' : args.has('--no-audit') ? 'skip' : 'run';

const started = Date.now();
const report = await runGate({ root, workDir: join(root, 'test-results', 'security'), audit });
for (const s of report.sections) {
  console.log(`${s.status === 'pass' ? 'PASS' : s.status === 'fail' ? 'FAIL' : 'NOT RUN'}  ${s.name}`);
  for (const p of s.problems) console.log(`      ${formatProblem(p)}`);
  for (const n of s.notes) console.log(`      · ${n}`);
}
console.log(`\nsecurity gate ${report.ok ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(report.ok ? 0 : 1);
