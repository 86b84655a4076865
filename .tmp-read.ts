import { openTable } from './src/sources/open-table.js';
const t0 = Date.now(); let n = 0; let s = 0;
for await (const b of openTable(process.argv[2]).batches({ columns: ['branch', 'active_hours'] })) { n += b.numRows; const v = b.getChild('active_hours')!.toArray() as Float64Array; for (let i = 0; i < v.length; i++) s += v[i]; }
console.log(n, s / n, Date.now() - t0, 'ms');
