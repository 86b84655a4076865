/**
 * The configured branches of an experiment, for the sample ratio mismatch check and the default
 * reference: `branches[].{slug, ratio}` and `referenceBranch` of an Experimenter v8 JSON object
 * (only those fields are read; a missing ratio counts 1, as Experimenter's default).
 *
 * Parity: the branch fields of jetstream `ExperimentV6.from_dict` (see src/experiment/parse-experiment.ts).
 */
import { readFile } from 'node:fs/promises';

/** Configured branches with their ratios, in the experiment's order, and its reference branch. */
export interface BranchPlan {
  readonly branches: { branch: string; ratio: number }[];
  readonly referenceBranch: string | null;
}

/** Reads an Experimenter v8 JSON file (an object, or an array of one). */
export async function readBranchPlan(path: string): Promise<BranchPlan> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new RangeError(`report: cannot read the experiment definition ${path}: ${(error as Error).message}; pass an Experimenter v8 JSON file`);
  }
  return branchPlan(raw, path);
}

/** Validates and maps an already parsed object; `where` names it in errors. */
export function branchPlan(raw: unknown, where: string): BranchPlan {
  const obj = (Array.isArray(raw) && raw.length === 1 ? raw[0] : raw) as Record<string, unknown> | null;
  if (obj === null || typeof obj !== 'object' || !Array.isArray(obj.branches) || obj.branches.length === 0) {
    throw new RangeError(`report: ${where} must be an Experimenter v8 experiment with a non-empty branches array, got ${JSON.stringify(raw)?.slice(0, 80)}`);
  }
  const branches = obj.branches.map((b: unknown, i: number) => {
    const branch = b as Record<string, unknown> | null;
    if (branch === null || typeof branch !== 'object' || typeof branch.slug !== 'string' || branch.slug === '') {
      throw new RangeError(`report: ${where} branches[${i}].slug must be a non-empty string, got ${JSON.stringify(b)}`);
    }
    const ratio = branch.ratio ?? 1;
    if (typeof ratio !== 'number' || !Number.isFinite(ratio) || ratio < 0) {
      throw new RangeError(`report: ${where} branches[${i}].ratio must be a non-negative number, got ${JSON.stringify(branch.ratio)}`);
    }
    return { branch: branch.slug, ratio };
  });
  const reference = typeof obj.referenceBranch === 'string' ? obj.referenceBranch : null;
  return { branches, referenceBranch: reference };
}
