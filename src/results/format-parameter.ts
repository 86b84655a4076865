/**
 * Formats a statistic parameter as Jetstream stores it: `str(round(v, 6))` in Python, so 0.1 is
 * "0.1", 2 is "2.0", 1e-7 rounds to "0.0" and 1e16 is "1e+16".
 *
 * Parity: jetstream StatisticResult.parameter validator (float -> str(round(v, 6))).
 */
export function formatParameter(value: number | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  return pythonFloatRepr(roundHalfEven6(value));
}

/** Python's round(v, 6): correctly rounded decimal, ties to even on the exact binary value. */
function roundHalfEven6(value: number): number {
  // Python rounds the exact binary value; toFixed(6) also rounds the exact value (ties are
  // practically never exact in binary), so its text is the correctly rounded decimal.
  return Number(value.toFixed(6));
}

/** Python's repr(float): shortest round-trip digits, exponent outside [1e-4, 1e16). */
export function pythonFloatRepr(value: number): string {
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const [mantissa, expText] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(expText);
  if (exponent < -4 || exponent >= 16) {
    const frac = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${frac}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  if (digits.length <= exponent + 1) return `${sign}${digits}${'0'.repeat(exponent + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}
