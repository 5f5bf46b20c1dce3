"""Reference values for LookSequenceTest: the power of a sequence of looks on a growing window.

Z_j = B(I_j) / sqrt(I_j) for a Brownian motion B with drift theta per unit of information, so the Z_j are
jointly normal with means theta sqrt(I_j) and correlations sqrt(I_i / I_j) (i < j). The power is
1 - P(Z_j <= c_j for every j), from scipy's multivariate normal CDF (independent of the Java recursion).
Run: python3 look_sequence_power.py
"""
import numpy as np
from scipy.optimize import brentq
from scipy.stats import multivariate_normal, norm


def power(theta, info, levels, two_sided=False):
    info = np.asarray(info, float)
    c = np.array([norm.isf(a / 2 if two_sided else a) for a in levels])
    mean = theta * np.sqrt(info)
    cov = np.sqrt(np.minimum.outer(info, info) / np.maximum.outer(info, info))
    return 1 - multivariate_normal(mean=mean, cov=cov, abseps=1e-10, releps=1e-10, maxpts=5_000_000).cdf(c)


def drift(p, info, levels, two_sided=False):
    return brentq(lambda t: power(t, info, levels, two_sided) - p, 0, 20, xtol=1e-9)


np.random.seed(1)
print("two looks, power at 3:", power(3, [0.5, 1], [0.01, 0.01]))
print("two looks, drift for 0.8:", drift(0.8, [0.5, 1], [0.01, 0.01]))
print("three looks two-sided, drift for 0.8:", drift(0.8, [1 / 3, 2 / 3, 1], [0.005, 0.004, 0.003], True))
print("single look 0.02 one-sided drift for 0.8:", norm.isf(0.02) + norm.ppf(0.8))
