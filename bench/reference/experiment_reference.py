"""scipy / statsmodels references for the A/B experiment statistics
(Tests/InsightsAnalysisTests/Behavior/). Run: python3 bench/reference/experiment_reference.py

Sections printed (scipy 1.17, statsmodels 0.15):
  [ztest]    statsmodels.stats.proportion.proportions_ztest([xv, xc], [nv, nc]) -> z, p;
             confint_proportions_2indep(xv, nv, xc, nc, compare='diff', method='wald');
             confint_proportions_2indep(xv, nv, xc, nc, compare='ratio', method='log') - 1.
  [wilson]   statsmodels.stats.proportion.proportion_confint(x, n, alpha, method='wilson').
  [bayes]    P(V > C) = scipy.integrate.quad(beta.pdf(t; V) * beta.cdf(t; C)) over V's
             range, checked against Evan Miller's closed-form sum (integer shapes, mpmath);
             expected losses by nested quad of (x - y) f_C(x) f_V(y) (no moment identity);
             lift quantiles by brentq on quad(f_C(t) F_V(r t)), checked by 2e7 Monte Carlo
             draws (numpy default_rng(7)).
  [welch]    scipy.stats.ttest_ind(v, c, equal_var=False): statistic, pvalue, df and
             confidence_interval(0.95); lift interval by the delta-method formula in numpy.
  [srm]      scipy.stats.chisquare(observed, expected).
  [power]    statsmodels.stats.proportion.samplesize_proportions_2indep_onetail(diff, prop2,
             power, alpha=alpha); MDE by scipy.optimize.brentq on it.
  [msprt]    the closed form Lambda = sqrt(V/(V+tau2)) exp(d^2 tau2 / (2 V (V+tau2))) in mpmath;
             for conversions V is the pooled-null variance; [msprt-mean] uses the [welch]
             lognormal sample, V = s_v^2/n_v + s_c^2/n_c and tau = 0.1 * control mean.
  [holm]     statsmodels.stats.multitest.multipletests(p, method='holm' | 'bonferroni').
"""
import numpy as np
import mpmath as mp
from scipy import stats, integrate, optimize
from statsmodels.stats.proportion import (proportions_ztest, confint_proportions_2indep,
                                          proportion_confint,
                                          samplesize_proportions_2indep_onetail)
from statsmodels.stats.multitest import multipletests

mp.mp.dps = 40
CASES = [  # (nc, xc, nv, xv)
    (10000, 500, 10000, 560),
    (1200, 30, 1180, 22),
    (250000, 7500, 249000, 7700),
    (50, 7, 60, 15),
]

print("[ztest]")
for nc, xc, nv, xv in CASES:
    z, p = proportions_ztest([xv, xc], [nv, nc])
    d = confint_proportions_2indep(xv, nv, xc, nc, compare='diff', method='wald', alpha=0.05)
    r = confint_proportions_2indep(xv, nv, xc, nc, compare='ratio', method='log', alpha=0.05)
    r90 = confint_proportions_2indep(xv, nv, xc, nc, compare='ratio', method='log', alpha=0.10)
    print(repr((nc, xc, nv, xv)), repr(float(z)), repr(float(p)), repr((float(d[0]), float(d[1]))),
          repr((float(r[0]) - 1, float(r[1]) - 1)), "90%:", repr((float(r90[0]) - 1, float(r90[1]) - 1)))

print("[wilson]")
for x, n, alpha in [(500, 10000, 0.05), (0, 40, 0.05), (40, 40, 0.05), (7, 50, 0.10), (22, 1180, 0.01)]:
    lo, hi = proportion_confint(x, n, alpha=alpha, method='wilson')
    print(x, n, alpha, repr(float(lo)), repr(float(hi)))


def beta_range(a, b, eps=1e-18):
    return stats.beta.ppf(eps, a, b), stats.beta.isf(eps, a, b)


def p_beats(av, bv, ac, bc):
    lo, hi = beta_range(av, bv)
    val, err = integrate.quad(lambda t: stats.beta.pdf(t, av, bv) * stats.beta.cdf(t, ac, bc),
                              lo, hi, epsabs=1e-15, epsrel=1e-13, limit=500,
                              points=np.linspace(lo, hi, 9)[1:-1])
    return val


