/**
 * The regularized incomplete gamma functions P(a, x) = γ(a, x) / Γ(a) and Q(a, x) = 1 - P(a, x),
 * for a > 0 and x >= 0: the power series of γ when x < a + 1, otherwise Lentz's continued fraction
 * for Γ(a, x), so the smaller of P and Q is always computed directly (no cancellation in the tail).
 *
 * Reference: Press et al., Numerical Recipes (3rd ed.), section 6.2 (gser / gcf).
 * Parity: scipy.special.gammainc / scipy.special.gammaincc.
 */
import { logGamma } from './log-gamma.js';

const EPSILON = 1e-16;
const MAX_ITERATIONS = 10_000;
const TINY = 1e-300;

/** Lower regularized incomplete gamma P(a, x). */
export function regularizedGammaP(a: number, x: number): number {
  check(a, x);
  if (x === 0) return 0;
  if (x === Number.POSITIVE_INFINITY) return 1;
  return x < a + 1 ? lowerSeries(a, x) : 1 - upperFraction(a, x);
}

/** Upper regularized incomplete gamma Q(a, x) = 1 - P(a, x). */
export function regularizedGammaQ(a: number, x: number): number {
  check(a, x);
  if (x === 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  return x < a + 1 ? 1 - lowerSeries(a, x) : upperFraction(a, x);
}

function check(a: number, x: number): void {
  if (!(a > 0) || !Number.isFinite(a)) throw new RangeError(`regularized gamma: a must be a positive finite number, got ${a}`);
  if (!(x >= 0)) throw new RangeError(`regularized gamma: x must be >= 0, got ${x}`);
}

/** x^a e^-x / Γ(a), the common prefactor, in logs to avoid overflow. */
function logPrefactor(a: number, x: number): number {
  return a * Math.log(x) - x - logGamma(a);
}

function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * Math.exp(logPrefactor(a, x));
}

function upperFraction(a: number, x: number): number {
  // Modified Lentz evaluation of Γ(a, x) e^x x^-a = 1/(x+1-a- 1·(1-a)/(x+3-a- ...)).
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.exp(logPrefactor(a, x)) * h;
}
