import { readFileSync } from 'node:fs';
import { sharedData } from '../support/shared-data.js';

/**
 * Jetstream's KDE/ECDF test data: the UCI wine table (`cultivar` = branch, `ash` = metric,
 * attribute 3 in wine.names), as Float64Array values per cultivar.
 */
export function wineAsh(): Map<string, Float64Array> {
  const lines = readFileSync(sharedData('jetstream', 'wine.data'), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const b = header.indexOf('cultivar');
  const a = header.indexOf('ash');
  const out = new Map<string, number[]>();
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const list = out.get(cells[b]) ?? [];
    list.push(Number(cells[a]));
    out.set(cells[b], list);
  }
  return new Map([...out].map(([k, v]) => [k, Float64Array.from(v)]));
}
