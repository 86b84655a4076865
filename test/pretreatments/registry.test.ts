import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PretreatmentDefinition } from '../../src/pretreatments/define.js';
import removeNulls from '../../src/pretreatments/remove-nulls.js';
import {
  buildPretreatmentRegistry,
  getPretreatment,
  pretreatmentNames,
} from '../../src/pretreatments/registry.js';

const dir = fileURLToPath(new URL('../../src/pretreatments/', import.meta.url));

describe('pretreatment registry', () => {
  it('registers every file of src/pretreatments under its snake_case name', async () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'define.ts' && f !== 'registry.ts');
    expect(files).toHaveLength(9);
    for (const file of files) {
      const module = (await import(/* @vite-ignore */ pathToFileURL(join(dir, file)).href)) as { default: PretreatmentDefinition };
      const name = file.replace(/\.ts$/, '').replaceAll('-', '_');
      expect(module.default.name).toBe(name);
      expect(getPretreatment(name)).toBe(module.default);
    }
    expect(pretreatmentNames()).toEqual(files.map((f) => f.replace(/\.ts$/, '').replaceAll('-', '_')).sort());
  });

  it('answers an unknown name with the known ones', () => {
    expect(() => getPretreatment('drop_nulls')).toThrow(
      'unknown pretreatment "drop_nulls"; known: censor_highest_values, censor_lowest_values, ' +
        'censor_values_above_threshold, censor_values_below_threshold, log, normalize_over_analysis_period, ' +
        'remove_indefinites, remove_nulls, zero_fill',
    );
  });

  it('refuses two definitions with one name', () => {
    expect(() => buildPretreatmentRegistry([removeNulls, removeNulls] as PretreatmentDefinition[])).toThrow(
      /duplicate name "remove_nulls"/,
    );
  });
});
