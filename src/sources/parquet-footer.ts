/**
 * The parts of a Parquet footer (FileMetaData, Thrift compact) that locate a column's pages: each
 * top-level column's physical type and whether it is flat (required or optional, not nested or
 * repeated), and per row group its rows and each column chunk's byte range, codec, encodings and value
 * count; and the file's row count and key-value metadata, where Arrow writers store the Arrow schema
 * (src/sources/footer-schema.ts). The native page decoder reads chunks from it
 * (src/sources/native-parquet.ts). Reference: parquet-format's parquet.thrift (FileMetaData,
 * SchemaElement, RowGroup, ColumnChunk, ColumnMetaData, KeyValue).
 */
import { DateUnit, Precision, Type, type Field } from 'apache-arrow';
import { CompactReader, CompactType, ThriftError } from './thrift-compact.js';
import type { FileRange } from './file-ranges.js';

/** Parquet physical types (parquet.thrift Type) of the columns read as they are. */
export const BOOLEAN = 0;
export const INT32 = 1;
export const INT64 = 2;
export const FLOAT = 4;
export const DOUBLE = 5;
export const BYTE_ARRAY = 6;

/**
 * The physical type an Arrow type is stored as, unchanged (Bool, signed Int32 and Int64, Float32 and
 * Float64, Date32, Utf8, Binary), or -1: what the native decoder reads (native-parquet.ts) and what a
 * footer's Arrow schema is taken for (footer-schema.ts).
 */
export function storedAs(type: Field['type']): number {
  switch (type.typeId as Type) {
    case Type.Bool:
      return BOOLEAN;
    case Type.Int:
      return !type.isSigned ? -1 : type.bitWidth === 32 ? INT32 : type.bitWidth === 64 ? INT64 : -1;
    case Type.Float:
      return type.precision === Precision.SINGLE ? FLOAT : type.precision === Precision.DOUBLE ? DOUBLE : -1;
    case Type.Date:
      return type.unit === DateUnit.DAY ? INT32 : -1;
    case Type.Utf8:
    case Type.Binary:
      return BYTE_ARRAY;
    default:
      return -1;
  }
}

/** A top-level column: its leaf index in each row group's chunk list, when it is one leaf. */
export interface FooterColumn {
  readonly name: string;
  /** Its leaf's index in every row group's chunks (-1: a group of several leaves). */
  readonly leaf: number;
  /** Parquet physical type (0 BOOLEAN, 1 INT32, 2 INT64, 3 INT96, 4 FLOAT, 5 DOUBLE, 6 BYTE_ARRAY, 7 FIXED). */
  readonly physical: number;
  /** The maximum definition level: 0 for a required column, 1 for an optional one. */
  readonly maxDefinition: 0 | 1;
  /** One leaf, required or optional: no repetition, no nesting. */
  readonly flat: boolean;
}

export interface ColumnChunkLocation {
  /** The chunk's first byte (its dictionary page, else its first data page) and its length. */
  readonly start: number;
  readonly length: number;
  /** Parquet compression codec (0 UNCOMPRESSED, 1 SNAPPY, ...). */
  readonly codec: number;
  /** Every encoding its pages use (values and levels). */
  readonly encodings: readonly number[];
  /** Whether the chunk is in another file (ColumnChunk.file_path) or encrypted. */
  readonly elsewhere: boolean;
}

export interface RowGroupLocation {
  readonly rows: number;
  readonly chunks: readonly ColumnChunkLocation[];
}

export interface ParquetFooter {
  /** Top-level columns by name, in the file's order. */
  readonly columns: ReadonlyMap<string, FooterColumn>;
  readonly rowGroups: readonly RowGroupLocation[];
  /** FileMetaData.num_rows. */
  readonly rowCount: number;
  /** FileMetaData.key_value_metadata (a key without a value maps to ''). */
  readonly keyValues: ReadonlyMap<string, string>;
}

interface SchemaElement {
  type: number;
  repetition: number;
  name: string;
  children: number;
}

const REQUIRED = 0;
const OPTIONAL = 1;

/** Parses a FileMetaData (the footer's bytes, without its length and magic). Throws ThriftError. */
export function parseFooter(bytes: Uint8Array): ParquetFooter {
  const reader = new CompactReader(bytes);
  let schema: SchemaElement[] = [];
  let rowGroups: RowGroupLocation[] = [];
  let rowCount = 0;
  const keyValues = new Map<string, string>();
  reader.struct((id, type) => {
    if (id === 2 && type === CompactType.List) schema = reader.list(() => schemaElement(reader));
    else if (id === 3 && type === CompactType.I64) rowCount = reader.integer();
    else if (id === 4 && type === CompactType.List) rowGroups = reader.list(() => rowGroup(reader));
    else if (id === 5 && type === CompactType.List) for (const [key, value] of reader.list(() => keyValue(reader))) keyValues.set(key, value);
    else reader.skip(type);
  });
  return { columns: topLevelColumns(schema), rowGroups, rowCount, keyValues };
}

