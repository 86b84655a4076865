import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalTarget } from '../../src/sinks/local-target.js';
import { tempDir } from '../support/temp-dir.js';

describe('LocalTarget', () => {
  it('writes, overwrites and reads files under its root, creating folders', async () => {
    const dir = tempDir('target');
    const target = new LocalTarget(dir);
    await target.write('a/b.json', '[1]');
    await target.write('a/b.json', '[2]');
    expect(await readFile(join(dir, 'a/b.json'), 'utf8')).toBe('[2]');
    expect(new TextDecoder().decode((await target.read('a/b.json'))!)).toBe('[2]');
    expect(await target.read('missing.json')).toBeNull();
  });

  it('leaves the previous content and no temporary file when a write fails', async () => {
    const dir = tempDir('target');
    const target = new LocalTarget(dir);
    // The destination is a non-empty directory: rename(2) fails after the data was written.
    await mkdir(join(dir, 'out.json'));
    await writeFile(join(dir, 'out.json', 'keep'), 'old');
    await expect(target.write('out.json', 'new')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['out.json']);
    expect(await readFile(join(dir, 'out.json', 'keep'), 'utf8')).toBe('old');
  });
});
