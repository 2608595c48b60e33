package io.ndj.spark;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.NpyInfo;
import io.ndj.Scope;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * A 1-d or 2-d array split into row blocks over a Spark RDD, one {@link Block} per partition; each
 * task computes with ndj on its executor's default backend ({@code Nd.backend()}), on the GPU Spark
 * gave the task where it gave one. The driver keeps the shape, the dtype and where each block
 * starts; operations are Spark jobs (reductions by tree aggregation), their results ndj arrays on
 * the driver or new DistArrays.
 *
 * <p>Results equal the single-machine ndj result exactly for elementwise maps, min, max, argmin,
 * argmax, histogram, bincount, sort, integer sums and collect; floating sums, means, variances and
 * matrix products add in another order and agree within rounding.
 */
public final class DistArray implements Serializable {
  private final transient JavaSparkContext sc;
  private final transient JavaRDD<Block> blocks;
  private final long[] shape;
  private final DType dtype;
  private final long[] rowStarts;

  private DistArray(
      JavaSparkContext sc, JavaRDD<Block> blocks, long[] shape, DType dtype, long[] rowStarts) {
    this.sc = sc;
    this.blocks = blocks;
    this.shape = shape.clone();
    this.dtype = dtype;
    this.rowStarts = rowStarts.clone();
  }

  /** A function of one block, run in a task: an elementwise map keeps the block's row count. */
  public interface BlockFn extends Serializable {
    /** The new block. */
    NdArray apply(NdArray block);
  }

  /** NumPy's fromfunction for one block: the global index arrays of its elements in, values out. */
  public interface IndexFn extends Serializable {
    /** The values at these indices (one int64 array per axis, the block's shape). */
    NdArray apply(NdArray[] indices);
  }

  // ---- creation ----

