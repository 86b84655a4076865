/**
 * Reads every distinct table of a window once, with the union of the columns its bases need, into
 * partitions (src/engine/partition.ts). Columns that are not numbers, segments that are not columns
 * and an exposures basis without exposure_date become error records through `locate`; only a table
 * without its branch column is fatal. `readWindowTables` adds the covariate columns of the
 * pre-enrollment tables, read at the same time.
 */
import type { AnalysisBasis } from '../results/statistic-row.js';
import type { Problem } from '../pool/messages.js';
import { InputError, type TableReader } from '../sources/table-reader.js';
import { isNumericType } from './arrow-decode.js';
import type { PartitionedTable, PartitionRequest } from './partition.js';
import { partitionTable } from './partition-table.js';
import { attachCovariates, readCovariateTables, type CovariateNeed } from './attach-covariates.js';
import type { PlannedSummary } from './plan.js';
import type { BasisTables, LocatedProblem } from './analyze-window.js';

export interface BasisPartition {
  readonly table: PartitionedTable;
  readonly reader: TableReader;
  /** Metric columns read (present and numeric). */
  readonly columns: Set<string>;
  /** Every column of the table. */
  readonly present: Set<string>;
  /** Configured segments that are columns of the table. */
  readonly segments: Set<string>;
}

export async function readPartitions(options: {
  readonly planned: readonly PlannedSummary[];
  readonly bases: readonly AnalysisBasis[];
  readonly tables: BasisTables;
  readonly segments: readonly string[];
  readonly branchColumn: string;
  readonly batchSize?: number;
  /** The window reads no other table (readsOneTable): the table is read on this thread (partitionTable). */
  readonly alone?: boolean;
  readonly locate: (problem: Problem, at: Partial<Pick<LocatedProblem, 'metric' | 'statistic' | 'analysisBasis' | 'segment'>>) => void;
}): Promise<{ partitions: Map<AnalysisBasis, BasisPartition>; rowsRead: number; rowsDropped: Record<string, number> }> {
  const { planned, bases, segments, branchColumn, locate } = options;
  const readers = new Map<TableReader, { bases: AnalysisBasis[] }>();
  for (const basis of bases) {
    const reader = options.tables[basis];
    if (reader === null) continue;
    const entry = readers.get(reader) ?? { bases: [] };
    entry.bases.push(basis);
    readers.set(reader, entry);
  }
  // The schemas and their problems first, in reader order (the footers only); then every table read
  // at once, each large local file on its own thread unless it is the only one (src/engine/partition-table.ts).
  const reads: { reader: TableReader; bases: AnalysisBasis[]; columns: Set<string>; present: Set<string>; segments: Set<string>; request: PartitionRequest }[] = [];
  for (const [reader, { bases: readerBases }] of readers) {
    const schema = await reader.schema();
    const present = new Set(schema.fields.map((f) => f.name));
    if (!present.has(branchColumn)) {
      throw new InputError(`${reader.description} has no branch column "${branchColumn}"; its columns are: ${[...present].join(', ')}; pass --branch-column`);
    }
    const wanted = new Set<string>();
    for (const p of planned) if (p.bases.some((b) => readerBases.includes(b))) for (const c of p.columns) wanted.add(c);
    const types = new Map(schema.fields.map((f) => [f.name, f.type]));
    const columns = new Set([...wanted].filter((c) => present.has(c) && isNumericType(types.get(c)!.typeId)));
    for (const c of wanted) {
      if (present.has(c) && !columns.has(c)) {
        locate(
          { level: 'ERROR', exceptionType: 'InputError', message: `column "${c}" of ${reader.description} holds ${String(types.get(c))} values, not numbers or booleans; every statistic of it is skipped (fix the column in the input or remove the metric from the config)` },
          { metric: c },
        );
      }
    }
    const presentSegments = new Set(segments.filter((s) => present.has(s)));
    for (const s of segments) {
      if (!presentSegments.has(s)) {
        locate(
          { level: 'ERROR', exceptionType: 'InputError', message: `segment "${s}" is not a column of ${reader.description}; its statistics are skipped (add the boolean column or remove the segment from [experiment] segments)` },
          { segment: s },
        );
      }
    }
    const needsExposure = readerBases.includes('exposures');
    if (needsExposure && !present.has('exposure_date')) {
      locate(
        { level: 'ERROR', exceptionType: 'InputError', message: `${reader.description} has no exposure_date column, so the exposures basis cannot be computed; set analysis_bases = ["enrollments"] on the metrics or provide an exposures table` },
        { analysisBasis: 'exposures' },
      );
    }
    reads.push({
      reader,
      bases: readerBases,
      columns,
      present,
      segments: presentSegments,
      request: {
        columns: [...columns],
        segments: [...presentSegments],
        branchColumn,
        enrollmentColumn: present.has('enrollment_date') ? 'enrollment_date' : null,
        exposureColumn: needsExposure && present.has('exposure_date') ? 'exposure_date' : null,
        keyColumn: present.has('analysis_id') ? 'analysis_id' : null,
        description: reader.description,
      },
    });
  }

  const tables = await Promise.all(reads.map((r) => partitionTable(r.reader, r.request, options)));
  const partitions = new Map<AnalysisBasis, BasisPartition>();
  let rowsRead = 0;
  const rowsDropped: Record<string, number> = {};
  reads.forEach(({ reader, bases: readerBases, columns, present, segments: presentSegments }, k) => {
    const table = tables[k];
    rowsRead += table.rowsRead;
    for (const [reason, count] of Object.entries(table.rowsDropped)) rowsDropped[reason] = (rowsDropped[reason] ?? 0) + count;
    for (const basis of readerBases) {
      if (basis === 'exposures' && !present.has('exposure_date')) continue;
      partitions.set(basis, { table, reader, columns, present, segments: presentSegments });
    }
  });

  return { partitions, rowsRead, rowsDropped };
}

