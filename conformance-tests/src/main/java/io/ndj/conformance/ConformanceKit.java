package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.Nd;
import io.ndj.spi.BackendProvider;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The whole kit. A backend module runs it with one class in its tests:
 *
 * <pre>{@code
 * class CpuConformanceTest implements ConformanceKit {
 *   public Backend backend() { return Nd.backend("cpu"); }
 * }
 * }</pre>
 *
 * and registers that class in {@code META-INF/services/io.ndj.conformance.ConformanceKit} (test
 * resources), so that {@link #everyBackendFoundRunsTheKit()} can tell that no backend on the class
 * path goes unchecked. Vendors may instead run {@code ./ndj conformance --backend NAME --jar
 * their.jar} and read the report.
 */
public interface ConformanceKit
    extends ElementwiseContract,
        ComparisonContract,
        ReductionContract,
        CastContract,
        ViewsContract,
        MatmulContract,
        SortContract,
        RandomContract,
        PrintingContract,
        LifecycleContract,
        NpyFilesContract,
        SizeLimitsContract,
        LayoutsContract,
        MemoryPressureContract,
        LongLinesContract,
        CreationContract,
        ErrorsContract,
        EditsAndRandomContract,
        NpyContract,
        SurfaceContract,
        NumpyCasesContract,
        NumpyReductionsContract,
        ViewsTableContract,
        PrintingTableContract,
        DifferentialContract,
        NumpyStatsContract,
        StatsContract,
        AccumulateContract,
        RoutinesContract,
        MathRoutinesContract,
        ArrayRoutinesContract,
        LinalgContract,
        NumpyStreamContract,
        UfuncMethodsContract,
        InPlaceContract,
        KeywordArgumentsContract,
        FusionContract,
        ZeroCopyContract,
        TextFilesContract,
        DistributionsContract,
        FftContract,
        ComplexContract,
        EigContract,
        SpectraContract,
        UnsignedContract {

  /** The name of the backend under test, known without creating it. */
  default String backendName() {
    return backend().name();
  }

  /** Every backend provider found by ServiceLoader has a registered kit implementation. */
  @Test
  default void everyBackendFoundRunsTheKit() {
    Set<String> covered =
        ServiceLoader.load(ConformanceKit.class).stream()
            .map(p -> p.get().backendName())
            .collect(Collectors.toSet());
    for (BackendProvider p : Nd.providers()) {
      assertTrue(
          covered.contains(p.name()) || !p.availability().available(),
          "backend "
              + p.name()
              + " ("
              + p.getClass().getName()
              + ") was found but no ConformanceKit class runs"
              + " the kit on it: add one to its module's tests and list it in"
              + " META-INF/services/io.ndj.conformance.ConformanceKit");
    }
  }
}
