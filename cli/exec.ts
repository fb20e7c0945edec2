import { CliError } from './exitCodes.js';

/** Signals a person or a supervisor sends to tokenvault's own pid: they must reach the command. */
const ALWAYS_FORWARDED: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGUSR1', 'SIGUSR2'];
/** The terminal sends these to the whole foreground group, the command included: forwarding would double them. */
const TERMINAL_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGQUIT'];
/** Ended by one of these, tokenvault ends itself the same way, so a shell sees what the command did. */
const RERAISED = new Set<NodeJS.Signals>(['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT']);

/**
 * Runs the command with `env` (the token is only there), stdio inherited, signals forwarded; resolves
 * with the exit code tokenvault should exit with (the command's own, or 128+N for signal N).
 */
export function runChild(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  // Loaded here, not at start-up: only exec needs it, and every other command starts faster without it.
  // getBuiltinModule, not import(): a dynamic import would start Node's ES module loader (several ms).
  const { spawn } = process.getBuiltinModule('node:child_process');
  const { constants } = process.getBuiltinModule('node:os');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    const onTerminal = process.stdin.isTTY === true;
    const handlers = new Map<NodeJS.Signals, () => void>();
    for (const sig of [...ALWAYS_FORWARDED, ...TERMINAL_SIGNALS]) {
      const forward = !TERMINAL_SIGNALS.includes(sig) || !onTerminal;
      const handler = (): void => {
        if (forward && child.exitCode === null && child.signalCode === null) child.kill(sig);
      };
      handlers.set(sig, handler);
      try {
        process.on(sig, handler);
      } catch {
        // Not every signal exists on every platform (Windows).
      }
    }
    const cleanUp = (): void => {
      for (const [sig, handler] of handlers) process.off(sig, handler);
    };
    child.once('error', (e: NodeJS.ErrnoException) => {
      cleanUp();
      if (e.code === 'ENOENT') reject(new CliError(`${command}: command not found. Check the name and your PATH.`, 127));
      else if (e.code === 'EACCES') reject(new CliError(`${command}: permission denied (is it executable?).`, 126));
      else reject(new CliError(`Could not start ${command}: ${e.message}`, 126));
    });
    child.once('exit', (code, signal) => {
      cleanUp();
      if (signal) {
        if (RERAISED.has(signal)) process.kill(process.pid, signal);
        resolve(128 + (constants.signals[signal] ?? 0));
        return;
      }
      resolve(code ?? 1);
    });
  });
}
