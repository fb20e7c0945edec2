// Per-directory mutation scores from Stryker's JSON reports (`npm run test:mutation:scores`).
// A run over one directory (`npx stryker run --mutate 'main/core/audit/**/*.ts' --jsonReporter...` or a
// config naming its own report, test-results/mutation/mutation-<name>.json) writes only that directory;
// this merges tools/mutation/stryker-incremental.json and every test-results/mutation/mutation-*.json (the
// newest source wins, file by file) into
// test-results/mutation/mutation.json and prints the table the README quotes.
// Score = (killed + timeout) / (killed + timeout + survived + no coverage); ignored mutants (static
// ones, and those disabled in place as equivalent) are not in it.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = 'test-results/mutation';
// The tracked incremental file holds the last result of every file ever measured (the per-directory
// reports are untracked, and each chunk of build/scripts/mutation-run.sh overwrites its directory's
// report with its own files only), so it is the base; a report newer than it wins file by file.
const incremental = 'tools/mutation/stryker-incremental.json';
const sources = [
  ...(existsSync(incremental) ? [{ path: incremental, at: statSync(incremental).mtimeMs }] : []),
  ...(existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /^mutation.*\.json$/.test(f) && f !== 'mutation.json')
        .map((f) => ({ path: join(dir, f), at: statSync(join(dir, f)).mtimeMs }))
    : []),
].sort((a, b) => a.at - b.at);
if (sources.length === 0) {
  console.error(
    `No mutation results: neither ${incremental} nor a report in ${dir}/.\n` +
      'Run one first, e.g. `flock /tmp/tv-heavy.lock build/scripts/mutation-run.sh audit` ' +
      '(or `npm run test:mutation` for everything), then `npm run test:mutation:scores`.',
  );
  process.exit(1);
}
mkdirSync(dir, { recursive: true });
let merged;
for (const { path } of sources) {
  const r = JSON.parse(readFileSync(path, 'utf8'));
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
