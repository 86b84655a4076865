/**
 * One line naming the machine a benchmark ran on: the CPU's model, its x86 family and model numbers
 * and the vector extensions the bootstrap kernels choose between (src/kernels/native-kernel.ts),
 * the cores and Node's version. Machines of one kind differ: on 2026-12-07 the same kind was an
 * AMD EPYC of family 26 (AVX-512) in the morning's session and of family 23 model 1 (AVX2 only) in
 * the afternoon's, where bootstrap_mean at 1M took 7.2 s against 2.7 s (bench/RESULTS.md); numbers
 * without this line do not compare.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';

/** The first processor's fields of Linux's /proc/cpuinfo text (name -> value). */
function firstProcessor(cpuinfo: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of cpuinfo.split('\n')) {
    if (line.trim() === '') {
      if (fields.size > 0) break;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
  }
  return fields;
}

/** "x86 family 23 model 1; AVX2, no AVX-512F" from /proc/cpuinfo text, or '' without those fields. */
export function cpuDetails(cpuinfo: string): string {
  const fields = firstProcessor(cpuinfo);
  const family = fields.get('cpu family');
  const model = fields.get('model');
  const flags = new Set((fields.get('flags') ?? '').split(/\s+/));
  if (family === undefined || model === undefined) return '';
  const vectors = flags.has('avx512f') ? 'AVX-512F' : flags.has('avx2') ? 'AVX2, no AVX-512F' : 'neither AVX2 nor AVX-512F';
  return `x86 family ${family} model ${model}; ${vectors}`;
}

/** This machine in one line, e.g. "AMD EPYC (x86 family 23 model 1; AVX2, no AVX-512F), 2 cores, Node v20.20.2". */
export function describeMachine(): string {
  let details = '';
  try {
    details = cpuDetails(readFileSync('/proc/cpuinfo', 'utf8'));
  } catch {
    // not Linux: the model name alone
  }
  const name = cpus()[0]?.model.trim() || 'unknown CPU';
  return `${name}${details === '' ? '' : ` (${details})`}, ${availableParallelism()} cores, Node ${process.version}`;
}
