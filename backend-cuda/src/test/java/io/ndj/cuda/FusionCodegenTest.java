package io.ndj.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ndj.DType;
import io.ndj.spi.BinaryOp;
import io.ndj.spi.Program;
import io.ndj.spi.UnaryOp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The CUDA C that fusion generates compiles (with nvcc here, as NVRTC compiles it on a GPU
 * machine): a program with every kind of step, float, integer and bool dtypes, both scalar sides,
 * broadcast inputs. Needs nvcc on the PATH, not a GPU.
 */
class FusionCodegenTest {
  private static Program everyKindOfStep() {
    long[] s = {3, 4};
    return new Program(
        List.of(
            new Program.Input(0, DType.FLOAT32, s),
            new Program.Input(1, DType.INT16, new long[] {4}),
            new Program.Cast(1, DType.FLOAT32, new long[] {4}),
            new Program.Binary(BinaryOp.ADD, 0, 2, DType.FLOAT32, s),
            new Program.Unary(UnaryOp.SIN, 3, DType.FLOAT32, s),
            new Program.BinaryScalar(BinaryOp.MULTIPLY, 4, 2.5, false, DType.FLOAT32, s),
            new Program.Input(2, DType.BOOL, new long[] {3, 1}),
            new Program.Cast(0, DType.FLOAT64, s),
            new Program.Unary(UnaryOp.EXP, 7, DType.FLOAT64, s),
            new Program.Cast(5, DType.FLOAT64, s),
            new Program.Where(6, 8, 9, DType.FLOAT64, s),
            new Program.Cast(1, DType.INT64, new long[] {4}),
            new Program.BinaryScalar(
                BinaryOp.SUBTRACT, 11, Long.MIN_VALUE, true, DType.INT64, new long[] {4}),
            new Program.Cast(12, DType.FLOAT64, new long[] {4}),
            new Program.Binary(BinaryOp.FLOOR_DIVIDE, 10, 13, DType.FLOAT64, s),
            new Program.Unary(UnaryOp.ISNAN, 14, DType.BOOL, s),
            new Program.Binary(BinaryOp.LESS, 14, 10, DType.BOOL, s),
            new Program.Binary(BinaryOp.BITWISE_XOR, 15, 16, DType.BOOL, s),
            new Program.Cast(17, DType.UINT8, s),
            new Program.Unary(UnaryOp.NEGATIVE, 18, DType.UINT8, s)),
        3);
  }

  /** softmax over the last axis: max, exp of the difference, sum, divide. */
  static Program softmax() {
    return softmax(7);
  }

  /** softmax over rows of {@code length} elements. */
  static Program softmax(long length) {
    long[] s = {4, length};
    long[] k = {4, 1};
    return new Program(
        List.of(
            new Program.Input(0, DType.FLOAT32, s),
            new Program.Reduce(io.ndj.spi.ReduceOp.MAX, 0, new int[] {1}, true, DType.FLOAT32, k),
            new Program.Binary(BinaryOp.SUBTRACT, 0, 1, DType.FLOAT32, s),
            new Program.Unary(UnaryOp.EXP, 2, DType.FLOAT32, s),
            new Program.Reduce(io.ndj.spi.ReduceOp.SUM, 3, new int[] {1}, true, DType.FLOAT32, k),
            new Program.Binary(BinaryOp.DIVIDE, 3, 4, DType.FLOAT32, s)),
        1);
  }

  /** A row norm: the square root of the sum of squares along the last axis, that axis dropped. */
  static Program rowNorm() {
    long[] s = {3, 5};
    return new Program(
        List.of(
            new Program.Input(0, DType.INT32, s),
            new Program.Cast(0, DType.FLOAT64, s),
            new Program.Unary(UnaryOp.SQUARE, 1, DType.FLOAT64, s),
            new Program.Reduce(
                io.ndj.spi.ReduceOp.SUM, 2, new int[] {1}, false, DType.FLOAT64, new long[] {3}),
            new Program.Unary(UnaryOp.SQRT, 3, DType.FLOAT64, new long[] {3})),
        1);
  }

  @Test
  void rowKernelsCompile() throws Exception {
    assertTrue(FusionRows.fits(softmax()), "softmax");
    assertTrue(FusionRows.fits(rowNorm()), "row norm");
    assertFalse(FusionCodegen.fits(softmax()), "not elementwise");
    compiles(FusionRows.source(softmax()));
    compiles(FusionRows.source(rowNorm()));
    // rows in registers, 128 bytes a thread (32 float32 elements, 256 threads); and rows too long
    // for them
    assertEquals(256, FusionRows.threads(softmax(8192)));
    assertEquals(32, FusionRows.slots(softmax(8192)));
    compiles(FusionRows.source(softmax(8192)));
    assertEquals(0, FusionRows.slots(softmax(100_000)));
    compiles(FusionRows.source(softmax(100_000)));
  }

  @Test
  void generatedKernelsCompile() throws Exception {
    Program p = everyKindOfStep();
    assertTrue(FusionCodegen.fits(p));
    String src = FusionCodegen.source(p);
    assertEquals(1, src.split("__global__").length - 1, "one kernel");
    compiles(src);
  }

  private static void compiles(String src) throws Exception {
    Path dir = Files.createTempDirectory("ndj-fused");
    for (String h : FusionCompiler.HEADERS) {
      try (var in = FusionCodegenTest.class.getResourceAsStream("/io/ndj/cuda/" + h)) {
        assertTrue(in != null, "the jar carries " + h + " for the generated kernels");
        Files.copy(in, dir.resolve(h));
      }
    }
    Files.writeString(dir.resolve("gen.cu"), src);
    Process nvcc;
    try {
      nvcc =
          new ProcessBuilder(
                  "nvcc", "-cubin", "-arch=sm_80", "--fmad=false", "-o", "gen.cubin", "gen.cu")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (java.io.IOException e) {
      assumeTrue(false, "no nvcc on the PATH: " + e.getMessage());
      return;
    }
    String log = new String(nvcc.getInputStream().readAllBytes());
    assertTrue(nvcc.waitFor(120, TimeUnit.SECONDS), "nvcc timed out");
    assertEquals(0, nvcc.exitValue(), "nvcc failed:\n" + log + "\n" + src);
  }

  @Test
  void float16AndReductionsAreLeftUnfused() {
    long[] s = {5};
    Program half =
        new Program(
            List.of(
                new Program.Input(0, DType.FLOAT16, s),
                new Program.Unary(UnaryOp.SIN, 0, DType.FLOAT16, s),
                new Program.Unary(UnaryOp.COS, 1, DType.FLOAT16, s)),
            1);
    assertFalse(FusionCodegen.fits(half), "float16");
    Program one =
        new Program(
            List.of(
                new Program.Input(0, DType.FLOAT32, s),
                new Program.Unary(UnaryOp.SIN, 0, DType.FLOAT32, s)),
            1);
    assertFalse(FusionCodegen.fits(one), "a single operation is its own kernel's");
  }
}
