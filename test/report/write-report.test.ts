import { describe, it, expect } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeReport } from '../../src/report/write-report.js';
import { writeSyntheticResults } from '../support/synthetic-results.js';
import { tempDir } from '../support/temp-dir.js';

function embeddedData(html: string): { slug: string; views: Record<string, unknown> } {
  const match = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  if (match === null) throw new Error('report data script not found');
  return JSON.parse(match[1]);
}

describe('writeReport', () => {
  it('writes one self-contained page and the SRM record next to the results', async () => {
    const dir = tempDir('report');
    await writeSyntheticResults(dir, { counts: { control: 5000, 'treatment-a': 5400, 'treatment-b': 4600 } });
    const summary = await writeReport({ results: dir, out: join(dir, 'page', 'report.html') });
    expect(summary).toMatchObject({ slug: 'synthetic_experiment', windows: 2, views: 8, metrics: 3, srmChecks: 8, srmMismatches: 8, errors: 1, warnings: 1 });
    const html = await readFile(summary.out, 'utf8');
    expect(summary.bytes).toBe(Buffer.byteLength(html));
    // No network at view time: nothing loaded from elsewhere, and a CSP that forbids it.
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/i);
    expect(html).toContain(`content="default-src 'none'; script-src 'unsafe-inline'`);
    expect(html).toMatch(/Plot=|\.Plot\b/);
    expect(Object.keys(embeddedData(html).views)).toHaveLength(8);
    const srm = JSON.parse(await readFile(summary.srmPath, 'utf8'));
    expect(summary.srmPath).toBe(join(dir, 'srm_synthetic_experiment.json'));
    expect(srm).toHaveLength(8);
    // scipy.stats.chisquare([5000, 5400, 4600]) -> statistic 64.0, pvalue 1.2664165549094158e-14
    const allEnrollments = srm.find((c: { period: string; segment: string; analysis_basis: string }) => c.period === 'overall' && c.segment === 'all' && c.analysis_basis === 'enrollments');
    expect(allEnrollments.chi_square).toBeCloseTo(64, 9);
    expect(allEnrollments.p_value / 1.2664165549094158e-14).toBeCloseTo(1, 9);
    expect(allEnrollments.mismatch).toBe(true);
  });

  it('escapes text that would close the data script', async () => {
    const dir = tempDir('report');
    const results = await writeSyntheticResults(dir);
    await writeFile(join(dir, `errors_${results.nslug}.json`), JSON.stringify([{ log_level: 'ERROR', message: '</script><script>alert(1)</script>' }]));
    const summary = await writeReport({ results: dir, out: join(dir, 'r.html') });
    const html = await readFile(summary.out, 'utf8');
    expect(html).not.toContain('</script><script>alert(1)');
    expect(embeddedData(html).slug).toBe('synthetic_experiment');
  });

  it('uses the branch ratios of --experiment', async () => {
    const dir = tempDir('report');
    await writeSyntheticResults(dir);
    const experiment = join(dir, 'experiment.json');
    await writeFile(experiment, JSON.stringify({ slug: 'synthetic-experiment', referenceBranch: 'control', branches: [{ slug: 'control', ratio: 1 }, { slug: 'treatment-a', ratio: 1 }, { slug: 'treatment-b', ratio: 2 }] }));
    const summary = await writeReport({ results: dir, out: join(dir, 'r.html'), experiment });
    expect(summary.srmMismatches).toBe(8);
    await expect(writeReport({ results: dir, out: join(dir, 'r.html'), experiment: join(dir, 'missing.json') })).rejects.toThrow(/cannot read the experiment definition .*missing.json/);
  });
});
