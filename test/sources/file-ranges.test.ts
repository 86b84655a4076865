import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFileRanges } from '../../src/sources/file-ranges.js';
import { tempDir } from '../support/temp-dir.js';

const dir = tempDir('ranges');

/** A file of `n` bytes, byte i = (i * 7) mod 251. */
function fileOf(name: string, n: number): string {
  const path = join(dir, name);
  writeFileSync(path, Uint8Array.from({ length: n }, (_, i) => (i * 7) % 251));
  return path;
}

const bytesOf = async (range: { arrayBuffer(): Promise<ArrayBuffer> }) => [...new Uint8Array(await range.arrayBuffer())];

describe('openFileRanges', () => {
  it('reads ranges as Blob.slice gives them: nested, clamped, negative from the end, empty', async () => {
    const path = fileOf('a.bin', 300_000);
    const expected = [...readFileSync(path)];
    // Node's own file-backed Blob is the reference for slice semantics
    const { openAsBlob } = await import('node:fs');
    const blob = await openAsBlob(path);
    const { ranges, close } = await openFileRanges(path);
    try {
      expect(ranges.size).toBe(300_000);
      const cases: [number, number][] = [[0, 300_000], [5, 17], [299_990, 400_000], [-10, -2], [100, 50], [0, 0], [-400_000, 3]];
      for (const [a, b] of cases) {
        expect(await bytesOf(ranges.slice(a, b))).toEqual([...new Uint8Array(await blob.slice(a, b).arrayBuffer())]);
      }
      const inner = ranges.slice(1000, 2000).slice(10, 20);
      expect(inner.size).toBe(10);
      expect(await bytesOf(inner)).toEqual(expected.slice(1010, 1020));
      expect(await bytesOf(ranges)).toEqual(expected);
    } finally {
      await close();
    }
  });

  it('fails a read once the file changed, and after close', async () => {
    const path = fileOf('b.bin', 1000);
    const { ranges, close } = await openFileRanges(path);
    expect((await bytesOf(ranges.slice(0, 4))).length).toBe(4);
    appendFileSync(path, 'more');
    await expect(ranges.slice(0, 4).arrayBuffer()).rejects.toThrow(`${path} changed while it was read (size 1000 -> 1004)`);
    await close();
    await expect(ranges.slice(0, 4).arrayBuffer()).rejects.toThrow();
  });

  it('rejects a directory and a missing path', async () => {
    await expect(openFileRanges(dir)).rejects.toThrow('not a regular file');
    await expect(openFileRanges(join(dir, 'missing.parquet'))).rejects.toThrow(/ENOENT/);
  });
});