  /** Row starts of {@code rows} rows in {@code n} blocks as equal as they can be. */
  private static long[] split(long rows, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("blocks must be at least 1, got " + n);
    }
    long[] starts = new long[n + 1];
    for (int i = 0; i <= n; i++) {
      starts[i] = rows * i / n;
    }
    return starts;
  }

  private static void checkShape(long[] shape) {
    if (shape.length < 1 || shape.length > 2) {
      throw new IllegalArgumentException(
          "a DistArray is 1-d or 2-d; got shape " + Arrays.toString(shape));
    }
  }

  private static long[] blockShape(long[] shape, long rows) {
    long[] s = shape.clone();
    s[0] = rows;
    return s;
  }

  /** A local array split into {@code blocks} row blocks (NumPy's array, distributed). */
  public static DistArray parallelize(JavaSparkContext sc, NdArray x, int blocks) {
    long[] shape = x.shape().dims();
    checkShape(shape);
    long[] starts = split(shape[0], blocks);
    List<Block> list = new ArrayList<>();
    for (int i = 0; i < blocks; i++) {
      try (NdArray part = x.get(starts[i] + ":" + starts[i + 1])) {
        list.add(Block.of(i, starts[i], part));
      }
    }
    return new DistArray(sc, sc.parallelize(list, blocks), shape, x.dtype(), starts);
  }

  /** Plans blocks of a shape, each made in its own task by {@code make(index, start, rows)}. */
  private interface Maker extends Serializable {
    NdArray make(long start, long[] blockShape);
  }

  private static DistArray generate(
      JavaSparkContext sc, long[] shape, DType dtype, int blocks, Maker make) {
    checkShape(shape);
    long[] starts = split(shape[0], blocks);
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < blocks; i++) {
      ids.add(i);
    }
    long[] s = shape.clone();
    JavaRDD<Block> rdd =
        sc.parallelize(ids, blocks)
            .map(
                i -> {
                  try (Scope scope = Nd.scope()) {
                    NdArray b = make.make(starts[i], blockShape(s, starts[i + 1] - starts[i]));
                    return Block.of(i, starts[i], b);
                  }
                });
    return new DistArray(sc, rdd, shape, dtype, starts);
  }

  /**
   * Uniform float64 in [0, 1), equal to {@code Nd.random(seed).random(shape)} on one machine for
   * the same seed: block b draws its own part of the Philox stream ({@code Generator.advance}).
   */
  public static DistArray random(JavaSparkContext sc, long seed, long[] shape, int blocks) {
    long cols = shape.length == 2 ? shape[1] : 1;
    return generate(
        sc,
        shape,
        DType.FLOAT64,
        blocks,
        (start, bs) -> Nd.random(seed).advance(start * cols).random(bs));
  }

  /**
   * NumPy's {@code fromfunction} over a distributed shape: each task calls {@code f} with the
   * global index arrays of its block. {@code dtype} is the dtype f returns.
   */
  public static DistArray fromFunction(
      JavaSparkContext sc, long[] shape, DType dtype, int blocks, IndexFn f) {
    return generate(
        sc,
        shape,
        dtype,
        blocks,
        (start, bs) -> {
          NdArray[] idx = new NdArray[bs.length];
          for (int a = 0; a < bs.length; a++) {
            long[] one = new long[bs.length];
            Arrays.fill(one, 1);
            one[a] = bs[a];
            NdArray r = Nd.arange(bs[a]).reshape(one);
            idx[a] = (a == 0 ? r.add(start) : r).broadcastTo(bs);
          }
          NdArray v = f.apply(idx);
          if (v.dtype() != dtype) {
            throw new IllegalArgumentException(
                "fromFunction: f returned " + v.dtype() + " where " + dtype + " was declared");
          }
          return v;
        });
  }

  /**
   * The {@code .npy} shards of a folder ({@code part-00000.npy}, {@code part-00001.npy}, ...) as
   * one array, one block per shard; each task reads its own. Every header is read and checked first
   * (same dtype, same row shape, no gap in the numbering), before any task runs. The folder is a
   * local path or a URI of any file system Hadoop reaches ({@code hdfs://}, {@code s3a://}, {@code
   * file://}), read with the driver's Hadoop configuration.
   *
   * @throws IllegalArgumentException naming the shard that disagrees or is missing
   */
  public static DistArray fromNpyShards(JavaSparkContext sc, String folder) {
    Shards store = Shards.of(folder, sc.hadoopConfiguration());
    List<String> files = store.list(folder);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no part-NNNNN.npy shards in " + folder);
    }
    long[] starts = new long[files.size() + 1];
    DType dtype = null;
    long[] rowShape = null;
    for (int i = 0; i < files.size(); i++) {
      String want = String.format("part-%05d.npy", i);
      if (!files.get(i).equals(want)) {
        throw new IllegalArgumentException(
            "shard " + want + " is missing from " + folder + " (found " + files.get(i) + ")");
      }
      NpyInfo h = store.header(folder, files.get(i));
      long[] rs = Arrays.copyOfRange(h.shape(), Math.min(1, h.shape().length), h.shape().length);
      if (h.shape().length < 1 || h.shape().length > 2) {
        throw new IllegalArgumentException(
            want + " has shape " + Arrays.toString(h.shape()) + "; shards are 1-d or 2-d");
      }
      if (dtype == null) {
        dtype = h.dtype();
        rowShape = rs;
      } else if (h.dtype() != dtype || !Arrays.equals(rs, rowShape)) {
        throw new IllegalArgumentException(
            want
                + " holds "
                + h.dtype()
                + " rows of shape "
                + Arrays.toString(rs)
                + " where part-00000.npy holds "
                + dtype
                + " rows of shape "
                + Arrays.toString(rowShape));
      }
      starts[i + 1] = starts[i] + h.shape()[0];
    }
    long[] shape = new long[1 + rowShape.length];
    shape[0] = starts[files.size()];
    System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      ids.add(i);
    }
    JavaRDD<Block> rdd =
        sc.parallelize(ids, ids.size())
            .map(
                i -> {
                  try (Scope scope = Nd.scope()) {
                    return Block.of(
                        i, starts[i], store.load(TaskBackend.current(), folder, files.get(i)));
                  }
                });
    return new DistArray(sc, rdd, shape, dtype, starts);
  }

  /**
   * Numeric columns of Parquet files, through Spark's reader, as one array: 1-d for one column,
   * (rows, k) for k, of the columns' common NumPy dtype (double, float, long, int, short, byte,
   * boolean); one block per partition of the scan, rows in the order Spark reads them (a single
   * file's own order). Where Spark's scan is columnar (its vectorized Parquet reader), each batch
   * is copied a column at a time ({@code ColumnVector.getDoubles} and its kin), never row by row;
   * otherwise rows are read.
   *
   * @throws IllegalArgumentException naming a column that is missing, not numeric, or holds nulls
   *     where its dtype has no NaN
   */
  public static DistArray fromParquet(
      org.apache.spark.sql.SparkSession spark, String path, String... columns) {
    org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> df = spark.read().parquet(path);
    if (columns.length == 0) {
      throw new IllegalArgumentException("fromParquet needs at least one column");
    }
    df = df.selectExpr(Arrays.stream(columns).map(c -> "`" + c + "`").toArray(String[]::new));
    DType[] types = new DType[columns.length];
    DType common = null;
    for (int j = 0; j < columns.length; j++) {
      org.apache.spark.sql.types.DataType dt = df.schema().fields()[j].dataType();
      types[j] = ParquetColumns.dtype(columns[j], dt);
      common = common == null ? types[j] : DType.promote(common, types[j]);
    }
    DType dtype = common;
    int k = columns.length;
    JavaRDD<Block> unplaced = ParquetColumns.blocks(df, types, dtype).cache();
    int n = unplaced.getNumPartitions();
    long[] starts = rowStarts(unplaced, n);
    long[] shape = k == 1 ? new long[] {starts[n]} : new long[] {starts[n], k};
    return new DistArray(
        JavaSparkContext.fromSparkContext(spark.sparkContext()),
        placed(unplaced, starts),
        shape,
        dtype,
        starts);
  }

  /** Where each of n blocks starts, from their row counts (one small job). */
  private static long[] rowStarts(JavaRDD<Block> blocks, int n) {
    long[] rows = new long[n];
    for (long[] sz : blocks.map(b -> new long[] {b.index(), b.rows()}).collect()) {
      rows[(int) sz[0]] = sz[1];
    }
    long[] starts = new long[n + 1];
    for (int i = 0; i < n; i++) {
      starts[i + 1] = starts[i] + rows[i];
    }
    return starts;
  }

  /** The blocks with their first rows set from {@code starts}. */
  private static JavaRDD<Block> placed(JavaRDD<Block> blocks, long[] starts) {
    return blocks.map(b -> new Block(b.index(), starts[b.index()], b.dtype(), b.shape(), b.data()));
  }

  // ---- attributes ----

  public long[] shape() {
    return shape.clone();
  }

  public DType dtype() {
    return dtype;
  }

  public int numBlocks() {
    return rowStarts.length - 1;
  }

  /** The RDD of blocks, one per partition, for Spark code of one's own. */
  public JavaRDD<Block> blocks() {
    return blocks;
  }

  /** Caches the blocks in executor memory (Spark's {@code cache()}); returns this. */
  public DistArray cache() {
    blocks.cache();
    return this;
  }

  private long size() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  // ---- elementwise ----

  /**
   * {@code f} applied to every block (an elementwise or row-wise function: it must keep the row
   * count), as a new DistArray; the result's dtype and row shape come from the first block's.
   */
  public DistArray map(BlockFn f) {
    JavaRDD<Block> out =
        blocks.map(
            b -> {
              try (Scope scope = Nd.scope()) {
                NdArray r = f.apply(b.toNd(TaskBackend.current()));
                if (r.ndim() == 0 || r.shape().dims()[0] != b.rows()) {
                  throw new IllegalArgumentException(
                      "map must keep each block's rows: block "
                          + b.index()
                          + " had "
                          + b.rows()
                          + " rows, f returned shape "
                          + r.shape());
                }
                return Block.of(b.index(), b.rowStart(), r);
              }
            });
    Block like = probe(f);
    if (like == null) {
      like = out.first(); // f cannot run on an empty block: one job for the first block's result
    }
    long[] s = like.shape().clone();
    s[0] = shape[0];
    return new DistArray(sc, out, s, DType.of(like.dtype()), rowStarts);
  }

  /**
   * f's result on an empty block of this array's dtype and row shape, run here on the driver: its
   * dtype and row shape without a Spark job; null where f fails on it.
   */
  private Block probe(BlockFn f) {
    try (Scope scope = Nd.scope()) {
      long[] empty = shape.clone();
      empty[0] = 0;
      NdArray r = f.apply(Nd.zeros(dtype, empty));
      return r.ndim() == 0 || r.shape().dims()[0] != 0 ? null : Block.of(0, 0, r);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** A function of one block and a small local array broadcast to every task. */
  public interface WithFn extends Serializable {
    /** The new block. */
    NdArray apply(NdArray block, NdArray small);
  }

  /**
   * {@code f(block, small)} for every block, with {@code small} (a local array: a row of
   * coefficients, a mean to subtract) sent once to each executor through a Spark broadcast; ndj
   * arrays are not serializable, so a closure cannot carry one. Fused functions ({@code Nd.fuse})
   * run here as anywhere.
   */
  public DistArray mapWith(NdArray small, WithFn f) {
    Broadcast<Block> b = sc.broadcast(Block.of(0, 0, small));
    return map(x -> f.apply(x, b.value().toNd(TaskBackend.current())));
  }

  /** {@code x + small}, small broadcast as NumPy broadcasts (a row, a column of ones, a scalar). */
  public DistArray add(NdArray small) {
    return mapWith(small, NdArray::add);
  }

  /** {@code x - small}, broadcast. */
  public DistArray subtract(NdArray small) {
    return mapWith(small, NdArray::subtract);
  }

  /** {@code x * small}, broadcast. */
  public DistArray multiply(NdArray small) {
    return mapWith(small, NdArray::multiply);
  }

  /** {@code x / small}, broadcast. */
  public DistArray divide(NdArray small) {
    return mapWith(small, NdArray::divide);
  }

  /** {@code x + v}. */
  public DistArray add(double v) {
    return map(x -> x.add(v));
  }

  /** {@code x * v}. */
  public DistArray multiply(double v) {
    return map(x -> x.multiply(v));
  }

  // ---- reductions ----

  /** One partial result per block, combined pairwise in a tree, back on the driver. */
  private interface Combine extends Serializable {
    NdArray apply(NdArray a, NdArray b);
  }

  /**
   * Up to this many blocks, partial results go straight to the driver (one stage); past it, Spark's
   * tree aggregation combines them on the executors first (one more stage, less on the driver).
   */
  private static final int TREE_FROM = 64;

  private <T> T combine(
      JavaRDD<T> partials, org.apache.spark.api.java.function.Function2<T, T, T> f) {
    return numBlocks() <= TREE_FROM ? partials.reduce(f) : partials.treeReduce(f);
  }

  private NdArray reduce(BlockFn partial, Combine combine) {
    Block r =
        combine(
            blocks.map(
                b -> {
                  try (Scope scope = Nd.scope()) {
                    return Block.of(b.index(), 0, partial.apply(b.toNd(TaskBackend.current())));
                  }
                }),
            (a, b) -> {
              try (Scope scope = Nd.scope()) {
                return Block.of(
                    Math.min(a.index(), b.index()),
                    0,
                    combine.apply(a.toNd(TaskBackend.current()), b.toNd(TaskBackend.current())));
              }
            });
    try (NdArray shared = r.toNd(TaskBackend.current())) {
      return shared.copy();
    }
  }

  /** {@code x.sum()}: NumPy's result dtype (int64 for integers, exact). */
  public NdArray sum() {
    return reduce(NdArray::sum, NdArray::add);
  }

  /**
   * {@code x.sum(axis)}: axis 0 gives a local array; axis 1 (2-d) a DistArray's worth, collected.
   */
  public NdArray sum(int axis) {
    int ax = axis < 0 ? axis + shape.length : axis;
    if (ax == 0) {
      return reduce(x -> x.sum(0), NdArray::add);
    }
    return map(x -> x.sum(ax)).collect(Long.MAX_VALUE);
  }

  /** {@code x.min()} (NaN if any is NaN, as NumPy). */
  public NdArray min() {
    return reduce(NdArray::min, NdArray::minimum);
  }

  /** {@code x.max()}. */
  public NdArray max() {
    return reduce(NdArray::max, NdArray::maximum);
  }

  /** {@code x.min(0)} / {@code x.max(0)} of a 2-d array: column extremes. */
  public NdArray min(int axis) {
    return axis == 0
        ? reduce(x -> x.min(0), NdArray::minimum)
        : map(x -> x.min(1)).collect(Long.MAX_VALUE);
  }

  public NdArray max(int axis) {
    return axis == 0
        ? reduce(x -> x.max(0), NdArray::maximum)
        : map(x -> x.max(1)).collect(Long.MAX_VALUE);
  }

  /** Count, mean and sum of squared deviations of one block (Chan et al.'s parallel variance). */
  private record Moments(double n, double mean, double m2) implements Serializable {
    Moments merge(Moments o) {
      if (n == 0) {
        return o;
      }
      if (o.n == 0) {
        return this;
      }
      double total = n + o.n;
      double delta = o.mean - mean;
      return new Moments(
          total, mean + delta * o.n / total, m2 + o.m2 + delta * delta * n * o.n / total);
    }
  }

  private Moments moments() {
    return combine(
        blocks.map(
            b -> {
              try (Scope scope = Nd.scope()) {
                NdArray x = b.toNd(TaskBackend.current()).astype(DType.FLOAT64);
                double n = x.size();
                if (n == 0) {
                  return new Moments(0, 0, 0);
                }
                double mean = x.mean().doubleValue();
                double m2 = x.subtract(mean).square().sum().doubleValue();
                return new Moments(n, mean, m2);
              }
            }),
        Moments::merge);
  }

  /** {@code x.mean()} as float64: one pass, the float64 sum over the size. */
  public double mean() {
    return reduce(x -> x.sum(Nd.dtype(DType.FLOAT64)), NdArray::add).doubleValue() / size();
  }

  /** {@code x.var(ddof=ddof)}. */
  public double var(int ddof) {
    Moments m = moments();
    return m.m2() / (m.n() - ddof);
  }

  /** {@code x.std(ddof=ddof)}. */
  public double std(int ddof) {
    return Math.sqrt(var(ddof));
  }

  /** A block's extreme: its value and global flat index. */
  private record Arg(double value, long index) implements Serializable {}

  private long argExtreme(boolean min) {
    long cols = shape.length == 2 ? shape[1] : 1;
    return combine(
            blocks.map(
                b -> {
                  try (Scope scope = Nd.scope()) {
                    NdArray x = b.toNd(TaskBackend.current());
                    if (x.size() == 0) {
                      return new Arg(Double.NaN, -1);
                    }
                    long local = (min ? x.argmin() : x.argmax()).longValue();
                    double v = x.ravel().get(local).doubleValue();
                    return new Arg(v, b.rowStart() * cols + local);
                  }
                }),
            (a, c) -> better(a, c, min))
        .index();
  }

  /** NumPy's rule: the first NaN wins, else the extreme, ties to the lower index. */
  private static Arg better(Arg a, Arg b, boolean min) {
    if (a.index() < 0) {
      return b;
    }
    if (b.index() < 0) {
      return a;
    }
    boolean an = Double.isNaN(a.value());
    boolean bn = Double.isNaN(b.value());
    if (an || bn) {
      return an && (!bn || a.index() < b.index()) ? a : b;
    }
    int c = Double.compare(a.value(), b.value());
    if (c == 0) {
      return a.index() < b.index() ? a : b;
    }
    return (min ? c < 0 : c > 0) ? a : b;
  }

  /** {@code x.argmin()}: the flat index. */
  public long argmin() {
    return argExtreme(true);
  }

  /** {@code x.argmax()}: the flat index. */
  public long argmax() {
    return argExtreme(false);
  }

  /** NumPy's {@code histogram(x, bins, range=(lo, hi))}: {counts (int64), edges}. */
  public NdArray[] histogram(long bins, double lo, double hi) {
    double[] range = {lo, hi};
    NdArray counts =
        reduce(x -> Nd.histogram(x.ravel(), bins, range, null, false)[0], NdArray::add);
    NdArray edges = Nd.histogram(Nd.zeros(0), bins, range, null, false)[1];
    return new NdArray[] {counts, edges};
  }

  /** NumPy's {@code bincount(x, minlength)} of a 1-d array of non-negative integers. */
  public NdArray bincount(long minlength) {
    long length = Math.max(minlength, max().longValue() + 1);
    return reduce(x -> Nd.bincount(x.ravel(), length), NdArray::add);
  }

  // ---- linear algebra ----

  /** {@code x @ w} for a small local w (k, m): broadcast once, one matmul per block. */
  public DistArray matmul(NdArray w) {
    return mapWith(w, NdArray::matmul);
  }

  /** The Gram matrix {@code x.T @ x} (k, k) of a 2-d array, summed over the blocks. */
  public NdArray gram() {
    return reduce(x -> x.T().matmul(x), NdArray::add);
  }

  /**
   * {@code self @ other} for two distributed matrices, block by block: every block of this (rows I,
   * all k columns) meets every block of other (rows K); each pair adds {@code self[I, K] @ other[K,
   * :]} into result block I.
   */
  public DistArray matmul(DistArray other) {
    if (shape.length != 2 || other.shape.length != 2 || shape[1] != other.shape[0]) {
      throw new IllegalArgumentException(
          "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature"
              + " (n?,k),(k,m?)->(n?,m?) (size "
              + other.shape[0]
              + " is different from "
              + (shape.length == 2 ? shape[1] : 1)
              + ")");
    }
    int n = numBlocks();
    JavaPairRDD<Integer, Block> partials =
        blocks
            .cartesian(other.blocks)
            .mapToPair(
                p -> {
                  try (Scope scope = Nd.scope()) {
                    Block a = p._1();
                    Block b = p._2();
                    NdArray left =
                        a.toNd(TaskBackend.current())
                            .get(":, " + b.rowStart() + ":" + (b.rowStart() + b.rows()));
                    NdArray prod = left.matmul(b.toNd(TaskBackend.current()));
                    return new Tuple2<>(a.index(), Block.of(a.index(), a.rowStart(), prod));
                  }
                });
    JavaRDD<Block> summed =
        partials
            .reduceByKey(
                new HashPartitioner(n),
                (a, b) -> {
                  try (Scope scope = Nd.scope()) {
                    return Block.of(
                        a.index(),
                        a.rowStart(),
                        a.toNd(TaskBackend.current()).add(b.toNd(TaskBackend.current())));
                  }
                })
            .values();
    return new DistArray(sc, summed, new long[] {shape[0], other.shape[1]}, dtype, rowStarts);
  }

  // ---- sort, collect, save ----

  /**
   * The sorted values of a 1-d array as a new DistArray (a sample of each block picks the
   * splitters, the values go to the block of their range, each block sorts its own): equal to
   * {@code Nd.sort} of the whole array.
   */
  public DistArray sort() {
    if (shape.length != 1) {
      throw new IllegalArgumentException(
          "sort of a DistArray is 1-d; this one is " + shape.length + "-d");
    }
    int n = numBlocks();
    double[] sample =
        blocks
            .flatMap(
                b -> {
                  try (Scope scope = Nd.scope()) {
                    double[] v = b.toNd(TaskBackend.current()).toDoubleArray();
                    List<Double> s = new ArrayList<>();
                    for (int i = 0; i < v.length; i += Math.max(1, v.length / 64)) {
                      s.add(v[i]);
                    }
                    return s.iterator();
                  }
                })
            .collect()
            .stream()
            .mapToDouble(Double::doubleValue)
            .sorted()
            .toArray();
    double[] splitters = new double[n - 1];
    for (int i = 1; i < n; i++) {
      splitters[i - 1] = sample.length == 0 ? 0 : sample[(int) ((long) sample.length * i / n)];
    }
    JavaRDD<Block> ranged =
        blocks
            .flatMapToPair(
                b -> {
                  try (Scope scope = Nd.scope()) {
                    NdArray x = b.toNd(TaskBackend.current());
                    NdArray edges = Nd.array(splitters);
                    // right: equal values go above a splitter, NaN past every one (NumPy sorts NaN
                    // last)
                    NdArray bucket = edges.searchsorted(x, true);
                    List<Tuple2<Integer, Block>> out = new ArrayList<>();
                    for (int p = 0; p < n; p++) {
                      NdArray part = x.get(bucket.eq((long) p));
                      out.add(new Tuple2<>(p, Block.of(b.index(), 0, part)));
                    }
                    return out.iterator();
                  }
                })
            .groupByKey(new HashPartitioner(n))
            .map(
                g -> {
                  try (Scope scope = Nd.scope()) {
                    List<NdArray> parts = new ArrayList<>();
                    List<Block> in = new ArrayList<>();
                    g._2().forEach(in::add);
                    in.sort(Comparator.comparingInt(Block::index));
                    for (Block b : in) {
                      parts.add(b.toNd(TaskBackend.current()));
                    }
                    NdArray all = Nd.concatenate(parts, 0).sort(0);
                    return Block.of(g._1(), 0, all);
                  }
                });
    long[] starts = rowStarts(ranged, n);
    return new DistArray(sc, placed(ranged, starts), shape, dtype, starts);
  }

  /**
   * The whole array on the driver, blocks in order.
   *
   * @throws IllegalStateException when it holds more than {@code maxBytes} (a guard against filling
   *     the driver's memory by mistake)
   */
  public NdArray collect(long maxBytes) {
    long bytes = size() * dtype.itemsize();
    if (bytes > maxBytes) {
      throw new IllegalStateException(
          "collect of "
              + bytes
              + " bytes is past the guard of "
              + maxBytes
              + " bytes: reduce it first, or raise the guard");
    }
    List<Block> all = new ArrayList<>(blocks.collect());
    all.sort(Comparator.comparingInt(Block::index));
    List<NdArray> parts = new ArrayList<>();
    for (Block b : all) {
      parts.add(b.toNd(TaskBackend.current()));
    }
    return Nd.concatenate(parts, 0);
  }

  /**
   * Writes each block as {@code folder/part-NNNNN.npy} ({@link #fromNpyShards} reads them back).
   * The tasks write into a temporary folder beside it, moved into place when every block is
   * written: a failed job leaves no partial folder. The folder must not exist, and must be on a
   * file system every executor sees: a local path (a shared mount), or a URI of any file system
   * Hadoop reaches ({@code hdfs://}, {@code s3a://}, {@code file://}), with the driver's Hadoop
   * configuration.
   */
  public void save(String folder) {
    Shards store = Shards.of(folder, sc.hadoopConfiguration());
    String target =
        store instanceof Shards.Local ? Path.of(folder).toAbsolutePath().toString() : folder;
    if (store.exists(target)) {
      throw new IllegalArgumentException(folder + " exists; save writes a new folder");
    }
    String tmp = target + ".tmp-" + UUID.randomUUID();
    try {
      store.mkdirs(tmp);
      blocks.foreach(
          b -> {
            try (Scope scope = Nd.scope()) {
              store.save(
                  tmp, String.format("part-%05d.npy", b.index()), b.toNd(TaskBackend.current()));
            }
          });
      store.rename(tmp, target);
    } finally {
      store.delete(tmp);
    }
  }
}
