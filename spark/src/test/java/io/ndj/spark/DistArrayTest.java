package io.ndj.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DistArray on an embedded Spark ({@code local[2,2]}: two threads, a failed task retried once),
 * every op against the same op of single-machine ndj: equal, or within rounding where the sum is
 * taken in another order (said at each check).
 */
class DistArrayTest {
  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    sc =
        new JavaSparkContext(
            new SparkConf()
                .setMaster("local[2,2]")
                .setAppName("ndj-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    sc.setLogLevel("ERROR");
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  private static void close(double want, double got, String what) {
    assertEquals(want, got, 1e-12 * Math.max(1, Math.abs(want)), what + " (within rounding)");
  }

  @Test
  void reductionsMatchOneMachine() {
    NdArray x = Nd.random(5).normal(0, 3, 10_003);
    DistArray d = DistArray.parallelize(sc, x, 7);
    assertEquals(x.toString(), d.collect(1 << 20).toString(), "collect gives the array back");
    close(x.sum().doubleValue(), d.sum().doubleValue(), "sum");
    close(x.mean().doubleValue(), d.mean(), "mean");
    close(x.std().doubleValue(), d.std(0), "std");
    close(x.var(new int[] {0}, 1, false).doubleValue(), d.var(1), "var(ddof=1)");
    assertEquals(x.min().doubleValue(), d.min().doubleValue(), "min");
    assertEquals(x.max().doubleValue(), d.max().doubleValue(), "max");
    assertEquals(x.argmin().longValue(), d.argmin(), "argmin");
    assertEquals(x.argmax().longValue(), d.argmax(), "argmax");
    NdArray ints = Nd.arange(1000).multiply(7L);
    assertEquals(
        ints.sum().longValue(),
        DistArray.parallelize(sc, ints, 3).sum().longValue(),
        "int64 sum, exact");
  }

  @Test
  void twoDimensionalAxesHistogramAndBincount() {
    NdArray x = Nd.random(6).random(101, 5);
    DistArray d = DistArray.parallelize(sc, x, 4);
    NdArray s0 = d.sum(0);
    double[] want = x.sum(0).toDoubleArray();
    for (int j = 0; j < 5; j++) {
      close(want[j], s0.toDoubleArray()[j], "sum(0)[" + j + "]");
    }
    assertArrayEquals(
        x.sum(1).toDoubleArray(), d.sum(1).toDoubleArray(), "sum(1): row by row, the same order");
    assertArrayEquals(x.min(0).toDoubleArray(), d.min(0).toDoubleArray(), "min(0)");
    assertArrayEquals(x.max(1).toDoubleArray(), d.max(1).toDoubleArray(), "max(1)");
    NdArray[] h = Nd.histogram(x.ravel(), 10, new double[] {0, 1}, null, false);
    NdArray[] dh = d.histogram(10, 0, 1);
    assertArrayEquals(h[0].toLongArray(), dh[0].toLongArray(), "histogram counts");
    assertArrayEquals(h[1].toDoubleArray(), dh[1].toDoubleArray(), "histogram edges");
    NdArray k = Nd.random(8).integers(0, 17, 5000);
    assertArrayEquals(
        Nd.bincount(k, 20).toLongArray(),
        DistArray.parallelize(sc, k, 5).bincount(20).toLongArray(),
        "bincount");
  }

  @Test
  void randomAndFromFunctionEqualOneMachine() {
    DistArray r = DistArray.random(sc, 42, new long[] {1000, 3}, 6);
    assertArrayEquals(
        Nd.random(42).random(1000, 3).toDoubleArray(),
        r.collect(1 << 20).toDoubleArray(),
        "the same Philox stream, block by block");
    DistArray f =
        DistArray.fromFunction(
            sc, new long[] {40, 6}, DType.INT64, 3, idx -> idx[0].multiply(10L).add(idx[1]));
    assertArrayEquals(
        Nd.arange(40).reshape(40, 1).multiply(10L).add(Nd.arange(6)).toLongArray(),
        f.collect(1 << 20).toLongArray());
  }

  @Test
  void matrixProducts() {
    NdArray a = Nd.random(1).normal(0, 1, 200, 12);
    NdArray w = Nd.random(2).normal(0, 1, 12, 4);
    NdArray b = Nd.random(3).normal(0, 1, 12, 7);
    DistArray da = DistArray.parallelize(sc, a, 5);
    assertClose(a.matmul(w), da.matmul(w).collect(1 << 20), "a @ w, w local");
    assertClose(a.T().matmul(a), da.gram(), "the Gram matrix a.T @ a");
    assertClose(
        a.matmul(b),
        da.matmul(DistArray.parallelize(sc, b, 3)).collect(1 << 20),
        "a @ b, both distributed");
  }

  private static void assertClose(NdArray want, NdArray got, String what) {
    assertArrayEquals(want.shape().dims(), got.shape().dims(), what + ": shape");
    double[] w = want.toDoubleArray();
    double[] g = got.toDoubleArray();
    for (int i = 0; i < w.length; i++) {
      assertEquals(
          w[i], g[i], 1e-12 * Math.max(1, Math.abs(w[i])), what + " [" + i + "] (within rounding)");
    }
  }

  @Test
  void smallArraysBroadcastToEveryBlock() {
    NdArray x = Nd.random(12).normal(0, 1, 300, 4);
    NdArray mu = x.mean(new int[] {0}, false);
    NdArray sd = x.std(0);
    DistArray d = DistArray.parallelize(sc, x, 3);
    assertEquals(
        x.subtract(mu).divide(sd).toString(),
        d.subtract(mu).divide(sd).collect(1 << 20).toString(),
        "standardised columns, equal");
    NdArray w = Nd.array(new double[] {1, 2, 3, 4});
    assertEquals(
        x.multiply(w).add(1.0).toString(),
        d.mapWith(
                w,
                (blk, s) ->
                    Nd.fuse((io.ndj.Fused.Fn2) (a, b) -> a.multiply(b).add(1.0)).apply(blk, s))
            .collect(1 << 20)
            .toString(),
        "a fused function inside the tasks");
  }

  @Test
  void sortEqualsOneMachine() {
    NdArray x = Nd.random(9).integers(0, 50, 3001).astype(DType.FLOAT64);
    x.set("17", Double.NaN);
    DistArray s = DistArray.parallelize(sc, x, 4).sort();
    assertEquals(
        x.sort(0).toString(), s.collect(1 << 20).toString(), "the sorted values, NaN last");
  }

  @Test
  void shardsRoundTripAndBadShardsFailBeforeAnyWork(@TempDir Path dir) throws Exception {
    NdArray x = Nd.arange(60).reshape(20, 3).astype(DType.FLOAT32);
    String out = dir.resolve("x").toString();
    DistArray.parallelize(sc, x, 4).save(out);
    DistArray back = DistArray.fromNpyShards(sc, out);
    assertEquals(4, back.numBlocks());
    assertEquals(x.toString(), back.collect(1 << 20).toString());
    IllegalArgumentException exists =
        assertThrows(IllegalArgumentException.class, () -> back.save(out));
    assertTrue(exists.getMessage().endsWith("exists; save writes a new folder"));
    Nd.save(Path.of(out, "part-00002.npy"), Nd.zeros(DType.FLOAT64, 5, 3));
    IllegalArgumentException bad =
        assertThrows(IllegalArgumentException.class, () -> DistArray.fromNpyShards(sc, out));
    assertEquals(
        "part-00002.npy holds float64 rows of shape [3] where part-00000.npy holds float32 rows"
            + " of shape [3]",
        bad.getMessage());
    Files.delete(Path.of(out, "part-00002.npy"));
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> DistArray.fromNpyShards(sc, out));
    assertTrue(
        missing.getMessage().startsWith("shard part-00002.npy is missing"), missing.getMessage());
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary folder left behind");
    }
  }

