/**
 * Calendar days as `YYYY-MM-DD` strings (UTC), the unit of every date in experiments and schedules.
 * Arithmetic goes through a day number (days since 1970-01-01) so no time zone or DST can shift it.
 *
 * Reference: Jetstream compares tz-aware UTC midnights (`datetime(..., tzinfo=pytz.utc)`); a UTC day
 * string carries exactly that information.
 */

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day, `YYYY-MM-DD`. */
export type IsoDate = string;

/** Whether `text` is a real `YYYY-MM-DD` calendar day (2021-02-29 is not). */
export function isIsoDate(text: unknown): text is IsoDate {
  if (typeof text !== 'string') return false;
  const match = ISO_DAY.exec(text);
  if (match === null) return false;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(ms).toISOString().slice(0, 10) === text;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` day; throws naming the bad value. */
export function parseDate(text: string, owner = 'date'): number {
  if (!isIsoDate(text)) throw new RangeError(`${owner}: expected a YYYY-MM-DD calendar day, got ${JSON.stringify(text)}`);
  const [y, m, d] = text.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** The `YYYY-MM-DD` day of a day number (days since 1970-01-01). */
export function formatDate(dayNumber: number): IsoDate {
  if (!Number.isInteger(dayNumber)) throw new RangeError(`formatDate: day number must be an integer, got ${dayNumber}`);
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** `date` plus `days` (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return formatDate(parseDate(date) + days);
}

/** Whole days from `from` to `to` (`to - from`), as Python's `(to - from).days` on midnights. */
export function diffDays(to: IsoDate, from: IsoDate): number {
  return parseDate(to) - parseDate(from);
}

/** The UTC calendar day of an instant. */
export function utcDay(instant: Date): IsoDate {
  return instant.toISOString().slice(0, 10);
}

/** Every day from `start` to `end`, both included; empty when `end` is before `start`. */
export function inclusiveDateRange(start: IsoDate, end: IsoDate): IsoDate[] {
  const first = parseDate(start);
  const last = parseDate(end);
  const out: IsoDate[] = [];
  for (let d = first; d <= last; d++) out.push(formatDate(d));
  return out;
}

/** The earlier of two days. */
export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}
