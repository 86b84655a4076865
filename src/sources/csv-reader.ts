/**
 * Reads a per-client metrics table from a local CSV file (RFC 4180, header row required) as typed
 * Arrow record batches, for small local analyses.
 *
 * Two streaming passes: the first infers each column's type from every value in the file
 * (`CsvTypeVote`), the second parses only the projected columns straight into typed arrays and emits
 * a batch every `batchSize` rows. No row is ever a JS object.
 */
import { createReadStream } from 'node:fs';
import { Field, RecordBatch, Schema, Struct, makeData } from 'apache-arrow';
import { CsvColumnBuilder, arrowTypeOf } from './csv-column-builder.js';
import { CsvTypeVote } from './csv-column-type.js';
import type { CsvColumnType } from './csv-column-type.js';
import { CsvTokenizer } from './csv-tokenizer.js';
import type { CsvSink } from './csv-tokenizer.js';
import { InputError } from './table-reader.js';
import type { ReadOptions, TableReader } from './table-reader.js';

/** Options of a `CsvReader`. */
export interface CsvReaderOptions {
  /** Rows per batch when `batches` is not given one (default 65,536). */
  readonly batchSize?: number;
}

interface CsvLayout {
  readonly names: readonly string[];
  readonly types: readonly CsvColumnType[];
  readonly schema: Schema;
}

/**
 * A `TableReader` over one CSV file. Empty fields are nulls; integers become Int32 (Float64 when one
 * does not fit), booleans Bool, `YYYY-MM-DD` DateDay, anything else Utf8 (see `CsvTypeVote`).
 * Reference: RFC 4180; the table shape of the spec's "Input: the per-client metrics table".
 */
export class CsvReader implements TableReader {
  readonly description: string;
  private readonly path: string;
  private readonly batchSize: number;
  private layout: Promise<CsvLayout> | undefined;

  constructor(path: string, options: CsvReaderOptions = {}) {
    this.path = path;
    this.description = path;
    this.batchSize = options.batchSize ?? 65_536;
  }

  /** The columns and their inferred Arrow types (reads the whole file once, then remembers). */
  async schema(): Promise<Schema> {
    return (await this.inferLayout()).schema;
  }

  /** The projected rows, in batches of `batchSize` rows, columns in requested order. */
  async *batches(options: ReadOptions): AsyncIterable<RecordBatch> {
    const layout = await this.inferLayout();
    const batchSize = options.batchSize ?? this.batchSize;
    if (!Number.isInteger(batchSize) || batchSize <= 0) {
      throw new InputError(`${this.path}: batchSize must be a positive integer, got ${batchSize}`);
    }
    const positions = options.columns.map(column => {
      const at = layout.names.indexOf(column);
      if (at < 0) {
        throw new InputError(
          `${this.path}: column "${column}" not found; columns present: ${layout.names.join(', ')}`,
        );
      }
      return at;
    });
    const fields = positions.map(at => layout.schema.fields[at]);
    const schema = new Schema(fields);
    const builderAt: (CsvColumnBuilder | null)[] = layout.names.map(() => null);
    const builders = positions.map(at => {
      const builder = builderAt[at] ?? new CsvColumnBuilder(layout.types[at], batchSize);
      builderAt[at] = builder;
      return builder;
    });
    const ready: RecordBatch[] = [];
    let row = 0;
    let header = true;
    const flush = (): void => {
      const children = builders.map(builder => builder.finish(row));
      const struct = makeData({ type: new Struct(fields), length: row, nullCount: 0, children });
      ready.push(new RecordBatch(schema, struct));
      row = 0;
    };
    const width = layout.names.length;
    const sink: CsvSink = {
      field: (index, value) => {
        if (!header && index < width) builderAt[index]?.set(row, value);
      },
      record: (count, line) => {
        if (header) {
          header = false;
          return;
        }
        this.checkWidth(count, width, line);
        row++;
        if (row === batchSize) flush();
      },
    };
    for await (const _ of this.tokenize(sink)) {
      while (ready.length > 0) yield ready.shift() as RecordBatch;
    }
    if (row > 0) flush();
    while (ready.length > 0) yield ready.shift() as RecordBatch;
  }

  private inferLayout(): Promise<CsvLayout> {
    this.layout ??= this.readLayout();
    return this.layout;
  }

  private async readLayout(): Promise<CsvLayout> {
    const names: string[] = [];
    const votes: CsvTypeVote[] = [];
    let header = true;
    const sink: CsvSink = {
      field: (index, value) => {
        if (header) names.push(value);
        else if (value !== '' && index < votes.length) votes[index].add(value);
      },
      record: (count, line) => {
        if (header) {
          header = false;
          this.checkHeader(names);
          for (let i = 0; i < count; i++) votes.push(new CsvTypeVote());
          return;
        }
        this.checkWidth(count, names.length, line);
      },
    };
    for await (const _ of this.tokenize(sink)) {
      // the sink does the work
    }
    if (header) throw new InputError(`${this.path}: CSV file is empty; a header row is required`);
    const types = votes.map(vote => vote.type());
    const schema = new Schema(names.map((name, i) => new Field(name, arrowTypeOf(types[i]), true)));
    return { names, types, schema };
  }

  /** Streams the file through a tokenizer, yielding after each chunk so batches can be handed on. */
  private async *tokenize(sink: CsvSink): AsyncIterable<void> {
    const tokenizer = new CsvTokenizer(sink);
    const stream = createReadStream(this.path, { encoding: 'utf8', highWaterMark: 1 << 20 });
    try {
      for await (const chunk of stream) {
        tokenizer.push(chunk as string);
        yield;
      }
      tokenizer.end();
    } catch (error) {
      if (error instanceof InputError) throw error;
      const err = error as NodeJS.ErrnoException;
      const reason = err.code === 'ENOENT' ? 'no such file' : err.message;
      throw new InputError(`${this.path} is not a readable CSV file (${reason}); check the path and format`);
    } finally {
      stream.destroy();
    }
    yield;
  }

  private checkHeader(names: readonly string[]): void {
    const seen = new Set<string>();
    for (const name of names) {
      if (name === '') throw new InputError(`${this.path}: header row has an empty column name; name every column`);
      if (seen.has(name)) throw new InputError(`${this.path}: header row names column "${name}" twice; rename one`);
      seen.add(name);
    }
  }

  private checkWidth(count: number, width: number, line: number): void {
    if (count !== width) {
      throw new InputError(
        `${this.path}: line ${line} has ${count} fields, the header has ${width}; ` +
          'quote fields that contain commas or fix the row',
      );
    }
  }
}
