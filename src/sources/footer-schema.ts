/**
 * A Parquet file's Arrow schema from its footer alone, where an Arrow writer stored one: the
 * `ARROW:schema` key of the key-value metadata (base64 of an Arrow IPC Schema message), which
 * arrow-rs (parquet-wasm's writer), pyarrow and arrow-cpp write by default. parquet-wasm's reader
 * takes its types from the same hint (arrow-rs `parquet_to_arrow_schema`: the hint's types and
 * field metadata, nullability from the Parquet repetition), so the schema is the one it would give,
 * without loading parquet-wasm: compiling its 4.9 MB module took ~0.1 s of the calling thread before
 * any table was read, and ~0.3 s more of background threads tiering it up (perf, linear_model_mean
 * at 10M clients; bench/RESULTS.md, fifteenth session).
 *
 * Only where the hint cannot differ from what parquet-wasm would make of the file: every top-level
 * column flat, named as the hint's fields in the same order, and of a type stored as it is
 * (parquet-footer.ts storedAs: booleans, signed 32- and 64-bit integers, floats, dates, text and
 * binary, the types the native decoder reads). Any other file (no hint, nested columns, unsigned or
 * narrow integers, timestamps, decimals, dictionaries) gets its schema from parquet-wasm (null here).
 */
import { Field, MessageReader, Schema } from 'apache-arrow';
import { storedAs, type ParquetFooter } from './parquet-footer.js';

const ARROW_SCHEMA = 'ARROW:schema';

/** The file's Arrow schema as parquet-wasm would read it, or null when it must be asked (see the header). */
export function footerSchema(footer: ParquetFooter): Schema | null {
  const encoded = footer.keyValues.get(ARROW_SCHEMA);
  if (encoded === undefined) return null;
  let hint: Schema | undefined;
  try {
    hint = new MessageReader(Buffer.from(encoded, 'base64')).readSchema();
  } catch {
    return null;
  }
  const columns = [...footer.columns.values()];
  if (hint === undefined || hint.fields.length !== columns.length) return null;
  const fields: Field[] = [];
  for (const [k, column] of columns.entries()) {
    const field = hint.fields[k];
    if (field.name !== column.name || !column.flat || storedAs(field.type) !== column.physical) return null;
    fields.push(new Field(field.name, field.type, column.maxDefinition === 1, field.metadata));
  }
  // the footer's other keys, then the hint's own metadata where it adds a key (as arrow-rs merges them)
  const metadata = new Map([...footer.keyValues].filter(([key]) => key !== ARROW_SCHEMA));
  for (const [key, value] of hint.metadata) if (!metadata.has(key)) metadata.set(key, value);
  return new Schema(fields, metadata);
}
