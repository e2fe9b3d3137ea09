"""Generates the constant tables used by Sources/InsightsNumerics/Distributions/SpecialFunctions.

Run: python3 bench/reference/coefficients.py   (mpmath, 50 digits)
"""
import mpmath as mp

mp.mp.dps = 50


def fmt(v):
    return repr(float(v))


# log Gamma(2 + z) = sum_{k>=1} c_k z^k,  c_1 = 1 - gamma,  c_k = (-1)^k (zeta(k) - 1) / k
print("// logGamma(2 + z) Taylor coefficients c_1 ... c_40")
coeffs = [1 - mp.euler] + [(-1) ** k * (mp.zeta(k) - 1) / k for k in range(2, 41)]
print(",\n".join(fmt(c) for c in coeffs))

# Stirling series B_{2k} / (2k (2k - 1)), k = 1 ... 10
print("// Stirling correction coefficients")
print(",\n".join(fmt(mp.bernoulli(2 * k) / (2 * k * (2 * k - 1))) for k in range(1, 11)))

# log(sinh(s/2) / (s/2)) = sum_k g_k s^(2k),  g_k = B_{2k} / (2k (2k)!)
print("// log(sinh(s/2)/(s/2)) coefficients g_1 ... g_25")
print(",\n".join(fmt(mp.bernoulli(2 * k) / (2 * k * mp.factorial(2 * k))) for k in range(1, 26)))
