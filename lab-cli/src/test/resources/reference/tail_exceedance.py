#!/usr/bin/env python3
"""Reference values for the tail test's exceedance count (TailExceedanceTest, TailSlowReleaseTest).

Under the null (baseline and canary exchangeable, no ties) the number K of the m canary values above the r-th
largest of the n baseline values has the negative-hypergeometric ("exceedance") law
    P(K = k) = C(r-1+k, k) C(n-r+m-k, m-k) / C(n+m, m).
Walking the pooled values from the largest down, the canary's are "successes" and K is the number of successes
before the r-th failure: scipy.stats.nhypergeom(M=n+m, n=m, r=r). The Java code uses a different building
block (P(K >= k) = P(at least k canary values among the k+r-1 largest), a hypergeometric tail), so this script
checks both the law (by brute-force enumeration on small samples) and the numbers (with scipy's nhypergeom).

The rank: the baseline's p-quantile is the smallest order statistic at or above its type-7 quantile,
X_(j) with j = ceil(1 + (n-1) q), so r = n - j + 1. Ties (whole milliseconds): only canary values strictly
above X_(j) count, which can only lower K, so the p-value is conservative.

Run: python3 tail_exceedance.py   (scipy 1.17, numpy)
"""
import itertools
import math

import numpy as np
from scipy.stats import fisher_exact, nhypergeom, norm


def rank(n, q):
    j = math.ceil(1 + (n - 1) * q)
    return n - min(max(j, 1), n) + 1


def pmf_formula(n, m, r, k):
    return math.comb(r - 1 + k, k) * math.comb(n - r + m - k, m - k) / math.comb(n + m, m)


def brute_force(n, m, r):
    """Every arrangement of n baseline and m canary values in the pooled order, equally likely under the null."""
    counts = [0] * (m + 1)
    total = 0
    for canary_positions in itertools.combinations(range(n + m), m):  # positions from the largest down
        canary = set(canary_positions)
        seen_baseline = 0
        k = 0
        for pos in range(n + m):
            if pos in canary:
                k += 1
            else:
                seen_baseline += 1
                if seen_baseline == r:
                    break
        counts[k] += 1
        total += 1
    return [c / total for c in counts]


def upper_p(n, m, r, k):
    """P(K >= k), summed from scipy's pmf (its sf is 1 - cdf, which bottoms out near 1e-14), checked against the
    exact rational sum of the formula."""
    scipy_sum = float(np.sum(nhypergeom(n + m, m, r).pmf(np.arange(k, m + 1))))
    exact = sum(math.comb(r - 1 + i, i) * math.comb(n - r + m - i, m - i) for i in range(k, m + 1))
    exact = exact / math.comb(n + m, m)
    assert abs(scipy_sum - exact) <= 1e-9 * exact, (scipy_sum, exact)
    return exact


def lower_p(n, m, r, k):
    exact = sum(math.comb(r - 1 + i, i) * math.comb(n - r + m - i, m - i) for i in range(0, k + 1))
    return exact / math.comb(n + m, m)


def exceedances(baseline, canary, q):
    b = np.sort(baseline)
    n = len(b)
    r = rank(n, q)
    threshold = b[n - r]
    return r, threshold, int(np.sum(canary > threshold)), int(np.sum(canary >= threshold))


def mood(baseline, canary, q):
    """Mood's generalised median test as the judge ran it alone: Fisher's exact test (one-sided, canary greater) on
    the values above the pooled type-7 q-quantile, or at or above it when nothing is above."""
    pooled = np.concatenate([baseline, canary])
    t = np.quantile(pooled, q)
    a_c, a_b = int(np.sum(canary > t)), int(np.sum(baseline > t))
    if a_c + a_b == 0:
        a_c, a_b = int(np.sum(canary >= t)), int(np.sum(baseline >= t))
    return float(fisher_exact([[a_c, len(canary) - a_c], [a_b, len(baseline) - a_b]], alternative="greater")[1])


def combined(baseline, canary, q):
    """The tail test's p-value: the smaller of Mood's and the exceedance test's, doubled (Bonferroni)."""
    r, _, above, _ = exceedances(baseline, canary, q)
    p_exc = upper_p(len(baseline), len(canary), r, above)
    p_mood = mood(baseline, canary, q)
    return p_mood, p_exc, min(1.0, 2 * min(p_mood, p_exc))


