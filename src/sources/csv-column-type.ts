/**
 * Infers the Arrow type of one CSV column from every value it holds, and parses a value of that type.
 *
 * Order of preference: boolean (words `true`/`false` in any of three casings, with `0`/`1` allowed
 * beside them), integer (Int32 when every value fits, else Float64), float (`inf`, `-inf`, `nan`
 * accepted, any case), date `YYYY-MM-DD` (DateDay), otherwise Utf8. A column of only `0`/`1`
 * numbers is an integer column. Empty fields are nulls and do not vote. Reference: pandas' read_csv
 * inference, restricted to the types of Jetstream's per-client tables.
 */

/** The CSV column types, each with one Arrow type. */
export type CsvColumnType = 'bool' | 'int32' | 'float64' | 'date' | 'utf8';

const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL_FLOAT = /^[+-]?(?:inf|infinity|nan)$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TRUE_WORDS: ReadonlySet<string> = new Set(['true', 'True', 'TRUE']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['false', 'False', 'FALSE']);
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const DAY_MS = 86_400_000;

/** Accumulates what one column's values could be; `type()` gives the verdict after the last value. */
export class CsvTypeVote {
  private nonEmpty = 0;
  private canBool = true;
  private sawBoolWord = false;
  private canInt = true;
  private fitsInt32 = true;
  private canFloat = true;
  private canDate = true;

  /** Counts one non-empty value. */
  add(value: string): void {
    this.nonEmpty++;
    if (this.canBool) {
      if (TRUE_WORDS.has(value) || FALSE_WORDS.has(value)) this.sawBoolWord = true;
      else if (value !== '0' && value !== '1') this.canBool = false;
    }
    if (this.canInt) {
      if (INTEGER.test(value)) {
        if (this.fitsInt32) {
          const n = Number(value);
          if (n < INT32_MIN || n > INT32_MAX) this.fitsInt32 = false;
        }
      } else {
        this.canInt = false;
      }
    }
    if (this.canFloat && !this.canInt) {
      this.canFloat = FLOAT.test(value) || SPECIAL_FLOAT.test(value);
    }
    if (this.canDate) this.canDate = parseDate(value) !== null;
  }

  /** The column's type: Utf8 when it holds no value at all. */
  type(): CsvColumnType {
    if (this.nonEmpty === 0) return 'utf8';
    if (this.canBool && this.sawBoolWord) return 'bool';
    if (this.canInt) return this.fitsInt32 ? 'int32' : 'float64';
    if (this.canFloat) return 'float64';
    if (this.canDate) return 'date';
    return 'utf8';
  }
}

/** A numeric CSV value as a double: decimal text, or `inf`/`-inf`/`nan` in any case. */
export function parseCsvNumber(value: string): number {
  const n = Number(value);
  if (!Number.isNaN(n) || !SPECIAL_FLOAT.test(value)) return n;
  const lower = value.toLowerCase();
  if (lower.endsWith('nan')) return Number.NaN;
  return lower.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

/** A boolean CSV value (`true`/`True`/`TRUE`/`1` are true). */
export function parseCsvBool(value: string): boolean {
  return value === '1' || TRUE_WORDS.has(value);
}

/** Days since 1970-01-01 of a valid `YYYY-MM-DD` date, else null. */
export function parseDate(value: string): number | null {
  const m = DATE.exec(value);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return ms / DAY_MS;
}
