import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordBatch } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvReader } from '../../src/sources/csv-reader.js';
import { InputError } from '../../src/sources/table-reader.js';
import { sharedData } from '../support/shared-data.js';

const dir = mkdtempSync(join(tmpdir(), 'contrail-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function csv(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function collect(batches: AsyncIterable<RecordBatch>): Promise<RecordBatch[]> {
  const out: RecordBatch[] = [];
  for await (const batch of batches) out.push(batch);
  return out;
}

/** Every value of one column across batches, as `get` returns them. */
function column(batches: readonly RecordBatch[], name: string): unknown[] {
  const out: unknown[] = [];
  for (const b of batches) {
    const v = b.getChild(name);
    for (let i = 0; i < b.numRows; i++) out.push(v?.get(i));
  }
  return out;
}

const TYPED = [
  'id,flag,mixed01,only01,n,big,x,day,name',
  'a,true,1,0,3,1,1.5,2026-10-01,"Smith, J"',
  'b,False,TRUE,1,,3000000000,inf,2026-10-02,"say ""hi"""',
  'c,,0,1,-7,2,-INF,,plain',
  'd,TRUE,false,0,0,5,nan,2026-10-31,',
  'e,FALSE,,1,12,6,1e3,2024-02-29,"two\r\nlines"',
].join('\r\n');

describe('CsvReader', () => {
  it('infers one Arrow type per column', async () => {
    const schema = await new CsvReader(csv('typed.csv', TYPED)).schema();
    const types = Object.fromEntries(schema.fields.map(f => [f.name, String(f.type)]));
    expect(types).toEqual({
      id: 'Utf8',
      flag: 'Bool',
      mixed01: 'Bool',
      only01: 'Int32',
      n: 'Int32',
      big: 'Float64',
      x: 'Float64',
      day: 'Date32<DAY>',
      name: 'Utf8',
    });
  });

  it('parses values, nulls, quotes, CRLF, inf and nan', async () => {
    const batches = await collect(new CsvReader(csv('values.csv', TYPED)).batches({
      columns: ['name', 'flag', 'mixed01', 'n', 'big', 'x', 'day', 'only01'],
    }));
    expect(batches).toHaveLength(1);
    expect(batches[0].schema.fields.map(f => f.name)).toEqual(['name', 'flag', 'mixed01', 'n', 'big', 'x', 'day', 'only01']);
    expect(column(batches, 'name')).toEqual(['Smith, J', 'say "hi"', 'plain', null, 'two\r\nlines']);
    expect(column(batches, 'flag')).toEqual([true, false, null, true, false]);
    expect(column(batches, 'mixed01')).toEqual([true, true, false, false, null]);
    expect(column(batches, 'only01')).toEqual([0, 1, 1, 0, 1]);
    expect(column(batches, 'n')).toEqual([3, null, -7, 0, 12]);
    expect(column(batches, 'big')).toEqual([1, 3e9, 2, 5, 6]);
    expect(column(batches, 'x')).toEqual([1.5, Infinity, -Infinity, NaN, 1000]);
    // Date.UTC(2026, 9, 1) = 1790812800000 ms; DateDay `get` returns epoch milliseconds
    expect(column(batches, 'day')).toEqual([
      Date.UTC(2026, 9, 1),
      Date.UTC(2026, 9, 2),
      null,
      Date.UTC(2026, 9, 31),
      Date.UTC(2024, 1, 29),
    ]);
    expect(batches[0].getChild('n')?.nullCount).toBe(1);
  });

  it('splits rows into batches of batchSize', async () => {
    const lines = ['k,v'];
    for (let i = 0; i < 1000; i++) lines.push(`${i},${i % 3 === 0 ? '' : i / 4}`);
    const reader = new CsvReader(csv('many.csv', lines.join('\n') + '\n'), { batchSize: 300 });
    const batches = await collect(reader.batches({ columns: ['v', 'k'] }));
    expect(batches.map(b => b.numRows)).toEqual([300, 300, 300, 100]);
    expect(column(batches, 'k')).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(column(batches, 'v')).toEqual(Array.from({ length: 1000 }, (_, i) => (i % 3 === 0 ? null : i / 4)));
    const small = await collect(reader.batches({ columns: ['k'], batchSize: 7 }));
    expect(small).toHaveLength(143); // ceil(1000 / 7)
  });

  it('rejects a row with the wrong number of fields, naming file, line and counts', async () => {
    const path = csv('ragged.csv', 'a,b,c\n1,2,3\n"x\ny",5,6\n4,5\n');
    await expect(new CsvReader(path).schema()).rejects.toThrow(InputError);
    await expect(new CsvReader(path).schema()).rejects.toThrow(
      /ragged\.csv: line 5 has 2 fields, the header has 3/,
    );
  });

  it('rejects a missing column, a missing file and an unclosed quote', async () => {
    const path = csv('small.csv', 'a,b\n1,2\n');
    await expect(collect(new CsvReader(path).batches({ columns: ['a', 'zz'] }))).rejects.toThrow(
      /small\.csv: column "zz" not found; columns present: a, b/,
    );
    await expect(new CsvReader(join(dir, 'nope.csv')).schema()).rejects.toThrow(
      /nope\.csv is not a readable CSV file \(no such file\)/,
    );
    await expect(new CsvReader(csv('open.csv', 'a,b\n1,"2\n')).schema()).rejects.toThrow(
      /unterminated quoted field starting on line 2/,
    );
  });

  it('reads cookie_cats.csv with projection', async () => {
    const reader = new CsvReader(sharedData('cookie_cats.csv'));
    const schema = await reader.schema();
    expect(String(schema.fields.find(f => f.name === 'retention_1')?.type)).toBe('Bool');
    const batches = await collect(reader.batches({ columns: ['version', 'sum_game_rounds', 'retention_1'] }));
    let rows = 0;
    let gate30 = 0;
    let rounds30 = 0;
    let retained30 = 0;
    for (const b of batches) {
      const version = b.getChild('version');
      const rounds = b.getChild('sum_game_rounds')?.toArray() as Int32Array;
      const retention = b.getChild('retention_1');
      for (let i = 0; i < b.numRows; i++) {
        if (version?.get(i) === 'gate_30') {
          gate30++;
          rounds30 += rounds[i];
          if (retention?.get(i) === true) retained30++;
        }
      }
      rows += b.numRows;
    }
    // ../shared/data/README.md: 90,189 players; gate_30 44,700, mean rounds 52.456, retention_1 0.44819
    expect(rows).toBe(90_189);
    expect(gate30).toBe(44_700);
    expect(rounds30 / gate30).toBeCloseTo(52.456, 3);
    expect(retained30 / gate30).toBeCloseTo(0.44819, 5);
  });
});