function keyValue(reader: CompactReader): [string, string] {
  let key = '';
  let value = '';
  reader.struct((id, type) => {
    if (id === 1 && type === CompactType.Binary) key = reader.string();
    else if (id === 2 && type === CompactType.Binary) value = reader.string();
    else reader.skip(type);
  });
  return [key, value];
}

function schemaElement(reader: CompactReader): SchemaElement {
  const element: SchemaElement = { type: -1, repetition: REQUIRED, name: '', children: 0 };
  reader.struct((id, type) => {
    if (id === 1 && type === CompactType.I32) element.type = reader.integer();
    else if (id === 3 && type === CompactType.I32) element.repetition = reader.integer();
    else if (id === 4 && type === CompactType.Binary) element.name = reader.string();
    else if (id === 5 && type === CompactType.I32) element.children = reader.integer();
    else reader.skip(type);
  });
  return element;
}

/** The root's children, each with the leaves under it (depth-first, the order of a row group's chunks). */
function topLevelColumns(schema: readonly SchemaElement[]): Map<string, FooterColumn> {
  const columns = new Map<string, FooterColumn>();
  let at = 1;
  let leaf = 0;
  const rootChildren = schema.length > 0 ? schema[0].children : 0;
  for (let c = 0; c < rootChildren && at < schema.length; c++) {
    const top = schema[at];
    // the elements under `top`, depth-first: count its leaves and skip them
    let pending = 1;
    let leaves = 0;
    while (pending > 0 && at < schema.length) {
      const element = schema[at++];
      pending--;
      if (element.children > 0) pending += element.children;
      else leaves++;
    }
    const flat = top.children === 0 && (top.repetition === REQUIRED || top.repetition === OPTIONAL);
    columns.set(top.name, {
      name: top.name,
      leaf: leaves === 1 ? leaf : -1,
      physical: top.type,
      maxDefinition: top.repetition === OPTIONAL ? 1 : 0,
      flat,
    });
    leaf += leaves;
  }
  return columns;
}

function rowGroup(reader: CompactReader): RowGroupLocation {
  let rows = 0;
  let chunks: ColumnChunkLocation[] = [];
  reader.struct((id, type) => {
    if (id === 1 && type === CompactType.List) chunks = reader.list(() => columnChunk(reader));
    else if (id === 3 && type === CompactType.I64) rows = reader.integer();
    else reader.skip(type);
  });
  return { rows, chunks };
}

function columnChunk(reader: CompactReader): ColumnChunkLocation {
  let elsewhere = false;
  let codec = -1;
  let encodings: number[] = [];
  let length = 0;
  let dataPage = -1;
  let dictionaryPage = -1;
  reader.struct((id, type) => {
    if (id === 1 && type === CompactType.Binary) elsewhere = reader.binary().length > 0 || elsewhere;
    else if ((id === 8 || id === 9) && type !== CompactType.Stop) {
      elsewhere = true;
      reader.skip(type);
    } else if (id === 3 && type === CompactType.Struct) {
      reader.struct((field, t) => {
        if (field === 2 && t === CompactType.List) encodings = reader.list(() => reader.integer());
        else if (field === 4 && t === CompactType.I32) codec = reader.integer();
        else if (field === 7 && t === CompactType.I64) length = reader.integer();
        else if (field === 9 && t === CompactType.I64) dataPage = reader.integer();
        else if (field === 11 && t === CompactType.I64) dictionaryPage = reader.integer();
        else reader.skip(t);
      });
    } else reader.skip(type);
  });
  // Some writers record a dictionary page offset of 0 for none; a chunk starts at its first page.
  const start = dictionaryPage > 0 && dictionaryPage < dataPage ? dictionaryPage : dataPage;
  return { start, length, codec, encodings, elsewhere };
}

/** Reads and parses the footer of the Parquet file `file` (its last 8 bytes: length, "PAR1"). */
export async function readFooter(file: FileRange): Promise<ParquetFooter> {
  const tail = new Uint8Array(8);
  if (file.size < 12) throw new ThriftError(`a file of ${file.size} bytes is too short for Parquet`);
  await file.slice(file.size - 8).readInto(tail);
  const length = new DataView(tail.buffer).getUint32(0, true);
  if (new TextDecoder().decode(tail.subarray(4)) !== 'PAR1') throw new ThriftError('the file does not end with the Parquet magic PAR1');
  if (length > file.size - 12) throw new ThriftError(`a footer of ${length} bytes in a file of ${file.size}`);
  const bytes = new Uint8Array(length);
  await file.slice(file.size - 8 - length, file.size - 8).readInto(bytes);
  return parseFooter(bytes);
}
