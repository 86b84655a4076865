/**
 * Reads Experimenter v8 experiment definitions from a JSON file (one object or an array), a
 * directory of `.json` files (sorted by name), or an http(s) URL (the Experimenter API's
 * `/api/v8/experiments/` answers an array).
 *
 * Parity: jetstream `ExperimentCollection.from_experimenter` (Nimbus part). Jetstream logs and skips
 * an experiment that does not parse; a local definition is input the user wrote, so here it is an
 * error naming the file and field.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { utcDay, type IsoDate } from './dates.js';
import type { Experiment } from './experiment.js';
import { ExperimentDefinitionError, parseExperiment } from './parse-experiment.js';

/** Options of `readExperiments`. */
export interface ReadExperimentsOptions {
  /** Day the Live/Complete status is judged against; default the current UTC day (Jetstream's `now()`). */
  readonly asOf?: IsoDate;
  /** Injected for tests; default the global `fetch`. */
  readonly fetch?: typeof fetch;
}

/** Every experiment in `source`; rejects with an `ExperimentDefinitionError` naming file and field. */
export async function readExperiments(source: string, options: ReadExperimentsOptions = {}): Promise<Experiment[]> {
  const asOf = options.asOf ?? utcDay(new Date());
  if (/^https?:\/\//i.test(source)) {
    const doFetch = options.fetch ?? fetch;
    let response: Response;
    try {
      response = await doFetch(source, { headers: { accept: 'application/json', 'user-agent': 'contrail' } });
    } catch (e) {
      throw new ExperimentDefinitionError(`experiments ${source}: request failed (${(e as Error).message}); check the URL and the network`);
    }
    if (!response.ok) {
      throw new ExperimentDefinitionError(`experiments ${source}: HTTP ${response.status} ${response.statusText}; check the URL`);
    }
    const text = await response.text();
    return fromText(text, source, asOf);
  }
  let info;
  try {
    info = await stat(source);
  } catch {
    throw new ExperimentDefinitionError(`experiments ${source}: no such file or directory; pass a .json file, a directory of them or an http(s) URL`);
  }
  if (info.isDirectory()) {
    const names = (await readdir(source)).filter((n) => n.toLowerCase().endsWith('.json')).sort();
    const all: Experiment[] = [];
    for (const name of names) {
      const path = join(source, name);
      all.push(...fromText(await readFile(path, 'utf8'), path, asOf));
    }
    return assertUniqueSlugs(all, source);
  }
  return fromText(await readFile(source, 'utf8'), source, asOf);
}

function fromText(text: string, origin: string, asOf: IsoDate): Experiment[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ExperimentDefinitionError(`${origin}: not valid JSON (${(e as Error).message})`);
  }
  const list = Array.isArray(parsed)
    ? parsed.map((item, i) => parseExperiment(item, `${origin}[${i}]`, asOf))
    : [parseExperiment(parsed, origin, asOf)];
  return assertUniqueSlugs(list, origin);
}

function assertUniqueSlugs(list: Experiment[], origin: string): Experiment[] {
  const seen = new Set<string>();
  for (const e of list) {
    if (seen.has(e.slug)) throw new ExperimentDefinitionError(`${origin}: experiment slug "${e.slug}" is defined twice; keep one definition`);
    seen.add(e.slug);
  }
  return list;
}
