/**
 * Piscina worker: runs one summary task (pretreatments and statistic) over shared columns; by the
 * name `group`, one branch and replicate range of a group of bootstrap_mean summaries.
 */
import { runBootstrapGroupTask } from '../src/engine/run-bootstrap-group.js';
import { runSummaryTask } from '../src/engine/run-summary-task.js';
import type { BootstrapGroupMemberResult, BootstrapGroupTask, SummaryTask, SummaryTaskResult } from '../src/pool/messages.js';

export default function summaryWorker(task: SummaryTask): SummaryTaskResult {
  return runSummaryTask(task);
}

export function group(task: BootstrapGroupTask): BootstrapGroupMemberResult[] {
  return runBootstrapGroupTask(task);
}
