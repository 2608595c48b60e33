import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Issue #23 item 5's question for backend-cpu's float32/float64 twins: what a fold costs. Times the twins' shape (one
 * loop over float[], one over double[], as Dense's x + y; runs of 4096 as Dense takes them) against two folds that
 * Java allows: one loop over an accessor interface with a float[] and a double[] implementation (the values pass as
 * double, which rounds float32 sums exactly as float arithmetic does), and one loop over MemorySegments whose element
 * layout is a parameter. x + y over n elements: µs a pass, the median of 15 samples after warm-up; sizes in cache show
 * the loops' own speed, larger ones the memory's.
 *
 * <pre>{@code java bench/TwinFold.java [n ...]}</pre>
 */
public final class TwinFold {
  private static final int RUN = 4096;

  interface Lanes {
    double get(int i);

    void set(int i, double v);
  }

  record FloatLanes(float[] a) implements Lanes {
    public double get(int i) {
      return a[i];
    }

    public void set(int i, double v) {
      a[i] = (float) v;
    }
  }

  record DoubleLanes(double[] a) implements Lanes {
    public double get(int i) {
      return a[i];
    }

    public void set(int i, double v) {
      a[i] = v;
    }
  }

  static void twin(float[] o, float[] x, float[] y, int from, int to) {
    for (int i = from; i < to; i++) {
      o[i] = x[i] + y[i];
    }
  }

  static void twin(double[] o, double[] x, double[] y, int from, int to) {
    for (int i = from; i < to; i++) {
      o[i] = x[i] + y[i];
    }
  }

  static void folded(Lanes o, Lanes x, Lanes y, int from, int to) {
    for (int i = from; i < to; i++) {
      o.set(i, x.get(i) + y.get(i));
    }
  }

  static void segments(
      boolean wide, MemorySegment o, MemorySegment x, MemorySegment y, int from, int to) {
    for (int i = from; i < to; i++) {
      if (wide) {
        o.setAtIndex(
            ValueLayout.JAVA_DOUBLE,
            i,
            x.getAtIndex(ValueLayout.JAVA_DOUBLE, i) + y.getAtIndex(ValueLayout.JAVA_DOUBLE, i));
      } else {
        o.setAtIndex(
            ValueLayout.JAVA_FLOAT,
            i,
            x.getAtIndex(ValueLayout.JAVA_FLOAT, i) + y.getAtIndex(ValueLayout.JAVA_FLOAT, i));
      }
    }
  }

  interface Body {
    void run(int from, int to);
  }

  /** Microseconds per pass over n elements: the median of 15 samples of enough passes for ~4 ms. */
  static double time(int n, Body body) {
    int passes = Math.max(1, 8_000_000 / n);
    double[] us = new double[15];
    for (int r = -30; r < us.length; r++) {
      long t0 = System.nanoTime();
      for (int p = 0; p < passes; p++) {
        for (int from = 0; from < n; from += RUN) {
          body.run(from, Math.min(n, from + RUN));
        }
      }
      if (r >= 0) {
        us[r] = (System.nanoTime() - t0) / 1e3 / passes;
      }
    }
    Arrays.sort(us);
    return us[us.length / 2];
  }

  public static void main(String[] args) {
    String[] sizes = args.length > 0 ? args : new String[] {"4096", "65536", "1000000", "10000000"};
    for (String size : sizes) {
      run(Integer.parseInt(size));
    }
  }

  static void run(int n) {
    float[] fx = new float[n];
    float[] fy = new float[n];
    float[] fo = new float[n];
    double[] dx = new double[n];
    double[] dy = new double[n];
    double[] dO = new double[n];
    for (int i = 0; i < n; i++) {
      fx[i] = i * 0.5f;
      fy[i] = 1.25f - i;
      dx[i] = fx[i];
      dy[i] = fy[i];
    }
    // both dtypes through each fold before timing, as a backend runs them (the call sites see both)
    Lanes lfo = new FloatLanes(fo);
    Lanes lfx = new FloatLanes(fx);
    Lanes lfy = new FloatLanes(fy);
    Lanes ldo = new DoubleLanes(dO);
    Lanes ldx = new DoubleLanes(dx);
    Lanes ldy = new DoubleLanes(dy);
    MemorySegment sfo = MemorySegment.ofArray(fo);
    MemorySegment sfx = MemorySegment.ofArray(fx);
    MemorySegment sfy = MemorySegment.ofArray(fy);
    MemorySegment sdo = MemorySegment.ofArray(dO);
    MemorySegment sdx = MemorySegment.ofArray(dx);
    MemorySegment sdy = MemorySegment.ofArray(dy);
    for (int w = 0; w < 3; w++) {
      time(n, (a, b) -> folded(ldo, ldx, ldy, a, b));
      time(n, (a, b) -> segments(true, sdo, sdx, sdy, a, b));
    }
    System.out.printf("x + y over %d elements, µs a pass (median of 15)%n", n);
    System.out.printf("%-8s %10s %12s %12s %14s%n", "dtype", "twin", "accessors", "segments", "best fold/twin");
    double t32 = time(n, (a, b) -> twin(fo, fx, fy, a, b));
    double a32 = time(n, (a, b) -> folded(lfo, lfx, lfy, a, b));
    double s32 = time(n, (a, b) -> segments(false, sfo, sfx, sfy, a, b));
    double t64 = time(n, (a, b) -> twin(dO, dx, dy, a, b));
    double a64 = time(n, (a, b) -> folded(ldo, ldx, ldy, a, b));
    double s64 = time(n, (a, b) -> segments(true, sdo, sdx, sdy, a, b));
    System.out.printf(
        "%-8s %10.3f %12.3f %12.3f %13.2fx%n", "float32", t32, a32, s32, Math.min(a32, s32) / t32);
    System.out.printf(
        "%-8s %10.3f %12.3f %12.3f %13.2fx%n", "float64", t64, a64, s64, Math.min(a64, s64) / t64);
  }
}
