package io.ndj.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.NdArray;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Arrays cross between ndj and ND4J without copies: a write on one side shows on the other. */
class Nd4jInteropTest {
  private static Backend nd4j;

  @BeforeAll
  static void available() {
    nd4j = Nd4jTestBackend.get();
  }

  @Test
  void wrapSharesMemoryWithTheNd4jArray() {
    INDArray x = Nd4j.createFromArray(new double[] {0, 1, 2, 3, 4, 5}).reshape(2, 3);
    try (NdArray a = Nd4jInterop.wrap(x)) {
      assertEquals("[[0. 1. 2.]\n [3. 4. 5.]]", a.toString());
      a.set("1, 2", 50);
      assertEquals(50.0, x.getDouble(1, 2));
      x.putScalar(0, 0, -7);
      assertEquals(-7.0, a.get(0, 0).doubleValue());
      assertEquals(DType.FLOAT64, a.dtype());
    }
  }

  @Test
  void wrapKeepsNd4jViewsStridesAndOffset() {
    INDArray base =
        Nd4j.createFromArray(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}).reshape(3, 4);
    INDArray view =
        base.transpose()
            .get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
    try (NdArray a = Nd4jInterop.wrap(view)) {
      assertArrayEquals(new long[] {2, 3}, a.shape().dims());
      assertArrayEquals(new long[] {1, 5, 9, 2, 6, 10}, a.toLongArray());
      assertEquals(33L, a.sum().toLongArray()[0]);
    }
  }

  @Test
  void toINDArraySharesMemoryAndOutlivesTheNdjArray() {
    INDArray x;
    try (NdArray a = nd4j.arange(12).reshape(3, 4).astype(DType.FLOAT32)) {
      x = Nd4jInterop.toINDArray(a.transpose());
      assertEquals(DataType.FLOAT, x.dataType());
      assertArrayEquals(new long[] {4, 3}, x.shape());
      assertEquals(9.0f, x.getFloat(1, 2));
      x.putScalar(3, 0, 100f);
      assertEquals(100.0, a.get(0, 3).doubleValue());
    }
    System.gc();
    // the ndj array is closed; the ND4J view still holds the memory
    assertEquals(100.0f + 66 - 3, x.sumNumber().floatValue());
  }

  @Test
  void refusesWhatNd4jCannotExpress() {
    try (NdArray a = nd4j.arange(5)) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Nd4jInterop.toINDArray(a.get("::-1")));
      assertEquals(
          "ND4J cannot view an array with negative strides [-1]; copy it first", e.getMessage());
    }
    INDArray bf = Nd4j.create(DataType.BFLOAT16, 3);
    assertThrows(IllegalArgumentException.class, () -> Nd4jInterop.wrap(bf));
    // the unsigned types cross as their ndj dtypes
    INDArray u = Nd4j.create(DataType.UINT16, 3);
    try (NdArray w = Nd4jInterop.wrap(u)) {
      assertEquals(DType.UINT16, w.dtype());
      w.set("1", 65535);
      assertEquals("[    0 65535     0]", w.toString());
    }
  }

  @Test
  void opsInsideAnNd4jWorkspaceLeaveNothingThatTheWorkspaceTakesBack() {
    // DL4J runs its loops in workspaces, whose memory is handed out again on the next activation:
    // what the bridge
    // keeps between calls (its cached scalars) must not live there
    WorkspaceConfiguration conf =
        WorkspaceConfiguration.builder()
            .initialSize(1 << 20)
            .policyAllocation(AllocationPolicy.STRICT)
            .policyLearning(LearningPolicy.NONE)
            .build();
    try (NdArray x = nd4j.arange(6).astype(DType.FLOAT64)) {
      for (int round = 0; round < 3; round++) {
        try (MemoryWorkspace ws =
            Nd4j.getWorkspaceManager().getAndActivateWorkspace(conf, "ndj-test")) {
          if (round > 0) {
            // the workspace's memory, 1 MiB, filled with other values from its start
            Nd4j.valueArrayOf(new long[] {100_000}, 1234.5 + round, DataType.DOUBLE);
          }
          try (NdArray y = x.mul(3.25).add(0.5)) {
            assertArrayEquals(
                new double[] {0.5, 3.75, 7.0, 10.25, 13.5, 16.75},
                y.toDoubleArray(),
                "round " + round);
          }
        }
      }
      try (NdArray y = x.mul(3.25).add(0.5)) {
        assertArrayEquals(
            new double[] {0.5, 3.75, 7.0, 10.25, 13.5, 16.75}, y.toDoubleArray(), "outside");
      }
    }
  }

  @Test
  void aWorkspaceChangesNoAnswer() {
    // the same computations outside and inside a workspace, over several of its iterations, with
    // its memory refilled
    WorkspaceConfiguration conf =
        WorkspaceConfiguration.builder()
            .initialSize(4 << 20)
            .policyAllocation(AllocationPolicy.STRICT)
            .policyLearning(LearningPolicy.NONE)
            .build();
    try (NdArray x = nd4j.random(5).normal(0, 3, 300, 400).astype(DType.FLOAT32)) {
      x.set("7, 9", Double.NaN);
      java.util.function.Supplier<List<double[]>> work =
          () -> {
            List<double[]> r = new java.util.ArrayList<>();
            try (io.ndj.Scope scope = io.ndj.Nd.scope()) {
              NdArray y = x.get("1:, ::2");
              r.add(y.mul(2.5).subtract(1).toDoubleArray());
              r.add(y.sum(0).toDoubleArray());
              r.add(y.max(1).toDoubleArray());
              r.add(x.max().toDoubleArray());
              r.add(y.argmax(1).toDoubleArray());
              r.add(y.sort(1).toDoubleArray());
              r.add(y.argsort(0).toDoubleArray());
              r.add(y.cumsum(1).toDoubleArray());
              r.add(io.ndj.Nd.matmul(y.T(), y).toDoubleArray());
              r.add(io.ndj.Nd.where(y.gt(0), y, y.sin()).toDoubleArray());
              r.add(y.std(0).toDoubleArray());
              r.add(y.astype(DType.INT16).add(3).toDoubleArray());
            }
            return r;
          };
      List<double[]> want = work.get();
      for (int round = 0; round < 3; round++) {
        try (MemoryWorkspace ws =
            Nd4j.getWorkspaceManager().getAndActivateWorkspace(conf, "ndj-test-2")) {
          Nd4j.valueArrayOf(new long[] {500_000}, -77.0 + round, DataType.DOUBLE);
          List<double[]> got = work.get();
          for (int k = 0; k < want.size(); k++) {
            assertArrayEquals(want.get(k), got.get(k), "round " + round + " result " + k);
          }
        }
      }
    }
  }
}
