/**
 * Reads a per-client metrics table from a local Parquet file as a stream of Arrow record batches.
 *
 * The native page decoder reads the file where it can (src/sources/native-parquet.ts: flat columns,
 * SNAPPY or uncompressed, PLAIN, dictionary or RLE pages), a row group per batch; parquet-wasm reads
 * every other file, and the rest of a file from a row group the decoder cannot read. Both give the
 * same Arrow values. The rest of this comment is about parquet-wasm.
 *
 * It uses parquet-wasm's streaming reader (`ParquetFile.fromFile(ranges).stream({ columns, batchSize })`,
 * the file's byte ranges read through one handle: file-ranges.ts): only the footer and the projected
 * column chunks are read, one batch at a time, and each wasm batch crosses into apache-arrow through
 * an IPC stream. Not the sync `readParquet`, which ignores
 * `columns` and holds the whole file in wasm memory (ARCHITECTURE.md, sources).
 *
 * A borrowed read (`ReadOptions.borrow`) lends each batch instead, as apache-arrow views of the
 * wasm memory that holds it (arrow-js-ffi over the Arrow C Data Interface): no IPC stream written,
 * copied out and parsed, and none of those copies left to the garbage collector. It took ~0.3 s
 * off each 10M-row table of a linear_model_mean run (bench/RESULTS.md). A view is valid while the
 * batch is alive and the wasm memory has not grown: the batch is freed when the next is requested,
 * and the stream decodes nothing ahead (its highWaterMark is 0), so only another read on the same
 * thread could grow the memory meanwhile; that is caught and thrown, never read as data.
 */
import { openFileRanges } from './file-ranges.js';
import { Schema, tableFromIPC, Type } from 'apache-arrow';
import type { RecordBatch } from 'apache-arrow';
import { readFooter, type ParquetFooter } from './parquet-footer.js';
import { footerSchema } from './footer-schema.js';
import { ThriftError } from './thrift-compact.js';
import { isUnsupported, nativeParquet, nativePlan, NativeRowGroups, type NativeParquet } from './native-parquet.js';
import { parquetWasm } from './parquet-wasm.js';
import type * as ParquetWasm from 'parquet-wasm';
import { parseRecordBatch } from 'arrow-js-ffi';
import { InputError } from './table-reader.js';
import { beginRead, endRead } from './active-reads.js';
import type { ReadOptions, TableReader } from './table-reader.js';

/**
 * The types a borrowed read lends as views: those the engine decodes (src/engine/arrow-decode.ts,
 * key-hash.ts) and arrow-js-ffi reads without copying. Any other (a decimal, whose view arrow-js-ffi
 * 0.4 sizes by rows rather than words), or a column that starts at an offset (its views end at the
 * row count, not past the offset), crosses as an IPC copy and meets the decoders' own errors.
 */
const LENT_TYPES: ReadonlySet<Type> = new Set([
  Type.Null, Type.Bool, Type.Int, Type.Float, Type.Date, Type.Timestamp, Type.Utf8, Type.LargeUtf8, Type.Binary, Type.Dictionary,
]);

/**
 * A `TableReader` over one Parquet file. Strings written with dictionary encoding arrive as
 * `Dictionary<Int32, Utf8>` vectors and int64 columns as `BigInt64Array`s; both pass through as read.
 * Reference: Jetstream's per-client tables (spec, "Input: the per-client metrics table").
 */
export class ParquetReader implements TableReader {
  readonly description: string;
  readonly reopenPath: string;
  private readonly path: string;
  private cachedSchema: Schema | undefined;
  private cachedRowCount: number | undefined;
  /** The footer as parsed here (null: one this parser rejects), read once. */
  private footer: Promise<ParquetFooter | null> | undefined;

  /**
   * `known`: the file's schema and row count as another thread read them from its footer (a reader
   * thread's table, src/engine/partition-table.ts), so that a read the native decoder serves does not
   * load parquet-wasm at all.
   */
  constructor(path: string, known?: { readonly schema: Schema; readonly rowCount: number }) {
    this.path = path;
    this.description = path;
    this.reopenPath = path;
    this.cachedSchema = known?.schema;
    this.cachedRowCount = known?.rowCount;
  }

