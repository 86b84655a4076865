/**
 * Piscina worker: reads and partitions one local table file (src/engine/partition-table.ts). Each
 * table gets a pool of one thread that is destroyed once the partition (SharedArrayBuffers, shared
 * by reference) is posted, freeing all else the thread used.
 */
import { partitionFile, type PartitionJob, type PartitionJobResult } from '../src/engine/partition-table.js';

export default function tableReader(job: PartitionJob): Promise<PartitionJobResult> {
  return partitionFile(job);
}
