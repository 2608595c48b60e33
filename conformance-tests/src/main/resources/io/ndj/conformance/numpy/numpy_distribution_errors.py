"""Writes numpy-distribution-errors.tsv beside this script: the ValueError NumPy 2's Generator raises for each bad
parameter of a distribution.

Run with NumPy >= 2 from this folder:  python3 numpy_distribution_errors.py > numpy-distribution-errors.tsv
Each line: the Generator method (NumPy's name); its arguments, comma-separated, each a scalar or, for the array
forms, a 1-d array's values joined by '|' (NumPy says some of these in other words, and checks them in another
order), or '=' and a value for a 0-d array (checked as a scalar); NumPy's message."""
import numpy as np

g = np.random.default_rng(0)
CALLS = [('exponential', (-1.0,)), ('standard_gamma', (-1.0,)), ('gamma', (1.0, -1.0)), ('gamma', (-1.0, 1.0)),
         ('beta', (0.0, 1.0)), ('beta', (1.0, 0.0)), ('beta', (-1.0, -1.0)), ('chisquare', (0.0,)),
         ('f', (0.0, 1.0)), ('f', (1.0, 0.0)), ('standard_t', (0.0,)), ('gumbel', (0.0, -1.0)),
         ('laplace', (0.0, -1.0)), ('logistic', (0.0, -1.0)), ('lognormal', (0.0, -1.0)), ('rayleigh', (-1.0,)),
         ('pareto', (0.0,)), ('pareto', (-2.0,)), ('weibull', (-1.0,)), ('power', (0.0,)),
         ('triangular', (2.0, 1.0, 3.0)), ('triangular', (0.0, 4.0, 3.0)), ('triangular', (1.0, 1.0, 1.0)),
         ('wald', (0.0, 1.0)), ('wald', (1.0, 0.0)), ('geometric', (0.0,)), ('geometric', (1.5,)),
         ('geometric', (float('nan'),)), ('poisson', (-1.0,)), ('poisson', (float('nan'),)), ('poisson', (1e20,)),
         ('binomial', (-1, 0.5)), ('binomial', (1, 1.5)), ('binomial', (1, -0.5)), ('negative_binomial', (0.0, 0.5)),
         ('negative_binomial', (1.0, 0.0)), ('negative_binomial', (1.0, 1.5)), ('hypergeometric', (1, 1, -1)),
         ('hypergeometric', (1, 1, 3)), ('zipf', (1.0,)), ('zipf', (0.5,)), ('vonmises', (0.0, -1.0)),
         ('normal', (0.0, -1.0)), ('logseries', (1.0,)), ('logseries', (-0.1,)), ('logseries', (float('nan'),)),
         ('noncentral_chisquare', (0.0, 1.0)), ('noncentral_chisquare', (1.0, -1.0)), ('noncentral_f', (0.0, 1.0, 1.0)),
         ('noncentral_f', (1.0, 0.0, 1.0)), ('noncentral_f', (1.0, 1.0, -1.0))]
# the laws ndj takes array parameters for, each argument as a 1-d array of two values; and arrays of a bad value
# beside a good one, and of two bad values of two kinds (which check comes first)
ARRAY_LAWS = {'exponential', 'standard_gamma', 'gamma', 'beta', 'chisquare', 'f', 'standard_t', 'gumbel', 'laplace',
              'logistic', 'lognormal', 'rayleigh', 'pareto', 'weibull', 'power', 'triangular', 'wald', 'geometric',
              'poisson', 'binomial', 'negative_binomial', 'hypergeometric', 'zipf', 'vonmises', 'normal'}
nan = float('nan')
MIXED = [('poisson', ([1e20, -1.0],)), ('poisson', ([-1.0, 1e20],)), ('poisson', ([nan, 1.0],)),
         ('poisson', ([2.0, -1.0],)), ('geometric', ([0.5, nan],)), ('zipf', ([2.0, nan],)),
         ('exponential', ([1.0, -1.0],)), ('binomial', ([3, -1], [0.5, 0.5])), ('binomial', ([3, 3], [0.5, nan])),
         ('gamma', ([1.0, -1.0], [-1.0, 1.0]))]
rows = [(name, args) for name, args in CALLS]
rows += [(name, tuple([a, a] for a in args)) for name, args in CALLS if name in ARRAY_LAWS]
rows += MIXED
ZERO_D = [('poisson', (nan,)), ('poisson', (-1.0,)), ('poisson', (1e20,)), ('binomial', (1, 1.5)), ('zipf', (0.5,)),
          ('zipf', (nan,))]
rows += [(name, tuple(('0d', a) for a in args)) for name, args in ZERO_D]


def arg(a):
    if isinstance(a, tuple):
        return '=' + repr(a[1])
    return '|'.join(repr(v) for v in a) if isinstance(a, list) else repr(a)


def value(a):
    if isinstance(a, tuple):
        return np.array(a[1])
    return np.array(a) if isinstance(a, list) else a


for name, args in rows:
    try:
        getattr(g, name)(*[value(a) for a in args])
        raise SystemExit('%s%r did not raise' % (name, args))
    except ValueError as e:
        print('%s\t%s\t%s' % (name, ','.join(arg(a) for a in args), e))
