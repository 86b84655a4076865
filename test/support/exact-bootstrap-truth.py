"""Large seeded Monte Carlo "truth" for the exact (Monte-Carlo-free) bootstrap tests.

Run from the repo root: python3 test/support/exact-bootstrap-truth.py
It writes test/support/exact-bootstrap-truth.json, which test/kernels/exact-bootstrap-validation.test.ts
reads. numpy draws the same schemes Contrail samples (independently of Contrail's kernels):
  bootstrap_mean:   winsorize at np.quantile(x, 0.995), tally (np.unique), replicate = v . Dirichlet(counts)
  population_ratio: winsorize each column at its 0.995 quantile, resample rows with replacement
                    (multinomial counts over distinct (num, den) rows), ratio of sums
  deciles:          x_sorted[Binomial(n - 1, q)]
and summarizes like mozanalysis: point = mean of replicates, bounds = np.quantile (linear) at 0.025 and
0.975, comparisons from replicate-by-replicate pairs of independent draws. For each endpoint it also
records the Monte Carlo standard error of the truth, sqrt(p (1 - p) / R) / density, the density from
the spacing of the order statistics R^0.6 apart around the quantile.
The fixture formulas are mirrored in test/support/exact-fixtures.ts.
"""
import json
import numpy as np

R_LARGE = 200_000
R_SMALL = 2_000_000  # fixtures of n <= 50 (cheap): their heavy upper tails need the smaller noise
SEED = 20261122
R = R_LARGE


def grid(n):
    return (np.arange(n) + 0.5) / n


def pareto(n, alpha, scale=1.0):
    return scale * (1 - grid(n)) ** (-1 / alpha)


def exponential(n, scale, step):
    x = -np.log(1 - grid(n)) * scale
    return np.floor(x / step + 0.5) * step if step > 0 else x


def binary(n, successes):
    return np.concatenate([np.ones(successes), np.zeros(n - successes)])


def outlier(n):
    return np.concatenate([np.arange(1, n, dtype=float), [1e4]])


def winsorize(x, q=0.995):
    return np.clip(x, x.min(), np.quantile(x, q))


def replicates_for(n):
    return R_SMALL if n <= 50 else R_LARGE


def mean_reps(x, rng):
    R = replicates_for(len(x))
    v, c = np.unique(winsorize(x), return_counts=True)
    out = np.empty(R)
    chunk = max(1, min(R, 20_000_000 // len(v)))
    for s in range(0, R, chunk):
        g = rng.gamma(c.astype(float), size=(min(chunk, R - s), len(v)))
        out[s:s + g.shape[0]] = (g @ v) / g.sum(axis=1)
    return out


def ratio_reps(num, den, rng):
    num, den = winsorize(num), winsorize(den)
    pairs, counts = np.unique(np.stack([num, den], axis=1), axis=0, return_counts=True)
    n = len(num)
    R = replicates_for(n)
    out = np.empty(R)
    chunk = max(1, min(R, 20_000_000 // len(pairs)))
    for s in range(0, R, chunk):
        f = rng.multinomial(n, counts / n, size=min(chunk, R - s))
        out[s:s + f.shape[0]] = (f @ pairs[:, 0]) / (f @ pairs[:, 1])
    return out


def decile_reps(x, q, rng):
    xs = np.sort(x)
    return xs[rng.binomial(len(x) - 1, q, size=R)]


def summary(reps):
    R = len(reps)
    reps = np.sort(reps)
    lo, hi = np.quantile(reps, [0.025, 0.975])
    h = int(R ** 0.6)

    def se(p):
        k = int(p * (R - 1))
        density = (2 * h / R) / (reps[min(R - 1, k + h)] - reps[max(0, k - h)])
        return float(np.sqrt(p * (1 - p) / R) / density)

    return {"point": float(reps.mean()), "lower": float(lo), "upper": float(hi),
            "replicates": R, "pointSe": float(reps.std() / np.sqrt(R)), "lowerSe": se(0.025), "upperSe": se(0.975)}


def rows(focus, reference):
    return {"focus": summary(focus), "reference": summary(reference),
            "difference": summary(focus - reference), "relativeUplift": summary(focus / reference - 1)}


MEAN_FIXTURES = {
    "heavy n=5": (pareto(5, 1.5), pareto(5, 1.5, 1.2)),
    "heavy n=20": (pareto(20, 1.5), pareto(20, 1.3)),
    "heavy n=50": (pareto(50, 1.5), pareto(50, 2.0, 1.3)),
    "heavy n=1000": (pareto(1000, 2.5), pareto(1000, 2.5, 1.05)),
    "n=100000": (exponential(100_000, 3.0, 0.05), exponential(100_000, 3.03, 0.05)),
    "binary 1 and 3 of 30": (binary(30, 3), binary(30, 1)),
    "outlier n=50": (outlier(50), np.arange(1, 51, dtype=float)),
}

RATIO_FIXTURES = {
    "n=20": (20, 1.5), "n=50": (50, 1.5), "n=1000": (1000, 2.0), "n=100000": (100_000, 2.5),
}


def ratio_columns(n, alpha, scale):
    den = 1.0 + (np.arange(n) % 5)
    num = np.floor(pareto(n, alpha, scale) * den * 4 + 0.5) / 4
    return num, den


def main():
    rng = np.random.Generator(np.random.PCG64(SEED))
    out = {"replicates": [R_LARGE, R_SMALL], "seed": SEED, "mean": {}, "ratio": {}, "deciles": {}}
    for name, (reference, focus) in MEAN_FIXTURES.items():
        out["mean"][name] = rows(mean_reps(focus, rng), mean_reps(reference, rng))
    for name, (n, alpha) in RATIO_FIXTURES.items():
        ref = ratio_reps(*ratio_columns(n, alpha, 1.0), rng)
        foc = ratio_reps(*ratio_columns(n, alpha, 1.1), rng)
        out["ratio"][name] = rows(foc, ref)
    for q in (0.1, 0.5, 0.9):
        ref = decile_reps(exponential(2000, 1.0, 0), q, rng)
        foc = decile_reps(exponential(2000, 1.1, 0), q, rng)
        out["deciles"][str(q)] = rows(foc, ref)
    with open("test/support/exact-bootstrap-truth.json", "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
