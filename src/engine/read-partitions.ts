/**
 * Reads every distinct table of a window once, with the union of the columns its bases need, into
 * partitions (src/engine/partition.ts). Columns that are not numbers, segments that are not columns
 * and an exposures basis without exposure_date become error records through `locate`; only a table
 * without its branch column is fatal. `readWindowTables` adds the covariate columns of the
 * pre-enrollment tables, read at the same time: every footer first (planPartitionReads,
 * planCovariateReads), then every table at once, one of them on this thread (CallingThreadReads).
 */
import { availableParallelism } from 'node:os';
import type { AnalysisBasis } from '../results/statistic-row.js';
import type { Problem } from '../pool/messages.js';
import { InputError, type TableReader } from '../sources/table-reader.js';
import { isNumericType } from './arrow-decode.js';
import type { PartitionedTable, PartitionRequest } from './partition.js';
import { partitionTable, type PartitionTableOptions } from './partition-table.js';
import { attachCovariates, partitionCovariateReads, planCovariateReads, type CovariateNeed } from './attach-covariates.js';
import { CallingThreadReads } from './calling-thread-reads.js';
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

/** One distinct table of the window to read: its bases, its columns and its request. */
export interface PartitionRead {
  readonly reader: TableReader;
  readonly bases: AnalysisBasis[];
  readonly columns: Set<string>;
  readonly present: Set<string>;
  readonly segments: Set<string>;
  readonly request: PartitionRequest;
}

/** What the window reads: its summaries, bases, tables and segments. */
export interface WindowReadOptions {
  readonly planned: readonly PlannedSummary[];
  readonly bases: readonly AnalysisBasis[];
  readonly tables: BasisTables;
  readonly segments: readonly string[];
  readonly branchColumn: string;
  readonly batchSize?: number;
  readonly locate: (problem: Problem, at: Partial<Pick<LocatedProblem, 'metric' | 'statistic' | 'analysisBasis' | 'segment'>>) => void;
}

/**
 * The window's distinct tables and what to read of each, from their footers (their schemas), in
 * reader order; the problems of columns and segments go to `locate`.
 */
export async function planPartitionReads(options: WindowReadOptions): Promise<PartitionRead[]> {
  const { planned, bases, segments, branchColumn, locate } = options;
  const readers = new Map<TableReader, { bases: AnalysisBasis[] }>();
  for (const basis of bases) {
    const reader = options.tables[basis];
    if (reader === null) continue;
    const entry = readers.get(reader) ?? { bases: [] };
    entry.bases.push(basis);
    readers.set(reader, entry);
  }
  const reads: PartitionRead[] = [];
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
  return reads;
}

/** The planned tables read at once (src/engine/partition-table.ts) into each basis's partition. */
export async function partitionReads(
  reads: readonly PartitionRead[],
  options: PartitionTableOptions,
): Promise<{ partitions: Map<AnalysisBasis, BasisPartition>; rowsRead: number; rowsDropped: Record<string, number> }> {
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

/**
 * The window's partitions with their covariate columns attached: the analysis tables and the
 * pre-enrollment tables are read at the same time (src/engine/partition-table.ts), then joined. The
 * pre-enrollment tables are dropped when this returns (at 10M clients, ~0.4 GB each).
 */
export async function readWindowTables(
  options: WindowReadOptions & {
    readonly needs: ReadonlyMap<PlannedSummary, CovariateNeed>;
    /**
     * Called once, as soon as fewer tables are left to read than the machine has cores (at once when
     * they are fewer from the start): the summary pool's workers start then (SummaryPool.start), on a
     * core no read is using. Started with the window, the two workers' loading took ~0.2 CPU-seconds
     * from lmm 10M's two reads, one per core (perf); started so, lmm 10M was faster in 12 of 18
     * alternating runs, slower in 4 (bench/RESULTS.md, sixteenth session).
     */
    readonly onCoreFree?: () => void;
  },
): Promise<{
  partitions: Map<AnalysisBasis, BasisPartition>;
  rowsRead: number;
  rowsDropped: Record<string, number>;
  attached: Set<string>;
}> {
  // Every footer first: then only the tables' reads use parquet-wasm on this thread, one at a time,
  // so the one read here may borrow its batches (CallingThreadReads).
  const [reads, covariateReads] = await Promise.all([
    planPartitionReads(options),
    options.needs.size === 0
      ? []
      : planCovariateReads(options.needs, { openPre: options.tables.preenrollment ?? (async () => null), branchColumn: options.branchColumn }),
  ]);
  const here = new CallingThreadReads();
  const onRead = whenCoreFree(reads.length + covariateReads.length, availableParallelism(), options.onCoreFree ?? (() => {}));
  const [{ partitions, rowsRead, rowsDropped }, covariates] = await Promise.all([
    partitionReads(reads, { batchSize: options.batchSize, here, onRead }),
    partitionCovariateReads(covariateReads, { batchSize: options.batchSize, here, onRead }),
  ]);
  if (covariates.length === 0) return { partitions, rowsRead, rowsDropped, attached: new Set() };
  const distinct = [...new Set([...partitions.values()].map((p) => p.table))];
  const joined = attachCovariates(distinct, covariates);
  for (const [basis, entry] of partitions) {
    partitions.set(basis, { ...entry, table: joined.tables[distinct.indexOf(entry.table)] });
  }
  return { partitions, rowsRead, rowsDropped, attached: joined.attached };
}

/**
 * The `onRead` of `tables` reads on a machine of `cores` cores: calls onCoreFree once, as soon as
 * fewer tables are left to read than cores (at once when they are fewer from the start).
 */
export function whenCoreFree(tables: number, cores: number, onCoreFree: () => void): () => void {
  let left = tables;
  if (left < cores) onCoreFree();
  return () => {
    if (--left === cores - 1) onCoreFree();
  };
}
