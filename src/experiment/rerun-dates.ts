/**
 * The dates a rerun of one experiment analyses: every day from the start date to
 * min(end date + 1, yesterday), both included (the day after the end is included so that the run on
 * the end date's complete data, `overall`, happens).
 *
 * Parity: jetstream `AnalysisExecutor.execute` with `date=All`: `today = now().date() - 1`,
 * `end = min(end_date + 1 day, today)`, `inclusive_date_range(start_date, end)` (test_cli
 * test_any_date: 2020-01-01 .. 2021-02-01 with today 2020-12-31 -> 366 dates).
 */
import { addDays, inclusiveDateRange, minDate, type IsoDate } from './dates.js';

/**
 * `today` is the current UTC day; the last date analysed is at most the day before it. An
 * experiment without a start date has no dates.
 */
export function rerunDates(experiment: { readonly startDate: IsoDate | null; readonly endDate: IsoDate | null }, today: IsoDate): IsoDate[] {
  if (experiment.startDate === null) return [];
  const yesterday = addDays(today, -1);
  const last = experiment.endDate === null ? yesterday : minDate(addDays(experiment.endDate, 1), yesterday);
  return inclusiveDateRange(experiment.startDate, last);
}
