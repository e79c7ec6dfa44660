import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = resolve(import.meta.dirname, '../../cost/cli.ts');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

describe('pnpm cost', () => {
  it('prints every formula input and the totals', () => {
    const result = run('--instance-type', 't3.medium', '--job-minutes', '20');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('1,000 jobs × max(60, 40 s boot + 1200 s job + 10 s stop) / 3600');
    expect(result.stdout).toContain('$0.0416 per instance-hour');
    expect(result.stdout).toMatch(/ephemeral Lambda runners\s+n\/a/);
    expect(result.stdout).toContain('exceeds Lambda');
  });

  it('prints the same report as JSON with --json', () => {
    const result = run('--json', '--jobs-per-month', '2000');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { inputs: { jobsPerMonth: number }; lines: unknown[] };
    expect(report.inputs.jobsPerMonth).toBe(2000);
    expect(report.lines.length).toBeGreaterThan(12);
  });

  it('exits 2 with the flag and the fix on bad input', () => {
    const result = run('--region', 'eu-central-1');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--region: bench/cost/prices.ts keeps us-east-1 list prices only');
    expect(result.stdout).toBe('');
  });
});