/** Whether a window reads one table only: its bases' tables are one reader and it needs no covariate. */
export function readsOneTable(
  bases: readonly AnalysisBasis[],
  tables: Pick<BasisTables, AnalysisBasis>,
  needs: ReadonlyMap<PlannedSummary, CovariateNeed>,
): boolean {
  const readers = new Set(bases.map((basis) => tables[basis]).filter((reader) => reader !== null));
  return readers.size === 1 && needs.size === 0;
}

/**
 * The window's partitions with their covariate columns attached: the analysis tables and the
 * pre-enrollment tables are read at the same time (src/engine/partition-table.ts), then joined. The
 * pre-enrollment tables are dropped when this returns (at 10M clients, ~0.4 GB each).
 */
export async function readWindowTables(
  options: Parameters<typeof readPartitions>[0] & {
    readonly needs: ReadonlyMap<PlannedSummary, CovariateNeed>;
    /** Computes pooled orders of covariates (readCovariateTables), e.g. the summary pool's. */
    readonly pooledOrder?: (columns: readonly Float64Array[], signal: AbortSignal) => Promise<Float64Array>;
  },
): Promise<{
  partitions: Map<AnalysisBasis, BasisPartition>;
  rowsRead: number;
  rowsDropped: Record<string, number>;
  attached: Set<string>;
  /** Per analysis table, the pooled orders of its `_pre` columns (attachCovariates). */
  orders: Map<PartitionedTable, Map<string, Promise<Float64Array>>>;
}> {
  const alone = readsOneTable(options.bases, options.tables, options.needs);
  const [{ partitions, rowsRead, rowsDropped }, covariates] = await Promise.all([
    readPartitions({ ...options, alone }),
    options.needs.size === 0
      ? []
      : readCovariateTables(options.needs, {
          openPre: options.tables.preenrollment ?? (async () => null),
          branchColumn: options.branchColumn,
          batchSize: options.batchSize,
          pooledOrder: options.pooledOrder,
        }),
  ]);
  if (covariates.length === 0) return { partitions, rowsRead, rowsDropped, attached: new Set(), orders: new Map() };
  const distinct = [...new Set([...partitions.values()].map((p) => p.table))];
  const joined = attachCovariates(distinct, covariates);
  for (const [basis, entry] of partitions) {
    partitions.set(basis, { ...entry, table: joined.tables[distinct.indexOf(entry.table)] });
  }
  return { partitions, rowsRead, rowsDropped, attached: joined.attached, orders: joined.orders };
}