  /**
   * Shards through Hadoop's file systems (a {@code file://} URI here; hdfs:// and s3a:// alike).
   */
  @Test
  void shardsRoundTripThroughHadoopFileSystems(@TempDir Path dir) throws Exception {
    NdArray x = Nd.arange(90).reshape(30, 3).astype(DType.INT32);
    String out = dir.resolve("y").toUri().toString();
    assertTrue(out.startsWith("file:"), out);
    DistArray.parallelize(sc, x, 3).save(out);
    try (var files = Files.list(dir.resolve("y"))) {
      assertEquals(
          List.of("part-00000.npy", "part-00001.npy", "part-00002.npy"),
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> !n.startsWith("."))
              .sorted()
              .toList());
    }
    // NumPy's own reader's view of a shard: what Nd.load reads from the local path
    assertEquals(x.get("10:20").toString(), Nd.load(dir.resolve("y/part-00001.npy")).toString());
    DistArray back = DistArray.fromNpyShards(sc, out);
    assertEquals(3, back.numBlocks());
    assertEquals(x.toString(), back.collect(1 << 20).toString());
    IllegalArgumentException exists =
        assertThrows(IllegalArgumentException.class, () -> back.save(out));
    assertTrue(exists.getMessage().endsWith("exists; save writes a new folder"));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary folder left behind");
    }
  }

  @Test
  void aTaskThatFailsOnceIsRetriedAndTheResultIsRight() {
    NdArray x = Nd.arange(0.0, 1000.0, 1.0);
    DistArray d =
        DistArray.parallelize(sc, x, 4)
            .map(
                b -> {
                  TaskContext t = TaskContext.get();
                  if (t.partitionId() == 1 && t.attemptNumber() == 0) {
                    throw new IllegalStateException("fault injected in block 1, first attempt");
                  }
                  return b.multiply(2.0);
                });
    assertEquals(x.multiply(2.0).sum().doubleValue(), d.sum().doubleValue(), "exact: integers");
  }

  @Test
  void parquetColumnsThroughSparksReader(@TempDir Path dir) {
    org.apache.spark.sql.SparkSession spark =
        org.apache.spark.sql.SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
    java.util.List<org.apache.spark.sql.Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      rows.add(
          org.apache.spark.sql.RowFactory.create(
              i * 0.5, (long) i * 3, (float) -i, i % 7 == 0 ? null : (double) i));
    }
    org.apache.spark.sql.types.StructType schema =
        new org.apache.spark.sql.types.StructType()
            .add("x", org.apache.spark.sql.types.DataTypes.DoubleType)
            .add("n", org.apache.spark.sql.types.DataTypes.LongType)
            .add("f", org.apache.spark.sql.types.DataTypes.FloatType)
            .add("g", org.apache.spark.sql.types.DataTypes.DoubleType, true)
            .add("s", org.apache.spark.sql.types.DataTypes.StringType);
    java.util.List<org.apache.spark.sql.Row> withS = new java.util.ArrayList<>();
    for (org.apache.spark.sql.Row r : rows) {
      withS.add(
          org.apache.spark.sql.RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), "t"));
    }
    String path = dir.resolve("t.parquet").toString();
    spark.createDataFrame(withS, schema).coalesce(1).write().parquet(path);
    assertTrue(
        ParquetColumns.columnarScan(spark.read().parquet(path).select("x", "n")),
        "Spark's vectorized Parquet reader hands out columnar batches");
    DistArray xn = DistArray.fromParquet(spark, path, "x", "n");
    assertEquals(DType.FLOAT64, xn.dtype(), "float64 and int64 columns: NumPy's float64");
    NdArray want =
        Nd.stack(
            java.util.List.of(
                Nd.arange(1000).multiply(0.5), Nd.arange(1000).multiply(3L).astype(DType.FLOAT64)),
            1);
    assertEquals(want.toString(), xn.collect(1 << 20).toString());
    DistArray f = DistArray.fromParquet(spark, path, "f");
    assertEquals(DType.FLOAT32, f.dtype());
    assertEquals(
        Nd.arange(1000).negative().astype(DType.FLOAT32).toString(), f.collect(1 << 20).toString());
    NdArray g = DistArray.fromParquet(spark, path, "g").collect(1 << 20);
    assertTrue(Double.isNaN(g.get(7).doubleValue()), "a null in a double column reads as NaN");
    assertEquals(9.0, g.get(9).doubleValue());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DistArray.fromParquet(spark, path, "s"));
    assertEquals("column 's' is string; fromParquet reads numeric columns", e.getMessage());
  }

  @Test
  void collectHasAGuard() {
    DistArray d = DistArray.parallelize(sc, Nd.zeros(1000), 2);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.collect(100));
    assertEquals(
        "collect of 8000 bytes is past the guard of 100 bytes: reduce it first, or raise the guard",
        e.getMessage());
    assertFalse(d.numBlocks() != 2);
  }
}
