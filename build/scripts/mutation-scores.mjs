// Per-directory mutation scores from Stryker's JSON reports (`npm run test:mutation:scores`).
// Sources, all merged file by file into test-results/mutation/mutation.json:
// - tools/mutation/stryker-incremental.json, tracked: the last full-suite result of every file measured;
// - tools/mutation/focused/*.json, tracked: focused runs (build/scripts/mutation-focused.sh), one source
//   file against the tests written for it, a lower bound on what the whole suite kills;
// - test-results/mutation/mutation-*.json, untracked: the reports of the runs made on this machine.
// For each file the report to trust is one made of the file as it is now (its recorded source equals the
// file on disk) and, among those, the one that kills the most (a focused run never kills more than the
// whole suite would). A file no report has measured as it is now keeps its newest report and is listed
// as stale under the table: its score is of an older version.
// Score = (killed + timeout) / (killed + timeout + survived + no coverage); ignored mutants (static
// ones, and those disabled in place as equivalent) are not in it.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = 'test-results/mutation';
const incremental = 'tools/mutation/stryker-incremental.json';
const focused = 'tools/mutation/focused';
const listJson = (d, keep) =>
  existsSync(d)
    ? readdirSync(d)
        .filter(keep)
        .map((f) => ({ path: join(d, f), at: statSync(join(d, f)).mtimeMs }))
    : [];
const sources = [
  ...(existsSync(incremental) ? [{ path: incremental, at: statSync(incremental).mtimeMs }] : []),
  ...listJson(focused, (f) => f.endsWith('.json')),
  ...listJson(dir, (f) => /^mutation.*\.json$/.test(f) && f !== 'mutation.json'),
].sort((a, b) => a.at - b.at);
if (sources.length === 0) {
  console.error(
    `No mutation results: neither ${incremental} nor a report in ${focused}/ or ${dir}/.\n` +
      'Run one first, e.g. `flock /tmp/tv-heavy.lock build/scripts/mutation-run.sh audit` ' +
      '(or `npm run test:mutation` for everything), then `npm run test:mutation:scores`.',
  );
  process.exit(1);
}
mkdirSync(dir, { recursive: true });
const killedIn = (entry) => entry.mutants.filter((m) => m.status === 'Killed' || m.status === 'Timeout').length;
const badIn = (entry) => entry.mutants.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage').length;
/** Of two reports of the current source: the one that kills more, then the one that leaves fewer alive (mtimes mean nothing in a fresh clone). */
const better = (a, b) => killedIn(a) > killedIn(b) || (killedIn(a) === killedIn(b) && badIn(a) < badIn(b));
const onDisk = new Map();
const current = (file) => {
  if (!onDisk.has(file)) onDisk.set(file, existsSync(file) ? readFileSync(file, 'utf8') : null);
  return onDisk.get(file);
};
let merged;
const best = new Map();
for (const { path } of sources) {
  const r = JSON.parse(readFileSync(path, 'utf8'));
  if (!merged) merged = { ...r, files: {}, testFiles: {} };
  Object.assign(merged.testFiles, r.testFiles ?? {});
  for (const [file, entry] of Object.entries(r.files)) {
    const fresh = entry.source === current(file);
    const held = best.get(file);
    // Sources come oldest first: a later report of the same standing replaces an earlier one unless
    // both are of the current source and the earlier kills more.
    if (!held || (fresh && !held.fresh) || (fresh === held.fresh && (fresh ? better(entry, held.entry) || !better(held.entry, entry) && badIn(entry) === badIn(held.entry) : true))) {
      best.set(file, { entry, fresh });
    }
  }
}
for (const [file, { entry }] of best) if (current(file) !== null) merged.files[file] = entry;
const stale = [...best].filter(([file, b]) => !b.fresh && current(file) !== null).map(([file]) => file).sort();
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
if (stale.length > 0) {
  console.log(`\nMeasured on an older version of the file (re-run to update): ${stale.length} file(s)`);
  for (const f of stale) console.log(`- ${f}`);
}
