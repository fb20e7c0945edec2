/**
 * `npm audit --omit=dev`: what ships must have no high or critical advisory, unless the advisory is
 * listed in AUDIT_EXCEPTIONS with the reason it does not reach Token Vault.
 */
import { spawn } from 'node:child_process';
import type { Problem } from './problem.js';

const CHECK = 'audit';
const BLOCKING = new Set(['high', 'critical']);

export interface AuditException {
  /** The advisory's URL, e.g. https://github.com/advisories/GHSA-xxxx-xxxx-xxxx. */
  advisory: string;
  package: string;
  reason: string;
}

/** Explained high/critical advisories in production dependencies. Empty: none today. */
export const AUDIT_EXCEPTIONS: readonly AuditException[] = [];

export interface AuditVerdict {
  problems: Problem[];
  /** One line per advisory that was explained away, for the report. */
  explained: string[];
}

export function checkAuditReport(report: unknown, exceptions: readonly AuditException[]): AuditVerdict {
  const problems: Problem[] = [];
  const explained: string[] = [];
  const vulnerabilities = record(record(report)?.['vulnerabilities']);
  if (!vulnerabilities) return { problems: [{ check: CHECK, file: 'package-lock.json', message: 'npm audit gave no vulnerabilities section' }], explained };
  for (const [name, v] of Object.entries(vulnerabilities)) {
    const via = record(v)?.['via'];
    // Entries that are only package names are inherited: the advisory itself is listed under that package.
    for (const advisory of Array.isArray(via) ? via.map(record) : []) {
      if (!advisory || !BLOCKING.has(String(advisory['severity']))) continue;
      const url = String(advisory['url'] ?? '');
      const title = String(advisory['title'] ?? 'advisory');
      const exception = exceptions.find((e) => e.advisory === url && e.package === name);
      if (exception) explained.push(`${name}: ${title} (${url}) — ${exception.reason}`);
      else problems.push({ check: CHECK, file: 'package-lock.json', message: `${advisory['severity']} advisory in ${name}${advisory['range'] ? ` ${advisory['range']}` : ''}: ${title} ${url}. Upgrade, or explain it in AUDIT_EXCEPTIONS (tools/security/audit.ts).` });
    }
  }
  return { problems, explained };
}

export type AuditRun = { ran: true; report: unknown } | { ran: false; why: string };

/** Runs the audit; `ran: false` when the registry did not answer it (offline, or a mirror without the audit endpoint). */
export function runNpmAudit(root: string): Promise<AuditRun> {
  return new Promise((resolve) => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const child = spawn(npm, ['audit', '--omit=dev', '--json'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000, shell: process.platform === 'win32' });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', (e) => resolve({ ran: false, why: e.message }));
    // npm audit exits non-zero when it finds anything: the JSON decides, not the exit code.
    child.on('close', () => {
      let report: unknown;
      try {
        report = JSON.parse(out);
      } catch {
        return resolve({ ran: false, why: 'npm audit printed no JSON' });
      }
      const error = record(record(report)?.['error']);
      const message = record(report)?.['message'];
      if (error || (typeof message === 'string' && !record(report)?.['vulnerabilities'])) {
        return resolve({ ran: false, why: String(typeof message === 'string' ? message : (error?.['summary'] ?? 'npm audit failed')) });
      }
      resolve({ ran: true, report });
    });
  });
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
