/** Electronegativity's SARIF, reduced to what the gate decides on. Every result is a finding: its exit code says nothing. */

export interface Finding {
  rule: string;
  /** Project-relative path; '' for whole-application (global) findings that have no place. */
  file: string;
  line: number;
  level: string;
  message: string;
}

export function findingsFromSarif(sarif: unknown): Finding[] {
  const runs = field(sarif, 'runs');
  if (!Array.isArray(runs)) throw new Error('not a SARIF log: no runs');
  const findings: Finding[] = [];
  for (const run of runs) {
    const results = field(run, 'results');
    if (!Array.isArray(results)) throw new Error('not a SARIF log: a run without results');
    for (const r of results) {
      const location = field(field(field(r, 'locations'), 0), 'physicalLocation');
      const uri = String(field(field(location, 'artifactLocation'), 'uri') ?? '');
      findings.push({
        rule: String(field(r, 'ruleId') ?? 'UNKNOWN'),
        file: uri.startsWith('file://') ? '' : uri.replaceAll('\\', '/'),
        line: Number(field(field(location, 'region'), 'startLine') ?? 1),
        level: String(field(r, 'level') ?? 'warning'),
        message: String(field(field(r, 'message'), 'text') ?? ''),
      });
    }
  }
  return findings;
}

function field(v: unknown, key: string | number): unknown {
  return typeof v === 'object' && v !== null ? (v as Record<string | number, unknown>)[key] : undefined;
}
