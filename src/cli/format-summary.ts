/**
 * The one-screen summary printed at the end of a run: what was read, computed and written, the
 * problems (first few in full), the time and the peak memory.
 */
import type { RunAnalysisResult } from '../engine/run-analysis.js';

export function formatSummary(result: RunAnalysisResult, at: { readonly out: string; readonly seconds: number }): string {
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  const lines = [
    `contrail: ${result.rowsWritten} statistics rows from ${groupedThousands(result.rowsRead)} table rows`,
    `  summaries   ${result.summariesComputed} computed, ${result.summariesFailed} failed (${result.threads} threads)`,
    `  problems    ${result.errors} errors, ${result.warnings} warnings`,
  ];
  if (result.exactSummaries > 0) {
    lines.push(`  bootstrap   ${result.exactSummaries} summaries by the exact (Monte-Carlo-free) method; their num_samples is ignored`);
  }
  for (const [reason, count] of Object.entries(result.rowsDropped)) lines.push(`  dropped     ${count} rows where ${reason}`);
  for (const p of result.problems.filter((q) => q.level === 'ERROR').slice(0, 5)) {
    const where = [p.metric, p.statistic, p.analysisBasis, p.segment].filter((x) => x !== null).join(' / ');
    lines.push(`  ERROR ${where ? `[${where}] ` : ''}${p.message}`);
  }
  if (result.errors > 5) lines.push(`  ... ${result.errors - 5} more in the errors file`);
  lines.push(`  written     ${result.files.map((f) => `${at.out}/${f}`).join(', ')}`);
  lines.push(`  time        ${at.seconds.toFixed(2)} s, peak memory ${peakMiB.toFixed(0)} MiB`);
  return `${lines.join('\n')}\n`;
}

/**
 * A non-negative integer with commas between groups of three digits (12,345,678), as
 * `toLocaleString('en-US')` writes it: that call loads ICU's number formatting, 23-25 ms the first
 * time (`node -e`), at the end of every run (bench/RESULTS.md, nineteenth session).
 */
export function groupedThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