  /**
   * The file's Arrow schema, from the Parquet footer only: the Arrow schema an Arrow writer stored
   * there (src/sources/footer-schema.ts), else parquet-wasm's reading of the footer.
   */
  async schema(): Promise<Schema> {
    if (this.cachedSchema === undefined) {
      const footer = await this.ownFooter();
      const stored = footer === null ? null : footerSchema(footer);
      if (stored !== null) {
        this.cachedSchema = stored;
        this.cachedRowCount = footer!.rowCount;
        return stored;
      }
      const { file, close } = await this.open();
      try {
        this.cachedSchema = tableFromIPC(file.schema().intoIPCStream()).schema;
        this.cachedRowCount = file.metadata().fileMetadata().numRows();
      } catch (error) {
        throw this.unreadable(error);
      } finally {
        file.free();
        await close();
      }
    }
    return this.cachedSchema;
  }

  /** The row count the footer records. */
  async rowCount(): Promise<number> {
    await this.schema();
    return this.cachedRowCount!;
  }

  /**
   * The projected rows, columns in requested order, in batches of at most `batchSize` rows (default
   * 65,536), or, where the native decoder reads the file and no size is asked for, one per row group.
   */
  async *batches(options: ReadOptions): AsyncIterable<RecordBatch> {
    const schema = await this.schema();
    const present = schema.fields.map(field => field.name);
    for (const column of options.columns) {
      if (!present.includes(column)) {
        throw new InputError(
          `${this.path}: column "${column}" not found; columns present: ${present.join(', ')}`,
        );
      }
    }
    const columns = [...options.columns];
    const batchSize = options.batchSize ?? 65_536;
    if (!Number.isInteger(batchSize) || batchSize <= 0) {
      throw new InputError(`${this.path}: batchSize must be a positive integer, got ${batchSize}`);
    }
    const borrow = options.borrow === true;
    // the native decoder first; parquet-wasm reads what it does not (from row group `from` on)
    let from = 0;
    const addon = nativeParquet();
    if (addon !== null) {
      const native = await this.openNative(addon, schema, columns, borrow, options.dictionaries === true);
      if (native !== null) {
        beginRead(this.path);
        try {
          for (; from < native.footer.rowGroups.length; from++) {
            const group = native.footer.rowGroups[from];
            if (group.rows === 0) continue;
            let batch: RecordBatch;
            try {
              batch = await native.groups.read(group, from);
            } catch (error) {
              if (isUnsupported(error)) break;
              // the addon's argument checks: a defect here, not a bad file
              if (error instanceof TypeError) throw error;
              throw this.unreadable(error);
            }
            // a batch size asked for is kept (zero-copy slices); by default a batch is a row group
            if (options.batchSize === undefined) yield batch;
            else for (let at = 0; at < batch.numRows; at += batchSize) yield batch.slice(at, at + batchSize);
          }
        } finally {
          endRead(this.path);
          await native.close();
        }
        if (from === native.footer.rowGroups.length) return;
      }
    }
    yield* this.wasmBatches(columns, batchSize, borrow, from);
  }

  /** The native decoder's reader of the file, or null when it cannot read these columns (nativePlan). */
  private async openNative(
    addon: NativeParquet, schema: Schema, columns: string[], borrow: boolean, dictionaries: boolean,
  ): Promise<{ footer: ParquetFooter; groups: NativeRowGroups; close: () => Promise<void> } | null> {
    // a footer parquet-wasm read (schema() did) but ours does not: parquet-wasm reads the file
    const footer = await this.ownFooter();
    if (footer === null) return null;
    const plan = nativePlan(footer, schema, columns);
    if ('reason' in plan) return null;
    const { ranges, close } = await openFileRanges(this.path).catch((error: unknown) => {
      throw this.unreadable(error);
    });
    const projected = new Schema(plan.columns.map((column) => column.field));
    return { footer, groups: new NativeRowGroups(addon, ranges, plan.columns, projected, borrow, dictionaries), close };
  }

  /** The footer as this module parses it (src/sources/parquet-footer.ts), or null where that parser rejects it. */
  private ownFooter(): Promise<ParquetFooter | null> {
    this.footer ??= (async () => {
      const { ranges, close } = await openFileRanges(this.path).catch((error: unknown) => {
        throw cannotOpen(this.path, error);
      });
      try {
        return await readFooter(ranges);
      } catch (error) {
        if (error instanceof ThriftError) return null;
        throw this.unreadable(error);
      } finally {
        await close();
      }
    })();
    return this.footer;
  }

