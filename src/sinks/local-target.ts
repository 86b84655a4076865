/**
 * An output directory on local disk. Writes go to a temporary file in the same directory, are
 * flushed, then renamed over the destination: rename(2) is atomic within a file system, so a reader
 * sees the old file or the new one, never a half-written one.
 */
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { OutputTarget } from './output-target.js';

export class LocalTarget implements OutputTarget {
  readonly description: string;
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
    this.description = root;
  }

  async write(path: string, data: Uint8Array | string): Promise<void> {
    const destination = join(this.root, path);
    await mkdir(dirname(destination), { recursive: true });
    // The temporary name is random, not derived from input: it never reaches any output.
    const temporary = `${destination}.${randomUUID()}.tmp`;
    try {
      const handle = await open(temporary, 'wx');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, destination);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async read(path: string): Promise<Uint8Array | null> {
    try {
      return await readFile(join(this.root, path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}
