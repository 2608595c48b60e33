package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every invalid call throws with NumPy's wording and the offending values, and leaves every array
 * unchanged.
 */
public interface ErrorsContract extends KitSupport {
  /**
   * Runs {@code checks} on the operands every check uses, {@code a} (float64, (2,3), descending)
   * and {@code b} (uint8, (4,)), then checks that neither changed.
   */
  private void withOperands(BiConsumer<NdArray, NdArray> checks) {
    NdArray a = arange(6.0, 0.0, -1.0).reshape(2, 3);
    NdArray b = arange(4).astype(DType.UINT8);
    String before = a + "|" + b;
    checks.accept(a, b);
    assertEquals(before, a + "|" + b, "an array changed");
  }

  private <T extends Throwable> void fails(Class<T> type, String message, Consumer<Void> call) {
    T e = assertThrows(type, () -> call.accept(null));
    assertEquals(message, e.getMessage());
  }

  /**
   * Corners whose words or results NumPy 2.4 fixes (each expected string is NumPy's, printed for
   * the same call): reshape with an unknown dimension that cannot fit, a boolean-mask assignment of
   * the wrong size, and clip with Python-int bounds beyond an integer dtype where they change
   * nothing.
   */
  @Test
  default void numpysWordsForReshapeMaskAssignmentAndClipCorners() {
    Check.raisesNumpysMessage(
        "np.arange(7).reshape(-1, 2)",
        "cannot reshape array of size 7 into shape (2)",
        () -> arange(7).reshape(-1, 2));
    Check.raisesNumpysMessage(
        "np.arange(7).reshape(-1, 4, 2)",
        "cannot reshape array of size 7 into shape (4,2)",
        () -> arange(7).reshape(-1, 4, 2));
    Check.raisesNumpysMessage(
        "np.arange(7).reshape(2, -1, 3)",
        "cannot reshape array of size 7 into shape (2,newaxis,3)",
        () -> arange(7).reshape(2, -1, 3));
    NdArray m = arange(5);
    long[] before = m.toLongArray();
    Check.raisesNumpysMessage(
        "m[m > 2] = np.array([1, 2, 3, 4])",
        "NumPy boolean array indexing assignment cannot assign 4 input values to the 2 output"
            + " values where the mask is true",
        () -> m.set(m.gt(2L), array(new long[] {1, 2, 3, 4})));
    Check.raisesNumpysMessage(
        "m[m > 2] = np.array([[1, 2, 3]])",
        "NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input has 2"
            + " dimensions",
        () -> m.set(m.gt(2L), array(new long[] {1, 2, 3}).reshape(1, 3)));
    assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(m.toLongArray()));
    NdArray x = arange(5).astype(DType.INT8);
    assertEquals("[0 1 2 3 3]", x.clip(-1000L, 3L).toString(), "np.clip(x, -1000, 3)");
    assertEquals("[1 1 2 3 4]", x.clip(1L, 1000L).toString(), "np.clip(x, 1, 1000)");
    assertEquals(DType.INT8, x.clip(1L, 1000L).dtype());
    assertEquals(
        "[2 2 2 3 4]",
        arange(5).astype(DType.UINT8).clip(2L, 300L).toString(),
        "np.clip(uint8, 2, 300)");
    Check.raisesNumpysMessage(
        "np.clip(x, 1000, 2000)",
        "Python integer 1000 out of bounds for int8",
        () -> x.clip(1000L, 2000L));
    Check.raisesNumpysMessage(
        "np.clip(x, -2000, -1000)",
        "Python integer -1000 out of bounds for int8",
        () -> x.clip(-2000L, -1000L));
  }

  @Test
  default void shapes() {
    withOperands(
        (a, b) -> {
          fails(
              IllegalArgumentException.class,
              "operands could not be broadcast together with shapes (2,3) (4,) ",
              v -> a.add(b));
          fails(
              IllegalArgumentException.class,
              "cannot reshape array of size 6 into shape (4,2)",
              v -> a.reshape(4, 2));
          fails(
              IllegalArgumentException.class,
              "operands could not be broadcast together with remapped shapes [original->remapped]: (2,3)  and requested"
                  + " shape (3,3)",
              v -> a.broadcastTo(3, 3));
          fails(
              IllegalArgumentException.class,
              "could not broadcast input array from shape (4,) into shape (2,3)",
              v -> a.set("...", b));
          fails(
              IllegalArgumentException.class, "repeated axis in transpose", v -> a.transpose(0, 0));
          fails(IllegalArgumentException.class, "axes don't match array", v -> a.transpose(0));
        });
  }

  @Test
  default void axes() {
    withOperands(
        (a, b) -> {
          fails(
              IllegalArgumentException.class,
              "axis 2 is out of bounds for array of dimension 2",
              v -> a.sum(2));
          fails(
              IllegalArgumentException.class,
              "axis -3 is out of bounds for array of dimension 2",
              v -> a.mean(-3));
          fails(IllegalArgumentException.class, "duplicate value in 'axis'", v -> a.sum(0, -2));
          fails(
              IllegalArgumentException.class,
              "cannot select an axis to squeeze out which has size not equal to one",
              v -> a.squeeze(0));
          fails(
              IllegalArgumentException.class,
              "zero-size array to reduction operation maximum which has no identity",
              v -> zeros(0, 3).max(0));
        });
  }

  @Test
  default void indices() {
    withOperands(
        (a, b) -> {
          fails(
              IndexOutOfBoundsException.class,
              "index 2 is out of bounds for axis 0 with size 2",
              v -> a.get("2"));
          fails(
              IndexOutOfBoundsException.class,
              "index -4 is out of bounds for axis 1 with size 3",
              v -> a.get(":, -4"));
          fails(
              IndexOutOfBoundsException.class,
              "too many indices for array: array is 2-dimensional, but 3 were indexed",
              v -> a.get("1, 2, 3"));
          fails(
              IllegalArgumentException.class,
              "an index can only have a single ellipsis ('...')",
              v -> a.get("..., ..."));
          fails(IllegalArgumentException.class, "slice step cannot be zero", v -> a.get("::0"));
          fails(
              IllegalArgumentException.class,
              "invalid index 'x': only integers, slices (`:`), ellipsis (`...`) and None are valid indices, got 'x'",
              v -> a.get("x"));
        });
  }

  @Test
  default void dtypes() {
    withOperands(
        (a, b) -> {
          fails(
              IllegalArgumentException.class,
              "Python integer 300 out of bounds for uint8",
              v -> b.add(300));
          fails(
              IllegalArgumentException.class,
              "Python integer -1 out of bounds for uint8",
              v -> b.set("0", -1));
          fails(
              IllegalArgumentException.class,
              "Integers to negative integer powers are not allowed.",
              v -> b.astype(DType.INT32).power(-2));
          fails(
              IllegalArgumentException.class,
              "ufunc 'bitwise_and' not supported for the input types, and the inputs could not be safely coerced to any"
                  + " supported types according to the casting rule ''safe''",
              v -> a.bitwiseAnd(a));
          fails(
              IllegalArgumentException.class,
              "data type 'complex256' not understood",
              v -> DType.of("complex256"));
          fails(
              IllegalArgumentException.class,
              "assignment destination is read-only",
              v -> a.broadcastTo(2, 2, 3).set("0", 1));
        });
  }

  @Test
  default void closedArraysAndMixedBackends() {
    withOperands(
        (a, b) -> {
          NdArray c = ones(3);
          c.close();
          c.close();
          fails(IllegalStateException.class, "array is closed", v -> c.add(1));
          fails(IllegalStateException.class, "array is closed", v -> c.toString());
          fails(IllegalStateException.class, "array is closed", v -> a.add(c));
          try (Backend other = secondBackend();
              NdArray d = other.ones(2, 3)) {
            fails(
                IllegalArgumentException.class,
                "arrays live on different backends: "
                    + a.backend().name()
                    + " and "
                    + other.name()
                    + "; move one with x.to(backend)",
                v -> a.add(d));
            try (NdArray moved = d.to(a.backend());
                NdArray sum = a.add(moved)) {
              assertEquals("[[7. 6. 5.]\n [4. 3. 2.]]", sum.toString());
            }
          }
        });
  }

  @Test
  default void unknownBackend() {
    String found = String.join(", ", Nd.providers().stream().map(p -> p.name()).sorted().toList());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Nd.backend("tpu"));
    assertEquals(
        "no backend named 'tpu'; found: " + found,
        "no backend named 'tpu'; found: "
            + String.join(
                ", ",
                java.util.Arrays.stream(
                        e.getMessage().substring(e.getMessage().indexOf(": ") + 2).split(", "))
                    .sorted()
                    .toList()));
  }
}
