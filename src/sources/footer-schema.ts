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
 * column flat, named as the hint's fields in the same order, and of a type stored as it is (booleans,
 * integers, dates, timestamps, floats, text and binary). Any other file (no hint, nested columns,
 * decimals, dictionaries, INT96 timestamps) gets its schema from parquet-wasm (null here).
 */
import { DateUnit, Field, MessageReader, Precision, Schema, Type, type DataType, type Date_, type Float, type Int } from 'apache-arrow';
import type { ParquetFooter } from './parquet-footer.js';

const ARROW_SCHEMA = 'ARROW:schema';

/** Parquet physical types (parquet.thrift Type). */
const BOOLEAN = 0;
const INT32 = 1;
const INT64 = 2;
const FLOAT = 4;
const DOUBLE = 5;
const BYTE_ARRAY = 6;

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
    if (field.name !== column.name || !column.flat || column.leaf < 0 || !storedAsIs(field.type, column.physical)) return null;
    fields.push(new Field(field.name, field.type, column.maxDefinition === 1, field.metadata));
  }
  // the footer's other keys, then the hint's own metadata where it adds a key (as arrow-rs merges them)
  const metadata = new Map([...footer.keyValues].filter(([key]) => key !== ARROW_SCHEMA));
  for (const [key, value] of hint.metadata) if (!metadata.has(key)) metadata.set(key, value);
  return new Schema(fields, metadata);
}

/** Whether Arrow type `type` is a column of Parquet physical type `physical` read as it is. */
function storedAsIs(type: DataType, physical: number): boolean {
  switch (type.typeId as Type) {
    case Type.Bool:
      return physical === BOOLEAN;
    case Type.Int:
      return (type as Int).bitWidth === 64 ? physical === INT64 : physical === INT32;
    case Type.Date:
      return (type as Date_).unit === DateUnit.DAY && physical === INT32;
    case Type.Timestamp:
      return physical === INT64;
    case Type.Float:
      if ((type as Float).precision === Precision.SINGLE) return physical === FLOAT;
      return (type as Float).precision === Precision.DOUBLE && physical === DOUBLE;
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Binary:
    case Type.LargeBinary:
      return physical === BYTE_ARRAY;
    default:
      return false;
  }
}
