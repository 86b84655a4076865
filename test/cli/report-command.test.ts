import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { reportCommand } from '../../src/cli/report-command.js';
import { writeSyntheticResults } from '../support/synthetic-results.js';
import { tempDir } from '../support/temp-dir.js';

describe('reportCommand', () => {
  it('--help prints the usage and exits 0; missing options are configuration errors', async () => {
    const written: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => (written.push(chunk), true)) as typeof process.stdout.write;
    try {
      expect(await reportCommand(['--help'])).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    expect(written.join('')).toMatch(/contrail report --results DIR --out FILE.html/);
    await expect(reportCommand(['--out', 'x.html'])).rejects.toThrow(/report: --results is required/);
    await expect(reportCommand(['--results', 'x'])).rejects.toThrow(/report: --out is required/);
  });

  it('writes the report and prints a summary', async () => {
    const dir = tempDir('report');
    await writeSyntheticResults(dir);
    const written: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => (written.push(chunk), true)) as typeof process.stdout.write;
    try {
      expect(await reportCommand(['--results', dir, '--out', join(dir, 'r.html')])).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    expect(written.join('')).toMatch(/report synthetic_experiment: 3 metrics, 2 windows, 8 views, 1 errors, 1 warnings/);
    expect(written.join('')).toMatch(/sample ratio mismatch: 0 of 8 checks flagged/);
  });
});
