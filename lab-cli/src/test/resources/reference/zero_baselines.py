"""Reference values for ZeroBaselineTest (python3, scipy 1.17): Mann-Whitney p-values by scipy.stats.mannwhitneyu
(two-sided; with ties scipy uses the normal approximation with tie and continuity corrections) and the power guard
of docs/judge.md ("Zero baselines") evaluated with scipy's normal quantiles."""
import math
from scipy.stats import mannwhitneyu, norm
from math import comb

Z = norm.ppf(1 - 0.02 / 2) + norm.ppf(0.8)   # budget 0.02 two-sided, power 0.8


def var(v):
    m = sum(v) / len(v)
    return sum((x - m) ** 2 for x in v) / (len(v) - 1) if len(v) > 1 else 0.0


def detectable_up(b, c, z=Z):
    mb = sum(b) / len(b)
    fixed = max(var(b), mb) / len(b)
    plug = z * math.sqrt(fixed + var(c) / len(c))
    k = z * z / len(c)
    counts = (k + math.sqrt(k * k + 4 * z * z * (fixed + mb / len(c)))) / 2
    return max(plug, counts)


def detectable_down(b, c, z=Z):
    mb = sum(b) / len(b)
    return z * math.sqrt(max(var(b), mb) / len(b) + max(var(c), mb) / len(c))


def p(c, b):
    return mannwhitneyu(c, b, alternative='two-sided').pvalue


print("z sum", Z, "z^2", Z * Z)
# The case: five 0s against five values near 55.
print("five 0s vs 53..57: p =", repr(p([53, 54, 55, 56, 57], [0] * 5)))
# Smallest exact two-sided p for 3 vs 3 and 5 vs 5: 2 / C(n + m, n).
print("3 vs 3 smallest p =", mannwhitneyu([4, 5, 6], [1, 2, 3], method='exact').pvalue, 2 / comb(6, 3))
print("5 vs 5 smallest p =", mannwhitneyu([6, 7, 8, 9, 10], [1, 2, 3, 4, 5], method='exact').pvalue, 2 / comb(10, 5))
# All zeros on both sides: the guard is Z^2 / n.
for n in (20, 21, 30):
    print("all-zero", n, "vs", n, "detectable", repr(detectable_up([0.0] * n, [0.0] * n)))
# Canary 0.2 restarts per step (10 of 50 steps with 1) over 50 steps of 0.
c = [0.0] * 40 + [1.0] * 10
print("0.2 over 0: p =", repr(p(c, [0.0] * 50)), "detectable", repr(detectable_up([0.0] * 50, c)))
# One spike of 100 in an idle canary.
c = [0.0] * 29 + [100.0]
print("spike: p =", repr(p(c, [0.0] * 30)), "detectable", repr(detectable_up([0.0] * 30, c)))
# Mostly zero: baseline 14 zeros and six small values (median 0, mean 0.45); canary six zeros, fourteen near 5.
b = [0.0] * 14 + [1, 1, 2, 1, 3, 1]
c = [0.0] * 6 + [4, 5, 6, 5, 4, 5, 6, 5, 4, 5, 6, 5, 4, 6]
print("mostly-zero up: p =", repr(p(c, b)), "means", sum(c) / 20, sum(b) / 20)
# Mostly zero both, similar, 60 a side (the baseline above three times, the canary a shuffle of the same values).
b3 = b * 3
c3 = [0.0] * 42 + [1, 2, 1, 1, 3, 1] * 3
print("mostly-zero same: p =", repr(p(c3, b3)), "detectable", repr(detectable_up(b3, c3)), "allowed",
      max(sum(b3) / 60 * 0.2, 1.0))
# Mostly zero baseline drops to nothing: 18 zeros and 12 fives against 30 zeros.
b = [0.0] * 18 + [5.0] * 12
c = [0.0] * 30
print("mostly-zero down: p =", repr(p(c, b)), "down detectable", repr(detectable_down(b, c)))
