import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveExperimentConfig } from '../../src/config/experiment-config.js';
import { tempDir } from '../support/temp-dir.js';

const experiment = { slug: 'my-exp', appName: 'firefox_desktop', outcomes: ['networking'] };

async function configDir() {
  const dir = tempDir('configs');
  await mkdir(join(dir, 'defaults'));
  await mkdir(join(dir, 'outcomes', 'firefox_desktop'), { recursive: true });
  await writeFile(join(dir, 'defaults', 'firefox_desktop.toml'), '[metrics]\nweekly = ["retained"]\n[metrics.retained.statistics.binomial]\n');
  await writeFile(
    join(dir, 'outcomes', 'firefox_desktop', 'networking.toml'),
    'friendly_name = "Networking"\ndescription = "Page loads"\ndefault_metrics = ["retained"]\n[metrics.page_loads.statistics.bootstrap_mean]\n',
  );
  return dir;
}

describe('resolveExperimentConfig', () => {
  it('layers the platform default, the outcomes (weekly and overall) and the experiment config', async () => {
    const dir = await configDir();
    await writeFile(join(dir, 'my-exp.toml'), '[experiment]\nreference_branch = "b"\n[metrics]\nweekly = ["clicks"]\n[metrics.clicks.statistics.sum]\n');
    const config = await resolveExperimentConfig(experiment, dir);
    const names = (period: 'week' | 'overall') => config.spec.periods[period]?.map((s) => `${s.metric}/${s.statistic}`);
    expect(names('week')).toEqual(['retained/binomial', 'page_loads/bootstrap_mean', 'clicks/sum']);
    expect(names('overall')).toEqual(['page_loads/bootstrap_mean']);
    expect(config.spec.experiment.referenceBranch).toBe('b');
    expect(config.hasCustomConfig).toBe(true);
    expect(config.outcomes).toEqual([
      { slug: 'networking', friendlyName: 'Networking', description: 'Page loads', metrics: ['page_loads'], defaultMetrics: ['retained'] },
    ]);
    expect(config.files.map((f) => f.slice(dir.length + 1))).toEqual(['defaults/firefox_desktop.toml', 'outcomes/firefox_desktop/networking.toml', 'my-exp.toml']);
  });

  it('falls back to the bundled default of the platform and names a missing outcome file', async () => {
    const bundled = await resolveExperimentConfig({ ...experiment, outcomes: [] }, undefined);
    expect(bundled.files[0]).toMatch(/src\/config\/defaults\/firefox_desktop\.toml$/);
    await expect(resolveExperimentConfig({ ...experiment, outcomes: ['nope'] }, await configDir())).rejects.toThrow(
      /my-exp: outcome "nope" not found; expected .*outcomes\/firefox_desktop\/nope\.toml/,
    );
  });
});
