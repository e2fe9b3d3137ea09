"""Exact least-squares reference for a Filip-like degree-10 polynomial problem.

The data are generated with IEEE double operations that Swift reproduces bit for
bit (no transcendental functions), then converted exactly to rationals; the
normal equations of that exact double design are solved in exact rational arithmetic, so the printed
coefficients are the true least-squares solution of the double-valued data,
independent of any floating-point solver. Run: python3 ill_conditioned_polynomial.py
"""
from fractions import Fraction

n, degree = 82, 10
xs = [-3.1 - i * 0.07 for i in range(n)]
ys = [0.85 + 0.001 * ((i * 37) % 11) - 0.0005 * ((i * 13) % 7) for i in range(n)]

def float_powers(x):
    # Powers as the Swift test forms them: repeated double multiplication, each rounded.
    powers, value = [], 1.0
    for _ in range(degree + 1):
        powers.append(value)
        value = value * x
    return powers


# The design is the double-valued matrix itself, converted exactly.
X = [[Fraction(v) for v in float_powers(x)] for x in xs]
Y = [Fraction(y) for y in ys]
p = degree + 1
A = [[sum(X[i][r] * X[i][c] for i in range(n)) for c in range(p)] for r in range(p)]
b = [sum(X[i][r] * Y[i] for i in range(n)) for r in range(p)]


def solve(matrix, rhs):
    """Gauss-Jordan elimination in exact arithmetic."""
    m = [row[:] + [rhs[r]] for r, row in enumerate(matrix)]
    size = len(matrix)
    for col in range(size):
        pivot = next(r for r in range(col, size) if m[r][col] != 0)
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(size):
            if r != col and m[r][col] != 0:
                factor = m[r][col] / m[col][col]
                m[r] = [a - factor * c for a, c in zip(m[r], m[col])]
    return [m[r][size] / m[r][r] for r in range(size)]


beta = solve(A, b)
print("coefficients:", [float(v) for v in beta])
# Diagonal of (X'X)^-1, for standard errors.
inv_diag = [float(solve(A, [Fraction(int(r == j)) for r in range(p)])[j]) for j in range(p)]
print("inverse_gram_diagonal:", inv_diag)
