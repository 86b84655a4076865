"""
The baseline of issue 6's bootstrap_mean target, on the machine at hand: the loop mozanalysis's
`get_bootstrap_samples` runs for Jetstream's bootstrap_mean (spec 2.2: per branch, values, counts =
np.unique(data); RandomState(seed); each replicate w = dirichlet(counts), bb_mean = dot(values, w)),
timed over a few replicates and scaled to 10,000 replicates x 2 branches of 500k clients each, on
heavy-tailed values with ~72 % distinct (the issue measured 261 s at ~76 % with Debian's numpy 1.24).

    apt-get install python3-numpy
    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/mozanalysis-bootstrap-mean.py

Compare with `npx tsx bench/pipeline.bench.ts --built --clients 1m --cases bootstrap_mean`, which prints
the CPU too: machines of this kind have had different CPUs (bench/RESULTS.md, seventeenth session).
"""
import time

import numpy as np

rng = np.random.default_rng(7)
n = 500_000
data = np.round(rng.lognormal(3.0, 1.5, n), 4)
values, counts = np.unique(data, return_counts=True)
print(f"numpy {np.__version__}: {len(values)} distinct of {n} ({len(values) / n:.0%}) per branch")
random_state = np.random.RandomState(12345)
for replicates in (20, 100):
    start = time.perf_counter()
    for _ in range(replicates):
        w = random_state.dirichlet(counts)
        np.dot(values, w)
    each = (time.perf_counter() - start) / replicates
    print(f"{replicates} replicates: {each * 1000:.1f} ms each -> {each * 10_000 * 2:.0f} s for 10,000 replicates x 2 branches")