def slow_release():
    """Like the slow-release demo: 262 baseline requests log-normal around 12 ms, 222 canary requests of which every
    third-of-ten (i % 10 < 3, 68 of 222) is 250 ms late; whole milliseconds (TailSlowReleaseTest builds the same)."""
    baseline = np.array([round(12 * math.exp(0.35 * norm.ppf((i + 0.5) / 262))) for i in range(262)], float)
    canary = np.array([round(12 * math.exp(0.35 * norm.ppf((i + 0.5) / 222))) + (250 if i % 10 < 3 else 0)
                       for i in range(222)], float)
    return baseline, canary


if __name__ == "__main__":
    # 1. The law, by enumeration: formula == brute force == scipy.
    for n, m, r in [(6, 5, 1), (6, 5, 2), (7, 6, 3)]:
        bf = brute_force(n, m, r)
        for k in range(m + 1):
            assert abs(bf[k] - pmf_formula(n, m, r, k)) < 1e-12
            assert abs(bf[k] - nhypergeom(n + m, m, r).pmf(k)) < 1e-12
        print(f"n={n} m={m} r={r}: P(K>=k) =", [repr(sum(bf[k:])) for k in range(m + 1)])
    # 2. Tails used by TailExceedanceTest.
    for n, m, q, k in [(262, 222, 0.99, 2), (262, 222, 0.99, 6), (262, 222, 0.99, 68), (1000, 1000, 0.99, 30),
                       (100, 100, 0.99, 8), (1800, 1800, 0.99, 54)]:
        r = rank(n, q)
        print(f"n={n} m={m} q={q} r={r} k={k}: P(K>=k)={upper_p(n, m, r, k)!r} P(K<=k)={lower_p(n, m, r, k)!r}")
    # 3. The slow-release data.
    b, c = slow_release()
    r, t, above, at_or_above = exceedances(b, c, 0.99)
    print(f"slow-release: r={r} threshold={t} K={above} (>= threshold: {at_or_above})"
          f" p={upper_p(len(b), len(c), r, above)!r} baseline type-7 p99={np.quantile(b, 0.99)!r}"
          f" canary p99={np.quantile(c, 0.99)!r}")
    print("slow-release: Mood p, exceedance p, combined p =", combined(b, c, 0.99))
    # 4. Whole-millisecond ties on the threshold (TailExceedanceTest): baseline 1000 values, 990 at 10 ms and 10 at
    # 30 ms; canary 1000 values, 960 at 10 ms, 25 at 30 ms, 15 at 31 ms. r = 10: the threshold is 30 ms, tied.
    b = np.array([10.0] * 990 + [30.0] * 10)
    c = np.array([10.0] * 960 + [30.0] * 25 + [31.0] * 15)
    r, t, above, at_or_above = exceedances(b, c, 0.99)
    print(f"ties: r={r} threshold={t} strictly above={above} p={upper_p(1000, 1000, r, above)!r};"
          f" at or above={at_or_above} (anti-conservative) p={upper_p(1000, 1000, r, at_or_above)!r}")
    # 5. The data of TailTiesTest and TailZerosTest: Mood's p, the exceedance test's, the combined one.
    b = np.array([10.0] * 995 + [30.0] * 5)
    c = np.array([10.0] * 970 + [30.0] * 30)
    print("TailTiesTest tied slow tail:", exceedances(b, c, 0.99), combined(b, c, 0.99))
    b = np.array([0.0] + [10.0 + i % 10 for i in range(999)])
    c = np.array([10.0 + i % 10 for i in range(900)] + [300.0 + i for i in range(100)])
    print("TailZerosTest one zero:", exceedances(b, c, 0.99), combined(b, c, 0.99))
    # 6. A decrease (TailExceedanceTest): baseline 1..1000 ms, canary 997 at 100 ms and 3 tied with the threshold
    # (991 ms, r = 10). The ties count as possibly at or above: P(K <= 3); counting them as below would read P(K <= 0).
    b = np.arange(1, 1001, dtype=float)
    c = np.concatenate([np.full(997, 100.0), np.full(3, 991.0)])
    r, t, above, at_or_above = exceedances(b, c, 0.99)
    print(f"decrease: r={r} threshold={t} at or above={at_or_above} P(K<=3)={lower_p(1000, 1000, r, at_or_above)!r}"
          f" (P(K<=0)={lower_p(1000, 1000, r, 0)!r})")
