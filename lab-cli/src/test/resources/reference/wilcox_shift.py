#!/usr/bin/env python3
"""Reference values for HodgesLehmann (lab-cli): R's two-sample wilcox.test(canary, baseline, conf.int = TRUE,
correct = TRUE) re-implemented from R's source, independently of the Java code.

Source: R, src/library/stats/R/wilcox.test.R (stats:::wilcox.test.default; R >= 4.4 moved the two-sample parts
into .wilcox_test_two_cint_exact and .wilcox_test_two_cint_asymp, same algorithm):
  - exact (no ties in c(canary, baseline) and both samples < 50): the interval is [D(qu + 1)... ] from qwilcox,
    i.e. order statistics of the n*m differences, and the estimate is median(diffs) (Hodges-Lehmann);
  - otherwise (ties, or a sample of 50 or more): W(d) = (dz - CORRECTION) / SIGMA, with dz the Mann-Whitney
    statistic of (canary - d) against baseline minus n*m/2 (mid-ranks), CORRECTION = sign(dz) / 2, SIGMA the
    tie-corrected standard deviation; the interval ends are uniroot(W(d) - zq) for zq = +-qnorm(alpha/2) over
    [min(canary) - max(baseline), max(canary) - min(baseline)] with tol 1e-4 (endpoints returned when W does
    not cross), and the estimate is uniroot(W) without the continuity correction.
R's uniroot is Brent's zeroin; scipy.optimize.brentq is the same method, so "R-style" below agrees with R within
the 1e-4 tolerance. W is a step function whose steps sit at the pairwise differences, so every root lies at one
of them: "crossing" is the difference where W crosses zq, found by brute force over all sorted differences, and
"open" says whether the test at that very difference still rejects (then the end itself is outside the
acceptance region and only the values just inside it belong to the interval). "accepted" is the set of shifts the
test does not reject, by brute force; when it is empty (two or three distinct values a track) the Java interval is
the single double next to the crossing on the side the test points to. Java is compared with these lines.

Run: python3 wilcox_shift.py   (numpy and scipy; prints one block per data set)
"""
import math

import numpy as np
from scipy.optimize import brentq
from scipy.stats import mannwhitneyu, norm, rankdata


def expand(hist):
    """{value: count} -> sorted array."""
    return np.sort(np.concatenate([np.full(c, float(v)) for v, c in hist.items()]))


def W(c, b, d, correct=True):
    n, m = len(c), len(b)
    r = rankdata(np.concatenate([c - d, b]))
    dz = r[:n].sum() - n * (n + 1) / 2 - n * m / 2
    _, t = np.unique(r, return_counts=True)
    N = n + m
    sigma = math.sqrt(n * m / 12 * ((N + 1) - (t ** 3 - t).sum() / (N * (N - 1))))
    corr = np.sign(dz) * 0.5 if correct else 0.0
    return (dz - corr) / sigma


def exact_cdf(n, m):
    """P(U <= u), u = 0..nm, by the counting recursion f(u; n, m) = f(u - m; n - 1, m) + f(u; n, m - 1)."""
    from functools import lru_cache

    @lru_cache(maxsize=None)
    def f(u, a, b):
        if u < 0:
            return 0
        if a == 0 or b == 0:
            return 1 if u == 0 else 0
        return f(u - b, a - 1, b) + f(u, a, b - 1)

    counts = np.array([f(u, n, m) for u in range(n * m + 1)], dtype=float)
    return np.cumsum(counts) / math.comb(n + m, n)