def miller(av, bv, ac, bc):
    # P(V > C) = sum_{i=0}^{av-1} B(ac+i, bc+bv) / ((bv+i) B(1+i, bv) B(ac, bc))
    total = mp.mpf(0)
    for i in range(int(av)):
        total += mp.exp(mp.log(mp.beta(ac + i, bc + bv)) - mp.log(bv + i)
                        - mp.log(mp.beta(1 + i, bv)) - mp.log(mp.beta(ac, bc)))
    return float(total)


def expected_loss(a1, b1, a2, b2):
    """E[max(X - Y, 0)], X ~ Beta(a1, b1), Y ~ Beta(a2, b2), by nested quad."""
    xlo, xhi = beta_range(a1, b1, 1e-16)
    ylo, yhi = beta_range(a2, b2, 1e-16)

    def inner(y):
        start = max(y, xlo)
        if start >= xhi:
            return 0.0
        v, _ = integrate.quad(lambda x: (x - y) * stats.beta.pdf(x, a1, b1), start, xhi,
                              epsabs=1e-16, epsrel=1e-12, limit=200)
        return v
    val, _ = integrate.quad(lambda y: stats.beta.pdf(y, a2, b2) * inner(y), ylo, yhi,
                            epsabs=1e-15, epsrel=1e-11, limit=200,
                            points=np.linspace(ylo, yhi, 9)[1:-1])
    return val


def ratio_cdf(r, av, bv, ac, bc):
    lo, hi = beta_range(ac, bc)
    val, _ = integrate.quad(lambda t: stats.beta.pdf(t, ac, bc) * stats.beta.cdf(min(1.0, r * t), av, bv),
                            lo, hi, epsabs=1e-15, epsrel=1e-13, limit=500,
                            points=np.linspace(lo, hi, 9)[1:-1])
    return val


def ratio_quantile(q, av, bv, ac, bc):
    m = (av / (av + bv)) / (ac / (ac + bc))
    return optimize.brentq(lambda r: ratio_cdf(r, av, bv, ac, bc) - q, m / 20, m * 20, xtol=1e-15, rtol=1e-14)


print("[bayes] prior (1,1) unless stated; P(V>C) quad, Miller sum, lossVariant, lossControl, lift 2.5%, 50%, 97.5%")
rng = np.random.default_rng(7)
for (nc, xc, nv, xv), prior in [(c, (1, 1)) for c in CASES] + [(CASES[1], (0.5, 0.5)), (CASES[3], (2, 30))]:
    a0, b0 = prior
    ac, bc = a0 + xc, b0 + nc - xc
    av, bv = a0 + xv, b0 + nv - xv
    pb = p_beats(av, bv, ac, bc)
    ms = miller(av, bv, ac, bc) if float(av).is_integer() else float('nan')
    loss_v = expected_loss(ac, bc, av, bv)   # E[max(C - V, 0)]
    loss_c = expected_loss(av, bv, ac, bc)   # E[max(V - C, 0)]
    qs = [ratio_quantile(q, av, bv, ac, bc) - 1 for q in (0.025, 0.5, 0.975)]
    draws = rng.beta(av, bv, 20_000_000) / rng.beta(ac, bc, 20_000_000) - 1
    mc = np.quantile(draws, [0.025, 0.5, 0.975])
    print(repr((nc, xc, nv, xv)), prior, repr(pb), repr(ms), repr(loss_v), repr(loss_c), repr(qs), "mc", mc)

print("[welch]")
rng = np.random.default_rng(20261127)
WELCH = {}
for name, c, v in [
    ("lognormal", np.round(rng.lognormal(3.0, 0.8, 40), 2), np.round(rng.lognormal(3.2, 0.9, 55), 2)),
    ("zero-inflated", np.round(rng.binomial(1, 0.3, 60) * rng.gamma(2.0, 15.0, 60), 2),
                      np.round(rng.binomial(1, 0.35, 48) * rng.gamma(2.0, 15.0, 48), 2)),
]:
    WELCH[name] = (c, v)
    res = stats.ttest_ind(v, c, equal_var=False)
    ci = res.confidence_interval(0.95)
    mc, mv = c.mean(), v.mean()
    vc, vv = c.var(ddof=1) / len(c), v.var(ddof=1) / len(v)
    lift = mv / mc - 1
    se = np.sqrt(vv / mc**2 + mv**2 * vc / mc**4)
    z = stats.norm.isf(0.025)
    print(name, "control", list(map(float, c)))
    print(name, "variant", list(map(float, v)))
    print(name, repr(float(res.statistic)), repr(float(res.pvalue)), repr(float(res.df)),
          repr((float(ci.low), float(ci.high))), repr(float(lift)), repr((float(lift - z * se), float(lift + z * se))))

