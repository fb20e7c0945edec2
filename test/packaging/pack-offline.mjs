// Packs Token Vault with electron-builder `--linux dir` and no network (see asar.test.ts).
// Usage: node pack-offline.mjs <job.json>
//   job: { projectDir, electronDist, electronVersion, output, resultFile }
// Every TCP connection and fetch is refused and recorded before electron-builder loads, so a
// download it attempts (Electron, a toolset, an icon converter) fails fast and names its target
// instead of hanging or, on a networked machine, silently succeeding.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { join } from 'node:path';

const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const attempts = [];

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  // net.connect passes [options, callback] as one normalized array; callers may pass (port, host) too.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
  // A port means TCP; unix sockets and pipes (path, no port) are local plumbing, not downloads.
  if (options.port !== undefined && options.port !== null) {
    const target = `${options.host ?? 'localhost'}:${options.port}`;
    attempts.push(target);
    throw new Error(`offline packaging: network connection to ${target} refused`);
  }
  return connect.apply(this, args);
};
globalThis.fetch = async (input) => {
  const url = typeof input === 'string' ? input : (input.url ?? String(input));
  attempts.push(url);
  throw new Error(`offline packaging: fetch ${url} refused`);
};

const load = createRequire(join(job.projectDir, 'package.json'));
const { build, Platform } = load('electron-builder');
const config = load(join(job.projectDir, 'electron-builder.config.cjs'));

let error = null;
const started = Date.now();
const finish = () => writeFileSync(job.resultFile, JSON.stringify({ error, attempts, ms: Date.now() - started }));
// A refused connection can surface outside build()'s promise; the test still gets the story.
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (e) => {
    error = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
    finish();
    process.exit(1);
  });
}
try {
  await build({
    projectDir: job.projectDir,
    targets: Platform.LINUX.createTarget('dir'),
    publish: 'never',
    config: {
      ...config,
      electronDist: job.electronDist,
      electronVersion: job.electronVersion,
      directories: { ...config.directories, output: job.output },
    },
  });
} catch (e) {
  error = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
}
finish();
// Retry timers of a refused download would keep the process alive for half a minute.
process.exit(error ? 1 : 0);
