// Per-directory mutation scores from Stryker's JSON reports (`npm run test:mutation:scores`).
// A run over one directory (`npx stryker run --mutate 'main/core/audit/**/*.ts' --jsonReporter...` or a
// config naming its own report, test-results/mutation/mutation-<name>.json) writes only that directory;
// this merges every test-results/mutation/mutation*.json (the newest result of each file wins) into
// test-results/mutation/mutation.json and prints the table the README quotes.
// Score = (killed + timeout) / (killed + timeout + survived + no coverage); ignored mutants (static
// ones, and those disabled in place as equivalent) are not in it.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = 'test-results/mutation';
const reports = readdirSync(dir)
  .filter((f) => /^mutation.*\.json$/.test(f))
  .map((f) => ({ f, at: statSync(join(dir, f)).mtimeMs }))
  .sort((a, b) => a.at - b.at);
if (reports.length === 0) throw new Error(`no Stryker JSON report in ${dir}; run npm run test:mutation first`);
let merged;
for (const { f } of reports) {
  const r = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  if (!merged) merged = { ...r, files: {}, testFiles: {} };
  Object.assign(merged.files, r.files);
  Object.assign(merged.testFiles, r.testFiles ?? {});
}
writeFileSync(join(dir, 'mutation.json'), JSON.stringify(merged));

// `npm run test:mutation:scores -- vault` prints that directory file by file (a directory measured in part).
const byFile = new Set(process.argv.slice(2));
const groupOf = (file) =>
  byFile.has(file.split('/')[2]) ? file.replace(/^main\/core\//, '') : groupOfDir(file);
const groupOfDir = (file) => (file.startsWith('main/core/accounts/') ? file.replace(/^main\/core\//, '') : file.split('/').slice(0, 3).join('/').replace(/^main\/core\//, ''));
const rows = new Map();
for (const [file, { mutants }] of Object.entries(merged.files)) {
  const g = groupOf(file);
  const row = rows.get(g) ?? { mutants: 0, Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, other: 0 };
  for (const m of mutants) {
    row.mutants++;
    if (m.status in row) row[m.status]++;
    else row.other++;
  }
  rows.set(g, row);
}
console.log('| directory | mutants | killed + timeout | survived | no coverage | ignored | score |');
console.log('|---|---|---|---|---|---|---|');
for (const [g, r] of [...rows].sort()) {
  const valid = r.Killed + r.Timeout + r.Survived + r.NoCoverage;
  const score = valid === 0 ? 'n/a' : `${((100 * (r.Killed + r.Timeout)) / valid).toFixed(1)} %`;
  console.log(`| \`${g}\` | ${r.mutants} | ${r.Killed + r.Timeout} | ${r.Survived} | ${r.NoCoverage} | ${r.Ignored} | ${score} |`);
}
