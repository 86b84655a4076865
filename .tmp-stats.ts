import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(); const c = await db.connect();
const d = '/tmp/exp/fx/contrail_demo_';
const q = async (s: string) => { const r = await c.runAndReadAll(s); console.log(r.columnNames().join('\t')); for (const row of r.getRows()) console.log(row.map(String).join('\t')); };
await q(`describe select * from read_parquet('${d}enrollments_week_1.parquet')`);
await q(`select branch, count(*), avg(active_hours), median(active_hours) filter (where active_hours>0), avg(case when active_hours=0 then 1 else 0 end) z, avg(search_count), max(search_count), avg(ad_clicks), avg(days_of_use), avg(retained::int), avg(is_default_browser::int), avg(regular_users_v3::int), avg(new_or_resurrected_v3::int), count(*) filter (where exposure_date is null) from read_parquet('${d}enrollments_week_1.parquet') group by 1 order by 1`);
await q(`select corr(ln(1+a.active_hours), ln(1+b.active_hours)) c_pre, corr(a.active_hours, b.active_hours) raw_pre, corr(ln(1+a.search_count), ln(1+b.search_count)) s_pre from read_parquet('${d}enrollments_week_1.parquet') a join read_parquet('${d}enrollments_preenrollment_week_1.parquet') b using (analysis_id)`);
await q(`select corr(ln(1+a.active_hours), ln(1+b.active_hours)) c12 from read_parquet('${d}enrollments_week_1.parquet') a join read_parquet('${d}enrollments_week_2.parquet') b using (analysis_id)`);
await q(`select count(*) filter (where search_count is null) n_null, count(*) filter (where searches_per_hour = 'inf'::double) pinf, count(*) filter (where searches_per_hour = '-inf'::double) ninf, count(*) filter (where isnan(searches_per_hour)) nan from read_parquet('${d}enrollments_week_1.parquet')`);