  /** The rows of row groups `from` on, read by parquet-wasm. */
  private async *wasmBatches(columns: string[], batchSize: number, borrow: boolean, from: number): AsyncIterable<RecordBatch> {
    const { file, close } = await this.open();
    beginRead(this.path);
    try {
      let stream: ReadableStream<ParquetWasm.RecordBatch>;
      try {
        const metadata = file.metadata();
        const groups = metadata.numRowGroups();
        metadata.free();
        const rowGroups = from > 0 ? Array.from({ length: groups - from }, (_, i) => from + i) : undefined;
        stream = (await file.stream({ columns, batchSize, rowGroups })) as ReadableStream<ParquetWasm.RecordBatch>;
      } catch (error) {
        throw this.unreadable(error);
      }
      const reader = stream.getReader();
      try {
        for (;;) {
          let next: Awaited<ReturnType<typeof reader.read>>;
          try {
            next = await reader.read();
          } catch (error) {
            throw this.unreadable(error);
          }
          if (next.done) break;
          if (borrow) yield* this.lend(next.value, columns);
          else yield* copied(next.value, columns);
        }
      } finally {
        await reader.cancel().catch(() => undefined);
        reader.releaseLock();
      }
    } finally {
      endRead(this.path);
      file.free();
      await close();
    }
  }

  /**
   * One wasm batch as views of wasm memory, freed when the consumer asks for the next; a batch with
   * a type arrow-js-ffi does not read crosses as an IPC copy instead, so its column meets the same
   * checks as an unborrowed read.
   */
  private *lend(wasmBatch: ParquetWasm.RecordBatch, columns: string[]): Generator<RecordBatch> {
    const ffi = wasmBatch.toFFI();
    const memory = parquetWasm().wasmMemory().buffer;
    let batch: RecordBatch | undefined;
    try {
      batch = parseRecordBatch(memory, ffi.arrayAddr(), ffi.schemaAddr(), false);
    } catch {
      batch = undefined;
    }
    if (batch === undefined || !batch.data.children.every((data) => LENT_TYPES.has(data.typeId as Type) && data.offset === 0)) {
      ffi.free();
      yield* copied(wasmBatch, columns);
      return;
    }
    try {
      // RecordBatch.select keeps the file's column order; selectAt takes the requested one.
      const fields = batch.schema.fields.map((field) => field.name);
      yield batch.selectAt(columns.map((name) => fields.indexOf(name)));
      // A grown memory detaches the views: the consumer may have read nothing where data was.
      if (parquetWasm().wasmMemory().buffer !== memory) {
        throw new Error(
          `${this.path}: parquet-wasm's memory grew while a borrowed batch was in use (another read on this thread?); read it without borrow`,
        );
      }
    } finally {
      ffi.free();
      wasmBatch.free();
    }
  }

  /** The file parsed by parquet-wasm from its footer, and the close of its handle (after `file.free()`). */
  private async open(): Promise<{ file: ParquetWasm.ParquetFile; close: () => Promise<void> }> {
    let opened: Awaited<ReturnType<typeof openFileRanges>>;
    try {
      opened = await openFileRanges(this.path);
    } catch (error) {
      throw cannotOpen(this.path, error);
    }
    try {
      // parquet-wasm calls only size, slice and arrayBuffer of its Blob (file-ranges.ts)
      return { file: await parquetWasm().ParquetFile.fromFile(opened.ranges as unknown as Blob), close: opened.close };
    } catch (error) {
      await opened.close();
      throw this.unreadable(error);
    }
  }

  private unreadable(error: unknown): InputError {
    if (error instanceof InputError) return error;
    return new InputError(
      `${this.path} is not a readable Parquet file (truncated or corrupt: ${detail(error)}); ` +
        're-export or regenerate it',
    );
  }
}

/**
 * A wasm batch copied into apache-arrow through an IPC stream (consuming it). parquet-wasm orders
 * projected columns as in the file; Table.select restores the requested order.
 */
function copied(wasmBatch: ParquetWasm.RecordBatch, columns: string[]): RecordBatch[] {
  return tableFromIPC(wasmBatch.intoIPCStream()).select(columns).batches;
}

function cannotOpen(path: string, error: unknown): InputError {
  return new InputError(`${path} is not a readable Parquet file (cannot open: ${detail(error)}); check the path`);
}

function detail(error: unknown): string {
  if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return 'no such file';
  return error instanceof Error ? error.message : String(error);
}
