import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_EXCEPTIONS, checkAuditReport } from '../../../tools/security/audit.js';
import { ROOT } from './fixture.js';

const report = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/security/npm-audit.high.json'), 'utf8')) as unknown;

describe('npm audit check', () => {
  it('fails on a high advisory in a production dependency, once, at the package that has it', () => {
    const { problems } = checkAuditReport(report, AUDIT_EXCEPTIONS);
    expect(problems).toEqual([expect.objectContaining({ check: 'audit', message: expect.stringContaining('high advisory in ws >=8.0.0 <8.17.1') })]);
    expect(problems[0]?.message).toContain('https://github.com/advisories/GHSA-3h5v-q93c-6h6q');
  });

  it('passes an advisory that is explained for that package, and lists the explanation', () => {
    const exceptions = [{ advisory: 'https://github.com/advisories/GHSA-3h5v-q93c-6h6q', package: 'ws', reason: 'ethers only uses ws for WebSocket providers, which Token Vault never creates' }];
    const verdict = checkAuditReport(report, exceptions);
    expect(verdict.problems).toEqual([]);
    expect(verdict.explained).toEqual([expect.stringContaining('never creates')]);
  });

  it('does not accept an explanation given for another package', () => {
    const exceptions = [{ advisory: 'https://github.com/advisories/GHSA-3h5v-q93c-6h6q', package: 'ethers', reason: 'wrong package' }];
    expect(checkAuditReport(report, exceptions).problems).toHaveLength(1);
  });

  it('passes a clean report and fails one it cannot read', () => {
    expect(checkAuditReport({ auditReportVersion: 2, vulnerabilities: {} }, []).problems).toEqual([]);
    expect(checkAuditReport({ message: 'nope' }, []).problems).toHaveLength(1);
  });
});
