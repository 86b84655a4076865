/**
 * Validates one Experimenter v8 experiment object and maps it to an `Experiment`, with errors that
 * name where the object came from, the field, the value and what is expected.
 *
 * Parity: jetstream `experimenter.ExperimentV6.from_dict(...).to_experiment()` (defaults `appName`
 * firefox_desktop, `appId` firefox-desktop, `isRollout` false, `isEnrollmentPaused` null -> false,
 * `outcomes` [{slug}] -> slugs, type "v6").
 */
import { isIsoDate, type IsoDate } from './dates.js';
import { experimentStatus, type BucketConfig, type Branch, type Experiment } from './experiment.js';

/** A malformed experiment definition: names the source, the field and the value. */
export class ExperimentDefinitionError extends Error {
  override name = 'ExperimentDefinitionError';
}

type Json = Record<string, unknown>;

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Maps one Experimenter object. `where` names its origin (`experiments.json[3]`) for errors; `asOf`
 * is the day the Live/Complete status is judged against (see `experimentStatus`).
 */
export function parseExperiment(raw: unknown, where: string, asOf: IsoDate): Experiment {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ExperimentDefinitionError(`${where}: an experiment must be a JSON object, got ${show(raw)}`);
  }
  const obj = raw as Json;
  if (typeof obj.slug !== 'string' || obj.slug === '') {
    throw new ExperimentDefinitionError(`${where}: slug must be a non-empty string, got ${show(obj.slug)}`);
  }
  const at = `${where} (slug "${obj.slug}")`;
  const fail = (field: string, expected: string): never => {
    throw new ExperimentDefinitionError(`${at}: ${field} must be ${expected}, got ${show(obj[field])}`);
  };

  const date = (field: string): IsoDate | null => {
    const value = obj[field];
    if (value === null || value === undefined) return null;
    // Experimenter's API gives YYYY-MM-DD; the Nimbus schema declares date-time: keep the UTC day.
    if (typeof value === 'string') {
      const text: string = value;
      if (isIsoDate(text)) return text;
      if (/^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text))) {
        return new Date(Date.parse(text)).toISOString().slice(0, 10);
      }
    }
    return fail(field, 'a YYYY-MM-DD date or null');
  };
  const optionalString = (field: string, fallback: string): string => {
    const value = obj[field];
    if (value === null || value === undefined) return fallback;
    return typeof value === 'string' && value !== '' ? value : fail(field, 'a non-empty string or null');
  };
  const optionalBoolean = (field: string): boolean => {
    const value = obj[field];
    if (value === null || value === undefined) return false;
    return typeof value === 'boolean' ? value : fail(field, 'true, false or null');
  };

  if (!Array.isArray(obj.branches)) fail('branches', 'an array of {slug, ratio}');
  const branches: Branch[] = (obj.branches as unknown[]).map((b, i) => {
    const branch = b as Json | null;
    if (branch === null || typeof branch !== 'object' || typeof branch.slug !== 'string' || branch.slug === '') {
      throw new ExperimentDefinitionError(`${at}: branches[${i}].slug must be a non-empty string, got ${show(branch?.slug ?? b)}`);
    }
    const ratio = branch.ratio ?? 1;
    if (typeof ratio !== 'number' || !Number.isFinite(ratio) || ratio < 0) {
      throw new ExperimentDefinitionError(`${at}: branches[${i}].ratio must be a non-negative number, got ${show(branch.ratio)}`);
    }
    return { slug: branch.slug, ratio };
  });
  const seen = new Set<string>();
  for (const b of branches) {
    if (seen.has(b.slug)) throw new ExperimentDefinitionError(`${at}: branches: duplicate branch slug "${b.slug}"`);
    seen.add(b.slug);
  }

  const proposed = obj.proposedEnrollment;
  if (proposed !== null && proposed !== undefined && (typeof proposed !== 'number' || !Number.isInteger(proposed) || proposed < 0)) {
    fail('proposedEnrollment', 'a non-negative integer or null');
  }

  const referenceBranch = obj.referenceBranch === undefined || obj.referenceBranch === null ? null : obj.referenceBranch;
  if (referenceBranch !== null && typeof referenceBranch !== 'string') fail('referenceBranch', 'a branch slug or null');
  if (typeof referenceBranch === 'string' && !seen.has(referenceBranch)) {
    throw new ExperimentDefinitionError(
      `${at}: referenceBranch "${referenceBranch}" is not one of its branches (${[...seen].join(', ')})`,
    );
  }

  const outcomes = parseSlugList(obj.outcomes, 'outcomes', at);
  const segments = parseSlugList(obj.segments, 'segments', at);

  let bucketConfig: BucketConfig | undefined;
  if (obj.bucketConfig !== undefined && obj.bucketConfig !== null) {
    if (typeof obj.bucketConfig !== 'object' || Array.isArray(obj.bucketConfig)) fail('bucketConfig', 'an object');
    const bc = obj.bucketConfig as Json;
    bucketConfig = {
      randomizationUnit: typeof bc.randomizationUnit === 'string' ? bc.randomizationUnit : undefined,
      namespace: typeof bc.namespace === 'string' ? bc.namespace : undefined,
      start: typeof bc.start === 'number' ? bc.start : undefined,
      count: typeof bc.count === 'number' ? bc.count : undefined,
      total: typeof bc.total === 'number' ? bc.total : undefined,
    };
  }

  const endDate = date('endDate');
  const experiment: Experiment = {
    slug: obj.slug,
    type: 'v6',
    branches,
    startDate: date('startDate'),
    endDate,
    proposedEnrollment: (proposed as number | null | undefined) ?? 0,
    enrollmentEndDate: date('enrollmentEndDate'),
    referenceBranch: referenceBranch as string | null,
    appName: optionalString('appName', 'firefox_desktop'),
    appId: optionalString('appId', 'firefox-desktop'),
    outcomes,
    segments,
    isEnrollmentPaused: optionalBoolean('isEnrollmentPaused'),
    isRollout: optionalBoolean('isRollout'),
    isHighPopulation: false,
    status: experimentStatus(endDate, asOf),
  };
  if (obj.isPrivate !== undefined && obj.isPrivate !== null) {
    return { ...experiment, isPrivate: optionalBoolean('isPrivate'), ...(bucketConfig ? { bucketConfig } : {}) };
  }
  return bucketConfig ? { ...experiment, bucketConfig } : experiment;
}

/** `[{slug}]` or `["slug"]` to slugs; null or absent is empty. */
function parseSlugList(value: unknown, field: string, at: string): string[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw new ExperimentDefinitionError(`${at}: ${field} must be an array of {slug} or strings, got ${show(value)}`);
  return value.map((item, i) => {
    if (typeof item === 'string' && item !== '') return item;
    const slug = (item as Json | null)?.slug;
    if (typeof slug === 'string' && slug !== '') return slug;
    throw new ExperimentDefinitionError(`${at}: ${field}[${i}] must be a slug or {slug}, got ${show(item)}`);
  });
}
