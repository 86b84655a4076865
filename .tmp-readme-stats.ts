import { DuckDBInstance } from '@duckdb/node-api';
import { FIXTURE_COLUMNS } from './src/fixtures/fixture-tables.js';
const db = await DuckDBInstance.create(); const c = await db.connect();
const dir = 'fixtures/contrail-demo/';
const names = ['enrollments_week_1','enrollments_week_2','exposures_week_1','exposures_week_2','enrollments_preenrollment_week_1'];
console.log('| table | rows | control | treatment-a | treatment-b | exposure_date null | search_count null | searches_per_hour null | +inf | -inf | NaN | active_hours = 0 |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const n of names) {
  const f = `read_parquet('${dir}contrail_demo_${n}.parquet')`;
  const nullChecks = FIXTURE_COLUMNS.map(col => `count(*) filter (where "${col}" is null)`).join(' + ');
  const r = await c.runAndReadAll(`select count(*), count(*) filter (where branch='control'), count(*) filter (where branch='treatment-a'), count(*) filter (where branch='treatment-b'),
    count(*) filter (where exposure_date is null), count(*) filter (where search_count is null), count(*) filter (where searches_per_hour is null),
    count(*) filter (where searches_per_hour = 'inf'::double), count(*) filter (where searches_per_hour = '-inf'::double), count(*) filter (where isnan(searches_per_hour)),
    count(*) filter (where active_hours = 0), ${nullChecks} from ${f}`);
  const row = r.getRows()[0].map(String);
  const totalNulls = Number(row[11]); const listed = Number(row[4]) + Number(row[5]) + Number(row[6]);
  if (totalNulls !== listed) console.log('OTHER NULLS', n, totalNulls, listed);
  console.log(`| \`contrail_demo_${n}\` | ${row.slice(0, 11).join(' | ')} |`);
}
console.log();
for (const n of ['enrollments_week_1','enrollments_week_2','enrollments_preenrollment_week_1']) {
  const f = `read_parquet('${dir}contrail_demo_${n}.parquet')`;
  const r = await c.runAndReadAll(`select branch, count(*), round(avg(active_hours),4), round(avg(search_count),4), round(avg(days_of_use),4), round(avg(retained::int),4), round(avg(is_default_browser::int),4), max(search_count) from ${f} group by 1 order by 1`);
  console.log(n); for (const row of r.getRows()) console.log('| ' + row.map(String).join(' | ') + ' |');
}
const r2 = await c.runAndReadAll(`select round(corr(ln(1+a.active_hours), ln(1+b.active_hours)),4), round(corr(ln(1+a.search_count), ln(1+b.search_count)),4) from read_parquet('${dir}contrail_demo_enrollments_week_1.parquet') a join read_parquet('${dir}contrail_demo_enrollments_preenrollment_week_1.parquet') b using (analysis_id)`);
console.log('corr', r2.getRows()[0].map(String));