print("[srm]")
for obs, w in [([5000, 5200], [1, 1]), ([10000, 10321, 9877], [1, 1, 1]), ([9000, 1100], [0.9, 0.1]),
               ([50210, 49790], [1, 1])]:
    e = np.array(w, float) / np.sum(w) * np.sum(obs)
    r = stats.chisquare(obs, e)
    print(obs, w, repr(float(r.statistic)), repr(float(r.pvalue)))

print("[power]")
for diff, base, power, alpha in [(0.01, 0.05, 0.8, 0.05), (-0.01, 0.05, 0.8, 0.05), (0.002, 0.03, 0.9, 0.01),
                                 (0.05, 0.5, 0.8, 0.05)]:
    n = samplesize_proportions_2indep_onetail(diff, base, power, alpha=alpha)
    print("n", diff, base, power, alpha, repr(float(n)))
for n, base, sign, power, alpha in [(10000, 0.05, 1, 0.8, 0.05), (10000, 0.05, -1, 0.8, 0.05), (2500, 0.2, 1, 0.9, 0.01)]:
    f = lambda d: samplesize_proportions_2indep_onetail(sign * d, base, power, alpha=alpha) - n
    d = optimize.brentq(f, 1e-6, (1 - base if sign > 0 else base) - 1e-9, xtol=1e-16, rtol=1e-15)
    print("mde", n, base, sign, power, alpha, repr(d))

print("[msprt]")
def log_lambda(d, V, tau2):
    d, V, tau2 = mp.mpf(d), mp.mpf(V), mp.mpf(tau2)
    return mp.log(mp.sqrt(V / (V + tau2))) + d * d * tau2 / (2 * V * (V + tau2))
for d, V, tau2 in [(0.006, 2.5e-5, 2.5e-5), (0.006, 2.5e-5, 1e-6), (-0.02, 1e-4, 4e-4), (0.0, 1e-4, 1e-4), (0.05, 1e-5, 1e-4)]:
    ll = log_lambda(d, V, tau2)
    print(d, V, tau2, repr(float(ll)), repr(float(min(1, mp.exp(-ll)))))
looks = [(1000, 50, 1000, 58), (2000, 101, 2000, 125), (3000, 149, 3000, 190), (4000, 203, 4000, 238)]
tau2 = (0.1 * 0.05) ** 2
best = 1.0
for nc, xc, nv, xv in looks:
    pooled = (xc + xv) / (nc + nv)
    V = pooled * (1 - pooled) * (1 / nc + 1 / nv)
    d = xv / nv - xc / nc
    p = float(min(1, mp.exp(-log_lambda(d, V, tau2))))
    best = min(best, p)
    print("look", (nc, xc, nv, xv), repr(p), repr(best))

print("[msprt-mean]")
c, v = WELCH["lognormal"]
d = v.mean() - c.mean()
V = v.var(ddof=1) / len(v) + c.var(ddof=1) / len(c)
tau2 = (0.1 * c.mean()) ** 2
ll = log_lambda(d, V, tau2)
print(repr(float(d)), repr(float(V)), repr(float(tau2)), repr(float(ll)), repr(float(min(1, mp.exp(-ll)))))

print("[holm]")
p = [0.01, 0.04, 0.03, 0.2]
print(p, list(map(float, multipletests(p, method='holm')[1])), list(map(float, multipletests(p, method='bonferroni')[1])))
p = [0.0004, 0.02, 0.019]
print(p, list(map(float, multipletests(p, method='holm')[1])), list(map(float, multipletests(p, method='bonferroni')[1])))