def reference(name, c, b, alpha, log=False):
    c = np.sort(np.asarray(c, float))
    b = np.sort(np.asarray(b, float))
    if log:
        c, b = np.log(c), np.log(b)
    n, m = len(c), len(b)
    diffs = np.sort((c[:, None] - b[None, :]).ravel())
    median = float(np.median(diffs))
    ties = len(np.unique(np.concatenate([c, b]))) < n + m
    p = mannwhitneyu(c, b, alternative="two-sided", method="asymptotic" if ties or max(n, m) >= 50 else "exact",
                     use_continuity=True).pvalue
    print(f"== {name}: n={n} (canary) m={m} (baseline), alpha={alpha}, {'log' if log else 'linear'} scale")
    print(f"   p={p:.6g}  ties={ties}  median of differences={median:.10g}")
    if not ties and max(n, m) < 50:
        cdf = exact_cdf(n, m)
        c_rank = int(np.sum(cdf <= alpha / 2))  # largest c with P(U <= c - 1) <= alpha / 2
        if c_rank < 1:
            print("   exact: interval unbounded")
        else:
            print(f"   exact: c={c_rank} interval=[{diffs[c_rank - 1]:.10g}, {diffs[n * m - c_rank]:.10g}]"
                  f" estimate={median:.10g}")
        return
    z = norm.isf(alpha / 2)
    lo, hi = diffs[0], diffs[-1]

    def r_root(zq):
        fl, fu = W(c, b, lo) - zq, W(c, b, hi) - zq
        if fl <= 0:
            return lo
        if fu >= 0:
            return hi
        return brentq(lambda d: W(c, b, d) - zq, lo, hi, xtol=1e-4)

    values = np.unique(diffs)
    gaps = np.concatenate([[values[0] - 1], (values[:-1] + values[1:]) / 2, [values[-1] + 1]])
    off = np.array([W(c, b, g) for g in gaps])  # W just left of values[i] is off[i], just right is off[i + 1]

    def crossing(zq):
        # Lower end (zq > 0): first difference after which W <= zq; upper end (zq < 0): first after which W < zq.
        for i, v in enumerate(values):
            if (zq > 0 and off[i] > zq >= off[i + 1]) or (zq < 0 and off[i] >= zq > off[i + 1]):
                at = W(c, b, v)
                return v, (at > zq if zq > 0 else at < zq)
        return None, None

    lower, lower_open = crossing(z)
    upper, upper_open = crossing(-z)
    est_r = brentq(lambda d: W(c, b, d, correct=False), lo, hi, xtol=1e-4) if W(c, b, lo, False) > 0 > W(
        c, b, hi, False) else float("nan")
    print(f"   asymptotic: R-style interval=[{r_root(z):.10g}, {r_root(-z):.10g}] estimate={est_r:.10g}")
    print(f"   crossing: lower={float(lower)!r} open={lower_open} upper={float(upper)!r} open={upper_open}")
    # The acceptance set {d : |W(d)| <= z} by brute force over every difference and every gap between two:
    # "(a" / "b)" mark an end that is a difference the test rejects, "[a" / "b]" one it accepts.
    pieces = []  # (lower, lower bracket, upper, upper bracket) of each accepted difference or open gap
    for i in range(len(values) + 1):
        if abs(off[i]) <= z:
            pieces.append((values[i - 1] if i > 0 else -math.inf, "(", values[i] if i < len(values) else math.inf,
                           ")"))
        if i < len(values) and abs(W(c, b, values[i])) <= z:
            pieces.append((values[i], "[", values[i], "]"))
    if pieces:
        first = min(pieces, key=lambda q: (q[0], q[1] == "("))
        last = max(pieces, key=lambda q: (q[2], q[3] == "]"))
        print(f"   accepted: {first[1]}{float(first[0])!r}, {float(last[2])!r}{last[3]}")
    else:
        side = "above" if W(c, b, lower) > z else "below"
        print(f"   accepted: none; the test rejects every shift, and at {float(lower)!r} it points {side}")


if __name__ == "__main__":
    # Untied, exact: HodgesLehmannTest's samples (enumeration gave [0.9, 4.0] at 95%).
    reference("untied 9 vs 7", [14.9, 16.2, 13.1, 17.4, 15.8, 16.9, 14.4, 18.1, 15.5],
              [12.1, 14.3, 11.8, 13.5, 15.2, 12.9, 13.8], 0.05)
    # Kayenta's MannWhitneyRSuite (values computed with R): [6, 39], estimate 22.5.
    reference("kayenta 4 vs 4", [10, 20, 30, 40], [1, 2, 3, 4], 0.05)
    # Tied, small, linear scale.
    reference("tied 12 vs 10", [3, 4, 4, 5, 5, 5, 6, 6, 7, 7, 8, 9], [2, 3, 3, 4, 4, 4, 5, 5, 6, 7], 0.05)
    # Whole milliseconds, canary about 1.2x slower, log scale (the case).
    base = {4: 50, 5: 40, 6: 8, 7: 2}
    canary = {4: 20, 5: 45, 6: 28, 7: 7}
    reference("whole ms 100 vs 100", expand(canary), expand(base), 0.02, log=True)
    reference("whole ms 100 vs 100 at 0.05", expand(canary), expand(base), 0.05, log=True)
    # Whole milliseconds where more than half the pairs are equal or lower: the median shift is exactly 1.00x.
    reference("whole ms median tie 100 vs 100", expand({5: 50, 6: 30, 8: 20}), expand({5: 80, 6: 20}), 0.02, log=True)
    # Two or three distinct values a track: the acceptance set shrinks to one tied difference, or is empty.
    reference("one block", expand({5: 60, 6: 40}), expand({4: 70, 5: 30}), 0.02, log=True)
    reference("one block empty", expand({5: 70, 6: 30}), expand({4: 60, 5: 40}), 0.02, log=True)
    # Whole milliseconds, larger and wider: 400 vs 300.
    reference("whole ms 400 vs 300", expand({40: 30, 45: 80, 50: 120, 55: 100, 60: 50, 70: 20}),
              expand({40: 60, 45: 90, 50: 80, 55: 40, 60: 20, 70: 10}), 0.02, log=True)
    # Untied but large (normal approximation without ties): 60 vs 55, i * golden ratio mod 1.
    phi = (math.sqrt(5) - 1) / 2
    reference("untied 60 vs 55", [10 + (i * phi % 1) * 4 + 0.3 for i in range(1, 61)],
              [10 + (i * phi * 1.37 % 1) * 4 for i in range(1, 56)], 0.05)
