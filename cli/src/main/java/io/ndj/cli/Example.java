package io.ndj.cli;

import io.ndj.Nd;
import io.ndj.NdArray;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The README's example, run by {@code ./ndj example} and checked against the README by a test: the
 * code between the markers is the README's, and its output is the README's.
 */
public final class Example {
  private Example() {}

  public static void main(String[] args) throws Exception {
    run(System.out);
  }

  static void run(PrintStream out) throws Exception {
    Path file = Files.createTempFile("b", ".npy");
    // example:start
    try (var scope = Nd.scope()) {
      NdArray a = Nd.arange(12).reshape(3, 4); // int64, like np.arange(12).reshape(3, 4)
      NdArray b = a.multiply(0.5).add(Nd.array(new double[] {1, 2, 3, 4})); // broadcasting
      out.println(b);
      out.println(b.sum(0)); // a reduction over axis 0
      out.println(b.mean(new int[] {1}, true)); // keepdims=True
      out.println(a.get("1:, ::2")); // a[1:, ::2], a view
      out.println(a.get(a.gt(8L))); // a[a > 8]
      out.println(Nd.matmul(a, a.T())); // a @ a.T
      out.println(Nd.median(b) + " " + Nd.percentile(b, 90)); // np.median(b), np.percentile(b, 90)
      NdArray counts = Nd.zeros(4);
      Nd.addAt(counts, Nd.array(new long[] {0, 1, 1, 3}), 1.0); // np.add.at
      out.println(counts);
      out.println(Nd.random(42).normal(0, 1, 3)); // the same bits on every backend
      Nd.save(file, b); // np.load reads it
      out.println(Nd.load(file).dtype());
    }
    // example:end
    Files.deleteIfExists(file);
  }
}
