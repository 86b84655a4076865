import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { readExperiments } from '../../src/experiment/read-experiments.js';
import { ExperimentDefinitionError, parseExperiment } from '../../src/experiment/parse-experiment.js';
import { sharedData } from '../support/shared-data.js';
import { tempDir } from '../support/temp-dir.js';

/** An Experimenter v8 API record (fields Jetstream's ExperimentV6 reads). */
const v8 = {
  slug: 'my-exp',
  branches: [
    { slug: 'control', ratio: 1 },
    { slug: 'treatment', ratio: 1 },
  ],
  startDate: '2024-01-01',
  endDate: '2024-02-01',
  proposedEnrollment: 7,
  bucketConfig: { randomizationUnit: 'normandy_id', namespace: 'ns', start: 0, count: 100, total: 10000 },
  referenceBranch: 'control',
  appName: 'fenix',
  appId: 'org.mozilla.firefox',
  outcomes: [{ slug: 'default-browser' }],
  enrollmentEndDate: '2024-01-08',
  isEnrollmentPaused: true,
  isRollout: false,
};

/** A record the published NimbusExperiment_v1.0.json schema accepts (no appName: it is not in that schema). */
const nimbus = {
  schemaVersion: '1.0.0',
  slug: 'nimbus-exp',
  id: 'nimbus-exp',
  application: 'firefox-desktop',
  userFacingName: 'Nimbus exp',
  userFacingDescription: 'A test',
  isEnrollmentPaused: false,
  bucketConfig: { randomizationUnit: 'normandy_id', namespace: 'ns', start: 0, count: 100, total: 10000 },
  probeSets: [],
  branches: [
    { slug: 'a', ratio: 1 },
    { slug: 'b', ratio: 2 },
  ],
  startDate: '2024-03-01T00:00:00Z',
  endDate: null,
  proposedEnrollment: 14,
  referenceBranch: 'a',
};

