/**
 * log |Γ(x)|: Lanczos approximation (g = 607/128, 15 terms, Godfrey's coefficients) for x >= 0.5,
 * the reflection formula below; about 1e-15 relative away from the poles and roots.
 *
 * Reference: C. Lanczos (1964), SIAM J. Numer. Anal. B 1; coefficients from P. Godfrey (2001).
 * Parity: scipy.special.gammaln.
 */
const G = 607 / 128;
const COEFFICIENTS = [
  0.99999999999999709182, 57.156235665862923517, -59.597960355475491248, 14.136097974741747174,
  -0.49191381609762019978, 0.33994649984811888699e-4, 0.46523628927048575665e-4,
  -0.98374475304879564677e-4, 0.15808870322491248884e-3, -0.21026444172410488319e-3,
  0.21743961811521264320e-3, -0.16431810653676389022e-3, 0.84418223983852743293e-4,
  -0.26190838401581408670e-4, 0.36899182659531622704e-5,
];
const HALF_LOG_TWO_PI = 0.91893853320467274178;

/** log |Γ(x)| for real x (+inf at the poles 0, -1, -2, ...). Parity: scipy.special.gammaln. */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === 1 || x === 2) return 0;
  if (x <= 0 && Number.isInteger(x)) return Number.POSITIVE_INFINITY;
  if (x < 0.5) {
    // Reflection: Γ(x) Γ(1 - x) = π / sin(πx).
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  const z = x - 1;
  let sum = COEFFICIENTS[0];
  for (let k = 1; k < COEFFICIENTS.length; k++) sum += COEFFICIENTS[k] / (z + k);
  const t = z + G + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
