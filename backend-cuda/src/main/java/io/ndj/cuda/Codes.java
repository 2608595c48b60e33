package io.ndj.cuda;

import io.ndj.DType;
import io.ndj.spi.BinaryOp;
import io.ndj.spi.ReduceOp;
import io.ndj.spi.UnaryOp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The integer codes the kernels take for dtypes and ops, read from the one table both sides use:
 * the enums of {@code ops.cuh} (carried in the jar beside the fatbin), whose names are the Java
 * constants' with a prefix ({@code T_FLOAT32} is {@link DType#FLOAT32}, {@code B_ADD} is {@link
 * BinaryOp#ADD}). Every constant of the four Java enums must have its entry: a missing or unknown
 * name fails the class's loading (and with it the backend's), never a launch with a wrong code.
 */
final class Codes {
  /**
   * The codes by each constant's ordinal (-1 for a dtype with none), checked before they are
   * published: a launch reads an int, no map and no boxing.
   */
  private record Table(int[] dtypes, int[] binary, int[] unary, int[] reduce) {}

  private static volatile Table table;

  private Codes() {}

  /**
   * Reads the table once; the backend calls this before its first launch.
   *
   * @throws IllegalStateException when the jar has no table or the table lacks a constant
   */
  static synchronized void load() {
    if (table == null) {
      table = read(table());
    }
  }

  /** The text of ops.cuh from the jar. */
  static String table() {
    try (InputStream in = Codes.class.getResourceAsStream("/io/ndj/cuda/ops.cuh")) {
      if (in == null) {
        throw new IllegalStateException("this jar has no ops.cuh, the kernels' code table");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read ops.cuh: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the maps from the table's {@code PREFIX_NAME = N} entries; every Java constant must be
   * there (complex dtypes excepted: kernels see complex arrays only as their float parts).
   */
  static Table read(String table) {
    Map<DType, Integer> dtypes = new EnumMap<>(DType.class);
    Map<BinaryOp, Integer> binary = new EnumMap<>(BinaryOp.class);
    Map<UnaryOp, Integer> unary = new EnumMap<>(UnaryOp.class);
    Map<ReduceOp, Integer> reduce = new EnumMap<>(ReduceOp.class);
    Matcher m = Pattern.compile("\\b([TBUR])_([A-Z0-9_]+) = (\\d+),").matcher(table);
    while (m.find()) {
      String name = m.group(2);
      int code = Integer.parseInt(m.group(3));
      switch (m.group(1)) {
        case "T" -> dtypes.put(DType.valueOf(name), code);
        case "B" -> binary.put(BinaryOp.valueOf(name), code);
        case "U" -> unary.put(UnaryOp.valueOf(name), code);
        default -> reduce.put(ReduceOp.valueOf(name), code);
      }
    }
    for (DType t : DType.realValues()) {
      require(dtypes, t, "T_");
    }
    for (BinaryOp op : BinaryOp.values()) {
      require(binary, op, "B_");
    }
    for (UnaryOp op : UnaryOp.values()) {
      require(unary, op, "U_");
    }
    for (ReduceOp op : ReduceOp.values()) {
      require(reduce, op, "R_");
    }
    return new Table(
        byOrdinal(dtypes, DType.values()),
        byOrdinal(binary, BinaryOp.values()),
        byOrdinal(unary, UnaryOp.values()),
        byOrdinal(reduce, ReduceOp.values()));
  }

  private static <K extends Enum<K>> int[] byOrdinal(Map<K, Integer> codes, K[] all) {
    int[] c = new int[all.length];
    for (K k : all) {
      c[k.ordinal()] = codes.getOrDefault(k, -1);
    }
    return c;
  }

  private static Table loaded() {
    Table t = table;
    if (t == null) {
      load();
      t = table;
    }
    return t;
  }

  private static <K extends Enum<K>> void require(Map<K, Integer> codes, K key, String prefix) {
    if (!codes.containsKey(key)) {
      throw new IllegalStateException("ops.cuh has no code " + prefix + key.name());
    }
  }

  static int of(DType t) {
    int c = loaded().dtypes()[t.ordinal()];
    if (c < 0) {
      // kernels see complex arrays only as their float parts (and cuFFT's own types)
      throw new IllegalArgumentException("no CUDA kernel code for " + t);
    }
    return c;
  }

  static int of(BinaryOp op) {
    return loaded().binary()[op.ordinal()];
  }

  static int of(UnaryOp op) {
    return loaded().unary()[op.ordinal()];
  }

  static int of(ReduceOp op) {
    return loaded().reduce()[op.ordinal()];
  }
}
