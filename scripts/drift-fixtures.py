#!/usr/bin/env python3
"""Generate the drift agreement fixtures for PipeTopCoreTests from numpy/scipy.

Not run by `make test`: the fixtures are committed, and the Swift tests check that pipetop's
drift numbers agree with the ones written here. Re-run after changing a definition:

    python3 scripts/drift-fixtures.py [OUTPUT_DIR]

Each case directory gets reference.txt and current.txt (one repr() per line, so every double
round-trips exactly) and expected.json with bins, edges, psi, ks, ks_pvalue, js, n and m,
computed exactly as docs/drift.md defines them.
"""

import json
import os
import sys

import numpy as np
from scipy.spatial.distance import jensenshannon
from scipy.special import kolmogorov
from scipy.stats import ks_2samp

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "..", "Tests", "PipeTopCoreTests", "Fixtures", "drift")


def expected(ref, cur, bins):
    """The README's drift definitions, spelled out in numpy/scipy."""
    n, m = len(ref), len(cur)
    edges = np.quantile(ref, np.arange(1, bins) / bins)  # numpy's default: linear
    p = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=bins) / n
    q = np.bincount(np.searchsorted(edges, cur, side="right"), minlength=bins) / m
    pp = np.where(p == 0, 1e-6, p)
    qq = np.where(q == 0, 1e-6, q)
    psi = np.sum((qq - pp) * np.log(qq / pp))
    # method="asymp" only skips scipy's slow exact p-value; the statistic does not depend on it.
    d = ks_2samp(ref, cur, method="asymp").statistic
    pvalue = kolmogorov(np.sqrt(n * m / (n + m)) * d)
    js = jensenshannon(p, q, base=2)
    return {
        "bins": bins,
        "edges": [float(e) for e in edges],
        "psi": float(psi),
        "ks": float(d),
        "ks_pvalue": float(pvalue),
        "js": float(js),
        "n": n,
        "m": m,
    }


def cases():
    rng = np.random.default_rng(20261125)
    ref = rng.normal(0.0, 1.0, 5000)
    yield "normal_shift", ref, rng.normal(0.3, 1.1, 4000), 10

    yield "same_distribution", rng.normal(2.0, 0.5, 3000), rng.normal(2.0, 0.5, 3000), 10

    same = rng.uniform(-1.0, 1.0, 1000)
    yield "identical_samples", same, same.copy(), 10

    # Poisson counts: heavy ties, repeated edges, bins that are empty by construction.
    yield "discrete_ties", rng.poisson(3.0, 3000).astype(float), rng.poisson(3.6, 2000).astype(float), 10

    yield "tiny", rng.normal(0.0, 1.0, 50), rng.normal(0.5, 1.0, 30), 10

    # Reference near zero, current thousands: every current value lands in the top bin.
    yield "different_scales", rng.exponential(1e-4, 2000), rng.normal(5e3, 1e3, 1500), 10

    # Current squeezed into the middle of the reference: most current bins are empty.
    yield "empty_bins", rng.uniform(0.0, 1.0, 2000), rng.uniform(0.4, 0.6, 1500), 10

    yield "lognormal_bins20", rng.lognormal(0.0, 1.0, 2000), rng.lognormal(0.1, 0.9, 2000), 20


def write_numbers(path, values):
    with open(path, "w") as f:
        f.write("# written by scripts/drift-fixtures.py\n")
        for x in values:
            f.write(repr(float(x)) + "\n")


def main():
    out = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT)
    for name, ref, cur, bins in cases():
        case_dir = os.path.join(out, name)
        os.makedirs(case_dir, exist_ok=True)
        write_numbers(os.path.join(case_dir, "reference.txt"), ref)
        write_numbers(os.path.join(case_dir, "current.txt"), cur)
        with open(os.path.join(case_dir, "expected.json"), "w") as f:
            json.dump(expected(ref, cur, bins), f, indent=1)
            f.write("\n")
    # Q(λ) over the whole range, including the small λ where the alternating series fails.
    lambdas = [float(x) for x in np.concatenate([np.linspace(0.005, 1.5, 300), np.linspace(1.5, 8.0, 131)[1:]])]
    with open(os.path.join(out, "kolmogorov.json"), "w") as f:
        json.dump({"lambda": lambdas, "q": [float(kolmogorov(x)) for x in lambdas]}, f)
        f.write("\n")
    print("wrote", out)


if __name__ == "__main__":
    main()