let dir: string;
beforeAll(async () => {
  dir = tempDir('experiments');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('parseExperiment (jetstream ExperimentV6.to_experiment)', () => {
  it('maps the v8 fields', () => {
    expect(parseExperiment(v8, 'x.json', '2024-01-15')).toEqual({
      slug: 'my-exp',
      type: 'v6',
      branches: v8.branches,
      startDate: '2024-01-01',
      endDate: '2024-02-01',
      proposedEnrollment: 7,
      enrollmentEndDate: '2024-01-08',
      referenceBranch: 'control',
      appName: 'fenix',
      appId: 'org.mozilla.firefox',
      outcomes: ['default-browser'],
      segments: [],
      isEnrollmentPaused: true,
      isRollout: false,
      isHighPopulation: false,
      status: 'Live',
      bucketConfig: v8.bucketConfig,
    });
  });

  it('status: Live until the end date, Complete from it', () => {
    expect(parseExperiment(v8, 'x', '2024-01-31').status).toBe('Live');
    expect(parseExperiment(v8, 'x', '2024-02-01').status).toBe('Complete');
    expect(parseExperiment({ ...v8, endDate: null }, 'x', '2030-01-01').status).toBe('Live');
  });

  it('applies Jetstream defaults for absent fields', () => {
    const { appName, appId, isRollout, isEnrollmentPaused, outcomes, enrollmentEndDate, ...bare } = v8;
    const exp = parseExperiment({ ...bare, proposedEnrollment: null }, 'x', '2024-01-15');
    expect(exp).toMatchObject({
      appName: 'firefox_desktop',
      appId: 'firefox-desktop',
      isRollout: false,
      isEnrollmentPaused: false,
      outcomes: [],
      enrollmentEndDate: null,
      proposedEnrollment: 0,
    });
  });

  it('names the source, slug, field and value in errors', () => {
    expect(() => parseExperiment({ ...v8, startDate: '2024-13-01' }, 'exps.json[2]', '2024-01-01')).toThrow(
      'exps.json[2] (slug "my-exp"): startDate must be a YYYY-MM-DD date or null, got "2024-13-01"',
    );
    expect(() => parseExperiment({ ...v8, slug: 3 }, 'exps.json', '2024-01-01')).toThrow('exps.json: slug must be a non-empty string, got 3');
    expect(() => parseExperiment({ ...v8, branches: [{ ratio: 1 }] }, 'f', '2024-01-01')).toThrow(/branches\[0\]\.slug must be a non-empty string/);
    expect(() => parseExperiment({ ...v8, referenceBranch: 'ctrl' }, 'f', '2024-01-01')).toThrow(
      'f (slug "my-exp"): referenceBranch "ctrl" is not one of its branches (control, treatment)',
    );
    expect(() => parseExperiment({ ...v8, proposedEnrollment: 1.5 }, 'f', '2024-01-01')).toThrow(/proposedEnrollment must be a non-negative integer or null, got 1.5/);
    expect(() => parseExperiment({ ...v8, isRollout: 'yes' }, 'f', '2024-01-01')).toThrow(/isRollout must be true, false or null, got "yes"/);
    expect(() => parseExperiment([v8], 'f', '2024-01-01')).toThrow(ExperimentDefinitionError);
  });
});

describe('readExperiments', () => {
  it('reads a file holding one object', async () => {
    const path = join(dir, 'one.json');
    await writeFile(path, JSON.stringify(v8));
    const list = await readExperiments(path, { asOf: '2024-01-15' });
    expect(list.map((e) => e.slug)).toEqual(['my-exp']);
  });

  it('reads a file the NimbusExperiment schema accepts (date-time start date)', async () => {
    const schema = JSON.parse(await readFile(sharedData('jetstream', 'NimbusExperiment_v1.0.json'), 'utf8'));
    const validate = new Ajv({ strict: false, validateFormats: false }).compile(schema);
    expect(validate(nimbus)).toBe(true);
    const path = join(dir, 'nimbus.json');
    await writeFile(path, JSON.stringify(nimbus));
    const [exp] = await readExperiments(path, { asOf: '2024-03-20' });
    expect(exp).toMatchObject({
      slug: 'nimbus-exp',
      startDate: '2024-03-01',
      endDate: null,
      proposedEnrollment: 14,
      isEnrollmentPaused: false,
      appName: 'firefox_desktop',
      status: 'Live',
      branches: [
        { slug: 'a', ratio: 1 },
        { slug: 'b', ratio: 2 },
      ],
    });
  });

  it('reads an array and a directory of .json files in name order', async () => {
    const sub = join(dir, 'many');
    await mkdir(sub);
    await writeFile(join(sub, 'b.json'), JSON.stringify([{ ...v8, slug: 'b1' }, { ...v8, slug: 'b2' }]));
    await writeFile(join(sub, 'a.json'), JSON.stringify({ ...v8, slug: 'a1' }));
    await writeFile(join(sub, 'notes.txt'), 'ignored');
    const list = await readExperiments(sub, { asOf: '2024-01-15' });
    expect(list.map((e) => e.slug)).toEqual(['a1', 'b1', 'b2']);
  });

  it('rejects duplicates, bad JSON and missing paths with the file named', async () => {
    const dup = join(dir, 'dup.json');
    await writeFile(dup, JSON.stringify([v8, v8]));
    await expect(readExperiments(dup)).rejects.toThrow(`${dup}: experiment slug "my-exp" is defined twice; keep one definition`);
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"slug": ');
    await expect(readExperiments(bad)).rejects.toThrow(new RegExp(`${bad}: not valid JSON`));
    const arr = join(dir, 'arr.json');
    await writeFile(arr, JSON.stringify([v8, { ...v8, slug: 'x', endDate: 'soon' }]));
    await expect(readExperiments(arr)).rejects.toThrow(`${arr}[1] (slug "x"): endDate must be a YYYY-MM-DD date or null, got "soon"`);
    await expect(readExperiments(join(dir, 'nope.json'))).rejects.toThrow(/no such file or directory; pass a .json file/);
  });

  describe('over http', () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      server = createServer((req, res) => {
        if (req.url === '/api/v8/experiments/') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify([v8, { ...v8, slug: 'other' }]));
        } else {
          res.writeHead(404);
          res.end();
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('fetches an array from a URL', async () => {
      const list = await readExperiments(`${base}/api/v8/experiments/`, { asOf: '2024-03-01' });
      expect(list.map((e) => [e.slug, e.status])).toEqual([
        ['my-exp', 'Complete'],
        ['other', 'Complete'],
      ]);
    });

    it('rejects an HTTP error with the status', async () => {
      await expect(readExperiments(`${base}/missing`)).rejects.toThrow(`experiments ${base}/missing: HTTP 404 Not Found; check the URL`);
    });
  });
});
