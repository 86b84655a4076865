/**
 * Piscina worker: runs one summary task (pretreatments and statistic) over shared columns.
 */
import { runSummaryTask } from '../src/engine/run-summary-task.js';
import type { SummaryTask, SummaryTaskResult } from '../src/pool/messages.js';

export default function summaryWorker(task: SummaryTask): SummaryTaskResult {
  return runSummaryTask(task);
}
