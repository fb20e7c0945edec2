// Runs Electronegativity's own runner, offline, in a child process (see electronegativity.ts).
// Usage: node electronegativity-child.mjs <job.json>
//   job: { scans: [{ input, sarif }], exclude: [check names], electronVersion, resultFile }
// Electronegativity fetches translations and Electron's release list over the network on every run;
// without network each lookup stalls for seconds, and with it the results would depend on the day.
// So `got` is replaced by one that always fails: the translations fall back to the bundled English,
// and the release-list check is excluded by the caller.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const load = createRequire(import.meta.url);
const toolDir = dirname(load.resolve('@doyensec/electronegativity/package.json'));
const toolLoad = createRequire(join(toolDir, 'package.json'));

const offline = () => Promise.reject(new Error('the security gate runs Electronegativity offline'));
offline.head = offline;
const gotPath = toolLoad.resolve('got');
load.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };

const runner = load(join(toolDir, 'dist', 'runner.js'));
const run = runner.default ?? runner;
const results = [];
for (const scan of job.scans) {
  const out = await run(
    {
      input: scan.input,
      output: scan.sarif,
      isSarif: true,
      customScan: [],
      excludeFromScan: job.exclude.map((c) => c.toLowerCase()),
      isRelative: true,
      electronVersionOverride: job.electronVersion,
      parserPlugins: [],
    },
    false,
  );
  results.push({ input: scan.input, sarif: scan.sarif, checks: out.atomicChecks + out.globalChecks, errors: out.errors });
}
writeFileSync(job.resultFile, JSON.stringify(results));
