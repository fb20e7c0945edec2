import { CliError, EXIT } from './exitCodes.js';

export interface Parsed {
  positionals: string[];
  options: Map<string, string | true>;
  /** exec: what follows the account (after `--`, or from the first non-option). */
  rest: string[];
}

/**
 * Parses `--name value`, `--name=value` and boolean `--flag` options (those in `flags`), stopping at
 * `--`. With `restAfter`, the first non-option after that many positionals starts the rest.
 */
export function parseArgs(argv: string[], spec: { values: string[]; flags: string[]; restAfter?: number }): Parsed {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') {
      options.set('help', true);
      continue;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq === -1 ? undefined : eq);
      if (spec.flags.includes(name)) {
        if (eq !== -1) throw new CliError(`--${name} takes no value.`, EXIT.usage);
        options.set(name, true);
      } else if (spec.values.includes(name)) {
        const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
        if (value === undefined || value === '') throw new CliError(`--${name} needs a value.`, EXIT.usage);
        options.set(name, value);
      } else {
        throw new CliError(`Unknown option ${arg}. See --help.`, EXIT.usage);
      }
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') throw new CliError(`Unknown option ${arg}. See --help.`, EXIT.usage);
    if (spec.restAfter !== undefined && positionals.length >= spec.restAfter) {
      rest.push(...argv.slice(i));
      break;
    }
    positionals.push(arg);
  }
  return { positionals, options, rest };
}
