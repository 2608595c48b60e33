package io.ndj.conformance;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.ndj.ArrayFactory;
import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.Scope;
import io.ndj.spi.BackendProvider;
import java.util.function.Consumer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.TestAbortedException;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;

/**
 * What every contract shares: the backend under test (the one method an implementing class writes)
 * and its array factory methods, a scope per test ({@link ScopePerTest}), the property runner with
 * a fixed, printed seed, and the naming and "unsupported" handling of the op x dtype checks.
 *
 * <p>System properties: {@code ndj.conformance.examples} (default 20) and {@code
 * ndj.conformance.seed}.
 */
@ExtendWith(ScopePerTest.class)
public interface KitSupport extends ArrayFactory {
  /**
   * The backend under test; the factory methods ({@code arange}, {@code array}, ...) create arrays
   * on it.
   */
  @Override
  Backend backend();

  default int examples() {
    return Integer.getInteger("ndj.conformance.examples", 20);
  }

  default long seed() {
    return Long.getLong("ndj.conformance.seed", 20261125L);
  }

  /**
   * Whether the heavy checks run (arrays past 2^31 elements, a child JVM under memory pressure): on
   * unless {@code ndj.conformance.heavy=false}, which runs of the kit that look for other faults
   * set.
   */
  default boolean heavy() {
    return !"false".equals(System.getProperty("ndj.conformance.heavy"));
  }

  /**
   * Checks {@code property} on {@code examples()} generated values; a failure is shrunk and names
   * the seed.
   */
  default <T> void forAll(Gen<T> gen, Consumer<T> property) {
    QuickTheory.qt()
        .withFixedSeed(seed())
        .withExamples(examples())
        .withShrinkCycles(100)
        .forAll(gen)
        .checkAssert(
            x -> {
              try (Scope scope = Nd.scope()) {
                property.accept(x);
              }
            });
  }

  /**
   * One op x dtype check, named {@code "op[dtype]"} for the report. An {@link
   * UnsupportedOperationException} from {@code io.ndj}'s capability check (the backend declared the
   * pair unsupported) aborts the check as "unsupported"; it never passes silently.
   */
  default DynamicTest check(String op, DType dtype, Runnable body) {
    return dynamicTest(
        op + "[" + dtype + "]",
        () -> {
          try {
            body.run();
          } catch (UnsupportedOperationException e) {
            if (String.valueOf(e.getMessage()).contains("is not supported for")) {
              throw new TestAbortedException("unsupported: " + e.getMessage());
            }
            throw e;
          } catch (AssertionError e) {
            // QuickTheories reports an exception thrown inside a property as an AssertionError
            // naming it
            for (Throwable c = e; c != null; c = c.getCause()) {
              String m = String.valueOf(c.getMessage());
              if (c instanceof UnsupportedOperationException
                  || (m.contains("UnsupportedOperationException")
                      && m.contains("is not supported for"))) {
                throw new TestAbortedException(
                    "unsupported: " + op + " for " + dtype + " on " + backend().name());
              }
            }
            throw new AssertionError(
                op
                    + "["
                    + dtype
                    + "] on backend "
                    + backend().name()
                    + ": "
                    + e.getMessage()
                    + "\nReproduce: ./ndj conformance --backend "
                    + backend().name()
                    + " --seed "
                    + seed()
                    + " --examples "
                    + examples(),
                e);
          }
        });
  }

  /** Builds a case on the backend under test. */
  default NdArray make(Case c) {
    return c.build(backend());
  }

  /**
   * A NumPy table's operands field: arrays encoded {@code dtype|values|shape}, joined by {@code " ;
   * "}, {@code -} for none (null); an empty field is no operands.
   */
  default NdArray[] tableOperands(String field) {
    if (field.isEmpty()) {
      return new NdArray[0];
    }
    return java.util.Arrays.stream(field.split(" ; "))
        .map(
            e -> {
              if (e.equals("-")) {
                return null;
              }
              String[] p = e.split("\\|", -1);
              return make(p[0], NumpyCasesContract.doubles(p[1]), NumpyCasesContract.longs(p[2]));
            })
        .toArray(NdArray[]::new);
  }

  /**
   * An array of {@code dtype} with the given values (complex ones as re, im pairs) and shape, on
   * the backend under test.
   */
  default NdArray make(String dtype, double[] v, long[] shape) {
    if (DType.of(dtype).isComplex()) {
      try (NdArray flat = complexArray(v);
          NdArray d = flat.reshape(shape)) {
        return d.astype(DType.of(dtype));
      }
    }
    try (NdArray flat = array(v);
        NdArray d = flat.reshape(shape)) {
      return d.astype(DType.of(dtype));
    }
  }

  /**
   * A second, separate backend to mix with or compare against, closed by the caller: a fresh cpu
   * backend, or a fresh one of the kind under test where cpu is what is tested or is missing.
   */
  default Backend secondBackend() {
    BackendProvider same = null;
    for (BackendProvider p : Nd.providers()) {
      if (p.name().equals("cpu")
          && !backend().name().equals("cpu")
          && p.availability().available()) {
        return Backend.create(p);
      }
      if (p.name().equals(backend().name())) {
        same = p;
      }
    }
    if (same == null) {
      throw new IllegalStateException(
          "no provider named " + backend().name() + " among " + Nd.providers());
    }
    return Backend.create(same);
  }
}
