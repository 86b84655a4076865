/**
 * A local file as the part of the Blob interface that parquet-wasm's `ParquetFile.fromFile` calls
 * (`size`, `slice(start, end)`, `arrayBuffer()`), over one FileHandle: a range is read straight
 * into one ArrayBuffer of its size (or, `readInto`, into a buffer the native page decoder reuses). Node's file-backed Blob (`fs.openAsBlob`) reads a range in
 * chunks and joins them; the extra ArrayBuffer memory made V8 run a mark-compact about every 64 MB
 * of it: 23 against 8 while one 10M-row table is read, and lmm 10M went from a median of 4.99 to
 * 4.73 s, and 5.02 to 4.82 s, over 7 alternating runs each (bench/RESULTS.md, eighth session of
 * 2026-12-06). As with a file-backed Blob, a file whose size or modification time changed since it
 * was opened fails the read instead of giving bytes of another version.
 */
import { open, type FileHandle } from 'node:fs/promises';

/** An open file and its identity at open (size, modification time). */
interface OpenFile {
  readonly path: string;
  readonly handle: FileHandle;
  readonly size: number;
  readonly mtimeMs: number;
}

/** Bytes [start, end) of an open file, Blob-like. */
export class FileRange {
  constructor(
    private readonly file: OpenFile,
    private readonly start: number,
    private readonly end: number,
  ) {}

  get size(): number {
    return this.end - this.start;
  }

  /** Bytes [start, end) of this range, clamped to it as `Blob.slice` clamps (negative: from the end). */
  slice(start = 0, end = this.size): FileRange {
    const clamp = (i: number) => Math.min(this.size, Math.max(0, i < 0 ? this.size + i : i));
    const from = clamp(start);
    return new FileRange(this.file, this.start + from, this.start + Math.max(from, clamp(end)));
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    // Not zero-filled: every byte is read into below, or the read throws. The zero fill was ~2 % of
    // a 10M-row table's reader thread, in memory malloc reused (bench/RESULTS.md, twelfth session).
    // allocUnsafeSlow never pools: the buffer is an ArrayBuffer of exactly this size, as parquet-wasm
    // copies the whole of what it is given.
    const out = Buffer.allocUnsafeSlow(this.size);
    await this.readInto(out);
    return out.buffer as ArrayBuffer;
  }

  /** Reads this range into target[0, size) (target at least that long). */
  async readInto(target: Uint8Array): Promise<void> {
    const { path, handle, size, mtimeMs } = this.file;
    const now = await handle.stat();
    if (now.size !== size || now.mtimeMs !== mtimeMs) {
      throw new Error(`${path} changed while it was read (size ${size} -> ${now.size}); read it again when it is no longer being written`);
    }
    let done = 0;
    while (done < this.size) {
      const { bytesRead } = await handle.read(target, done, this.size - done, this.start + done);
      if (bytesRead === 0) throw new Error(`${path} ended at byte ${this.start + done}, before ${this.end}: it changed while it was read`);
      done += bytesRead;
    }
  }
}

/** The whole file as a FileRange, and the handle's close (call it once no range is read any more). */
export async function openFileRanges(path: string): Promise<{ ranges: FileRange; close: () => Promise<void> }> {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error('not a regular file');
    const file: OpenFile = { path, handle, size: info.size, mtimeMs: info.mtimeMs };
    return { ranges: new FileRange(file, 0, info.size), close: () => handle.close() };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
