package io.ndj;

/** Special functions the distributions need, in StrictMath's arithmetic. */
final class Special {
  private Special() {}

  private static final double[] LANCZOS = {
    0.99999999999980993,
    676.5203681218851,
    -1259.1392167224028,
    771.32342877765313,
    -176.61502916214059,
    12.507343278686905,
    -0.13857109526572012,
    9.9843695780195716e-6,
    1.5056327351493116e-7
  };

  /** log|Γ(x)| for x > 0 (Lanczos, g = 7; relative error near 1e-15). */
  static double lgamma(double x) {
    if (x < 0.5) {
      return StrictMath.log(Math.PI / Math.abs(StrictMath.sin(Math.PI * x))) - lgamma(1 - x);
    }
    double z = x - 1;
    double a = LANCZOS[0];
    double t = z + 7.5;
    for (int i = 1; i < 9; i++) {
      a += LANCZOS[i] / (z + i);
    }
    return 0.5 * StrictMath.log(2 * Math.PI)
        + (z + 0.5) * StrictMath.log(t)
        - t
        + StrictMath.log(a);
  }
}
