import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFiles, readMergedConfig } from '../../src/config/read-config-file.js';
import { tempDir } from '../support/temp-dir.js';

const dir = tempDir('config');
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('loadConfigFiles', () => {
  it('merges files in order and resolves the result', async () => {
    const base = write('base.toml', '[metrics]\nweekly = ["a"]\n[metrics.a]\nfriendly_name = "A"\n[metrics.a.statistics.count]\n');
    const custom = write(
      'custom.toml',
      '[experiment]\nreference_branch = "treatment"\n[metrics]\nweekly = ["b", "a"]\n[metrics.a]\ndescription = "mine"\n[metrics.b.statistics.sum]\n',
    );
    const spec = await loadConfigFiles([base, custom]);
    expect(spec.experiment.referenceBranch).toBe('treatment');
    expect(spec.periods.week?.map((s) => `${s.metric}/${s.statistic}`)).toEqual(['a/count', 'b/sum']);
    expect(spec.metrics.a.friendlyName).toBe('A');
    expect(spec.metrics.a.description).toBe('mine');
  });

  it('passes --statistics through', async () => {
    const path = write('two.toml', '[metrics]\nweekly = ["a"]\n[metrics.a.statistics.count]\n[metrics.a.statistics.sum]\n');
    const spec = await loadConfigFiles([path], { statistics: ['count'] });
    expect(spec.periods.week?.map((s) => s.statistic)).toEqual(['count']);
  });

  it('rejects with the file, line and column of a syntax error', async () => {
    const bad = write('bad.toml', '[experiment]\nstart_date = \n');
    await expect(loadConfigFiles([bad])).rejects.toThrow(new RegExp(`^${bad.replaceAll('\\', '\\\\')}:2:\\d+: `));
  });

  it('rejects a missing file and an empty list with the fix', async () => {
    await expect(readMergedConfig([join(dir, 'nope.toml')])).rejects.toThrow(/nope\.toml: cannot read the config file \(ENOENT\); check the path$/);
    await expect(readMergedConfig([])).rejects.toThrow(/no config file given; pass at least one --config FILE/);
  });
});
