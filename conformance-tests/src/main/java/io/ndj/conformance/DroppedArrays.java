package io.ndj.conformance;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;

/**
 * The child JVM of {@link MemoryPressureContract}: makes arrays on one backend and drops them
 * without {@code close()}, a hundred times the JVM's heap in all (and half again the device's
 * memory where the backend reports one), then prints {@code ok ARRAYS BYTES PEAK} (PEAK: the most
 * bytes the backend said it held).
 *
 * <p>Arguments: the backend's name.
 */
public final class DroppedArrays {
  private DroppedArrays() {}

  public static void main(String[] args) {
    Backend b = Nd.backend(args[0]);
    long device = b.memoryInfo().deviceTotal();
    long total = Math.max(100 * Runtime.getRuntime().maxMemory(), device > 0 ? device / 2 * 3 : 0);
    long each = Math.max(8L << 20, total / 1000 / 8 * 8);
    long n = each / 8;
    long made = 0;
    long peak = 0;
    int arrays = 0;
    while (made < total) {
      NdArray x = b.full(arrays, DType.FLOAT64, n);
      double last = x.get(n - 1).doubleValue();
      if (last != arrays) {
        throw new AssertionError("array " + arrays + " holds " + last + " at its end");
      }
      made += each;
      arrays++;
      peak = Math.max(peak, b.memoryInfo().used());
    }
    System.out.println("ok " + arrays + " " + made + " " + peak);
  }
}
