/**
 * The Lugannani-Rice tail formula with Daniels' second-order term: for a sum S with cumulant generating
 * function K, the saddlepoint s of K'(s) = x, w = sign(s) √(2 (s x - K(s))), u = s √K''(s) and the
 * standardized cumulants λ_j = K^(j)(s) / K''(s)^{j/2},
 *   P(S > x) ≈ 1 - Φ(w) + φ(w) [1/u - 1/w + (1/u)(λ4/8 - 5 λ3²/24) - λ3 / (2u²) - 1/u³ + 1/w³].
 * The smaller tail is computed directly and the other as its complement. The second-order term is faded
 * in over 0.01 < |w| < 0.02 (its last two terms cancel catastrophically as w -> 0; there the term is
 * O(n^{-3/2}) and the first-order formula already accurate); at the mean callers use Daniels' limit instead.
 *
 * Reference: R. Lugannani & S. Rice (1980), Adv. Appl. Probab. 12; H. E. Daniels (1987), "Tail
 * probability approximations", Int. Statist. Rev. 55, eq. (4.6)-(4.9).
 */
import { normalCdf } from './normal.js';

const INV_SQRT_2PI = 0.3989422804014327;
/** Below |w| = 0.01 the term's 1/w³ - 1/u³ loses more than 1e-8 to rounding (w, u carry ~1e-15). */
const FADE = 0.01;

/** P(S <= x) and P(S > x), each computed in its own tail so neither loses relative precision. */
export interface TailPair {
  readonly lower: number;
  readonly upper: number;
}

/** Both tails from w, u (non-zero, same sign) and λ3, λ4 at the saddlepoint. */
export function lugannaniRiceTails(w: number, u: number, lambda3: number, lambda4: number): TailPair {
  const aw = Math.abs(w);
  let second = 0;
  if (aw >= FADE) {
    const term = (1 / u) * (lambda4 / 8 - (5 * lambda3 * lambda3) / 24) - lambda3 / (2 * u * u) - 1 / (u * u * u) + 1 / (w * w * w);
    second = aw >= 2 * FADE ? term : term * (aw / FADE - 1);
  }
  // P(S > x) = Φ(-w) + φ(w) (1/u - 1/w + second).
  const correction = INV_SQRT_2PI * Math.exp(-0.5 * w * w) * (1 / u - 1 / w + second);
  if (w < 0) {
    const lower = clamp01(normalCdf(w) - correction);
    return { lower, upper: 1 - lower };
  }
  const upper = clamp01(normalCdf(-w) + correction);
  return { lower: 1 - upper, upper };
}

/** Daniels' limit at the mean (s = 0): P(S <= E S) = 1/2 + κ3 / (6 √(2π) κ2^{3/2}). */
export function tailsAtMean(kappa2: number, kappa3: number): TailPair {
  const lower = clamp01(0.5 + kappa3 / (6 * Math.sqrt(2 * Math.PI) * Math.pow(kappa2, 1.5)));
  return { lower, upper: 1 - lower };
}

function clamp01(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}
