"""Writes numpy-distribution-errors.tsv beside this script: the ValueError NumPy 2's Generator raises for each bad
parameter of a distribution.

Run with NumPy >= 2 from this folder:  python3 numpy_distribution_errors.py > numpy-distribution-errors.tsv
Each line: the Generator method (NumPy's name); its scalar arguments, comma-separated; NumPy's message."""
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
for name, args in CALLS:
    try:
        getattr(g, name)(*args)
        raise SystemExit('%s%r did not raise' % (name, args))
    except ValueError as e:
        print('%s\t%s\t%s' % (name, ','.join(repr(a) for a in args), e))
