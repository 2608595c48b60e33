package io.ndj.spark;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.Scope;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/** Spark columns into DistArray blocks: columnar batches where the scan has them, else rows. */
final class ParquetColumns {
  private ParquetColumns() {}

  static DType dtype(String column, DataType t) {
    if (t.equals(DataTypes.DoubleType)) {
      return DType.FLOAT64;
    }
    if (t.equals(DataTypes.FloatType)) {
      return DType.FLOAT32;
    }
    if (t.equals(DataTypes.LongType)) {
      return DType.INT64;
    }
    if (t.equals(DataTypes.IntegerType)) {
      return DType.INT32;
    }
    if (t.equals(DataTypes.ShortType)) {
      return DType.INT16;
    }
    if (t.equals(DataTypes.ByteType)) {
      return DType.INT8;
    }
    if (t.equals(DataTypes.BooleanType)) {
      return DType.BOOL;
    }
    throw new IllegalArgumentException(
        "column '" + column + "' is " + t.simpleString() + "; fromParquet reads numeric columns");
  }

  /** The plan node that hands out columnar batches (Spark's vectorized scan), or null. */
  private static SparkPlan columnar(SparkPlan plan) {
    if (plan.supportsColumnar()) {
      return plan;
    }
    for (SparkPlan child : scala.jdk.javaapi.CollectionConverters.asJava(plan.children())) {
      SparkPlan c = columnar(child);
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  /** Whether Spark scans these columns in columnar batches (what {@link #blocks} then reads). */
  static boolean columnarScan(Dataset<Row> df) {
    SparkPlan scan = columnar(df.queryExecution().executedPlan());
    return scan != null && scan.output().size() == df.columns().length;
  }

  static JavaRDD<Block> blocks(Dataset<Row> df, DType[] types, DType dtype) {
    SparkPlan scan = columnar(df.queryExecution().executedPlan());
    int k = types.length;
    String[] names = df.columns();
    if (scan != null && scan.output().size() == k) {
      return scan.executeColumnar()
          .toJavaRDD()
          .mapPartitionsWithIndex(
              (index, batches) ->
                  List.of(fromBatches(index, batches, types, dtype, names)).iterator(),
              true);
    }
    return df.javaRDD()
        .mapPartitionsWithIndex(
            (index, rows) -> List.of(fromRows(index, rows, types, dtype, names)).iterator(), true);
  }

  private static Block fromBatches(
      int index, Iterator<ColumnarBatch> batches, DType[] types, DType dtype, String[] names) {
    List<List<double[]>> cols = new ArrayList<>();
    for (int j = 0; j < types.length; j++) {
      cols.add(new ArrayList<>());
    }
    long rows = 0;
    while (batches.hasNext()) {
      ColumnarBatch b = batches.next();
      int m = b.numRows();
      for (int j = 0; j < types.length; j++) {
        cols.get(j).add(read(b.column(j), m, types[j], names[j]));
      }
      rows += m;
    }
    return assemble(index, cols, rows, dtype);
  }

  /** A batch's column as doubles, in one bulk read for each type (the reader reuses the batch). */
  private static double[] read(ColumnVector v, int m, DType t, String name) {
    if (v.hasNull() && !t.isFloat()) {
      throw new IllegalArgumentException(
          "column '" + name + "' holds nulls; an ndj " + t + " array has no missing values");
    }
    double[] out = new double[m];
    switch (t) {
      case FLOAT64 -> System.arraycopy(v.getDoubles(0, m), 0, out, 0, m);
      case FLOAT32 -> {
        float[] f = v.getFloats(0, m);
        for (int i = 0; i < m; i++) {
          out[i] = f[i];
        }
      }
      case INT64 -> {
        long[] l = v.getLongs(0, m);
        for (int i = 0; i < m; i++) {
          if (Math.abs(l[i]) > (1L << 53)) {
            throw new IllegalArgumentException(
                "column '"
                    + name
                    + "' holds "
                    + l[i]
                    + ", past 2^53: fromParquet carries values"
                    + " as float64 on the way and would round it");
          }
          out[i] = l[i];
        }
      }
      case INT32 -> {
        int[] l = v.getInts(0, m);
        for (int i = 0; i < m; i++) {
          out[i] = l[i];
        }
      }
      case INT16 -> {
        short[] l = v.getShorts(0, m);
        for (int i = 0; i < m; i++) {
          out[i] = l[i];
        }
      }
      case INT8 -> {
        byte[] l = v.getBytes(0, m);
        for (int i = 0; i < m; i++) {
          out[i] = l[i];
        }
      }
      default -> {
        boolean[] l = v.getBooleans(0, m);
        for (int i = 0; i < m; i++) {
          out[i] = l[i] ? 1 : 0;
        }
      }
    }
    if (v.hasNull()) {
      for (int i = 0; i < m; i++) {
        if (v.isNullAt(i)) {
          out[i] = Double.NaN; // a float column's null reads as NaN
        }
      }
    }
    return out;
  }

  private static Block fromRows(
      int index, Iterator<Row> rows, DType[] types, DType dtype, String[] names) {
    List<List<double[]>> cols = new ArrayList<>();
    List<double[]> chunk = new ArrayList<>();
    int k = types.length;
    for (int j = 0; j < k; j++) {
      cols.add(new ArrayList<>());
    }
    long n = 0;
    while (rows.hasNext()) {
      Row r = rows.next();
      double[] v = new double[k];
      for (int j = 0; j < k; j++) {
        if (r.isNullAt(j)) {
          if (!types[j].isFloat()) {
            throw new IllegalArgumentException(
                "column '"
                    + names[j]
                    + "' holds nulls; an ndj "
                    + types[j]
                    + " array has no missing values");
          }
          v[j] = Double.NaN;
        } else {
          Object o = r.get(j);
          v[j] = o instanceof Boolean b ? (b ? 1 : 0) : ((Number) o).doubleValue();
        }
      }
      chunk.add(v);
      n++;
    }
    for (int j = 0; j < k; j++) {
      double[] c = new double[chunk.size()];
      for (int i = 0; i < c.length; i++) {
        c[i] = chunk.get(i)[j];
      }
      cols.get(j).add(c);
    }
    return assemble(index, cols, n, dtype);
  }

  /** The block (rows, k) or (rows,) of the columns' pieces, in the common dtype. */
  private static Block assemble(int index, List<List<double[]>> cols, long rows, DType dtype) {
    int k = cols.size();
    double[] all = new double[Math.toIntExact(rows * k)];
    for (int j = 0; j < k; j++) {
      int at = 0;
      for (double[] piece : cols.get(j)) {
        for (double v : piece) {
          all[at * k + j] = v;
          at++;
        }
      }
    }
    try (Scope scope = Nd.scope()) {
      NdArray a =
          TaskBackend.current().array(all, k == 1 ? new long[] {rows} : new long[] {rows, k});
      return Block.of(index, 0, a.astype(dtype));
    }
  }
}
