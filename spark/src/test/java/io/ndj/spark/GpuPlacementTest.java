package io.ndj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One GPU a task through Spark's own resource scheduling: a standalone cluster embedded in the test
 * ({@code local-cluster}: a master, a worker and an executor JVM of two cores), whose GPU discovery
 * script lists devices 0 and 1, each task asking for one ({@code
 * spark.task.resource.gpu.amount=1}). The executor's default backend is the two-device test backend
 * (TwinDevices): every task must compute on the device Spark gave it, and a DistArray's ops still
 * give the single-machine result.
 */
class GpuPlacementTest {
  private static JavaSparkContext sc;

  @BeforeAll
  static void start(@TempDir Path home) throws IOException {
    // the worker starts executors from a Spark home; a test's home needs only a release's marker
    // file, its (here empty) jars folder and the launcher's Scala folder, and spark.testing puts
    // this JVM's class path on the executor's
    Files.createDirectories(home.resolve("launcher/target/scala-2.13"));
    Files.createDirectories(home.resolve("jars"));
    Files.writeString(home.resolve("RELEASE"), "ndj's test Spark home\n");
    Path script = home.resolve("gpus.sh");
    Files.writeString(
        script, "#!/bin/sh\necho '{\"name\": \"gpu\", \"addresses\": [\"0\", \"1\"]}'\n");
    assertTrue(script.toFile().setExecutable(true));
    System.setProperty("spark.testing", "true");
    System.setProperty("spark.test.home", home.toString());
    sc =
        new JavaSparkContext(
            new SparkConf()
                .setMaster("local-cluster[1,2,1024]")
                .setAppName("ndj-gpu-placement")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.worker.resource.gpu.amount", "2")
                .set("spark.worker.resource.gpu.discoveryScript", script.toString())
                .set("spark.executor.resource.gpu.amount", "2")
                .set("spark.executor.resource.gpu.discoveryScript", script.toString())
                .set("spark.task.resource.gpu.amount", "1")
                .set("spark.executor.extraJavaOptions", "-Dndj.backend=twin"));
  }

  @AfterAll
  static void stop() {
    if (sc != null) {
      sc.stop();
    }
    System.clearProperty("spark.testing");
    System.clearProperty("spark.test.home");
  }

  @Test
  void eachTaskComputesOnTheGpuSparkGaveIt() {
    List<String> seen =
        sc.parallelize(List.of(0, 1, 2, 3, 4, 5, 6, 7), 8)
            .map(
                i -> {
                  String gpu = TaskContext.get().resourcesJMap().get("gpu").addresses()[0];
                  try (NdArray x = TaskBackend.current().arange(10)) {
                    return gpu + " " + x.backend().name() + " " + x.sum().longValue();
                  }
                })
            .collect();
    assertEquals(8, seen.size());
    for (String s : seen) {
      String[] f = s.split(" ");
      assertEquals(f[0].equals("0") ? "twin" : "twin:" + f[0], f[1], "task on GPU " + f[0]);
      assertEquals("45", f[2]);
    }
    assertTrue(Set.of("0", "1").containsAll(seen.stream().map(s -> s.split(" ")[0]).toList()));
  }

  @Test
  void aDistArrayOnTheGpusGivesTheSingleMachineResult() {
    try (NdArray x = Nd.backend("cpu").arange(40_000).astype(DType.FLOAT64).reshape(10_000, 4);
        NdArray twice = x.multiply(2);
        NdArray want = twice.sum(0)) {
      DistArray d = DistArray.parallelize(sc, x, 6).map(b -> b.multiply(2));
      try (NdArray got = d.sum(0)) {
        assertEquals(want.toString(), got.toString(), "integers in float64: exact in any order");
      }
    }
  }
}
