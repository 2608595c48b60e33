package io.ndj.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.Backend;
import io.ndj.NdArray;
import io.ndj.Scope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Buffers are reference counted: views share them, close is idempotent, scopes close temporaries,
 * the Cleaner returns forgotten arrays, and closing a backend reports leaks. Each test uses its own
 * backend so the counts are its own.
 */
class MemoryTest {
  @Test
  void peakBytesCountsTheMostHeldAtOnceAndRestartsFromWhatIsHeld() {
    try (Backend be = Backend.create(new CpuProvider())) {
      io.ndj.spi.Kernels k = be.kernels();
      k.peakBytes(); // restart from nothing held
      io.ndj.spi.Buffer a = k.allocate(1000);
      io.ndj.spi.Buffer b = k.allocate(3000);
      k.free(a);
      io.ndj.spi.Buffer c = k.allocate(500);
      assertEquals(4000, k.peakBytes(), "a and b at once");
      assertEquals(3500, k.peakBytes(), "b and c, held when counting restarted");
      k.free(b);
      k.free(c);
      assertEquals(3500, k.peakBytes());
      assertEquals(0, k.peakBytes());
    }
  }

  @Test
  void viewsKeepTheBufferUntilTheLastCloses() {
    try (Backend be = Backend.create(new CpuProvider())) {
      NdArray a = be.arange(10);
      NdArray v = a.get("2:5");
      assertEquals(1, be.liveBuffers());
      a.close();
      assertEquals(1, be.liveBuffers());
      assertEquals("[2 3 4]", v.toString());
      v.close();
      assertEquals(0, be.liveBuffers());
      assertEquals(0, be.memoryInfo().used());
    }
  }

  @Test
  void scopeClosesWhatWasMadeInsideExceptKept() {
    try (Backend be = Backend.create(new CpuProvider())) {
      NdArray outside = be.ones(3);
      NdArray kept;
      NdArray temp;
      try (Scope scope = io.ndj.Nd.scope()) {
        temp = outside.mul(2);
        kept = scope.keep(temp.add(1));
      }
      assertTrue(temp.isClosed());
      assertFalse(kept.isClosed());
      assertFalse(outside.isClosed());
      assertEquals("[3. 3. 3.]", kept.toString());
      kept.close();
      outside.close();
      assertEquals(0, be.liveBuffers());
    }
  }

  @Test
  void closingABackendWithLiveArraysReportsTheLeak() {
    Backend be = Backend.create(new CpuProvider());
    be.zeros(4);
    IllegalStateException e = assertThrows(IllegalStateException.class, be::close);
    assertEquals("memory was leaked by backend cpu: 1 buffers (32 bytes)", e.getMessage());
  }

  @Test
  void forgottenArraysAreReturnedByTheCleaner() throws InterruptedException {
    try (Backend be = Backend.create(new CpuProvider())) {
      makeGarbage(be);
      for (int i = 0; i < 100 && be.liveBuffers() > 0; i++) {
        System.gc();
        Thread.sleep(20);
      }
      assertEquals(0, be.liveBuffers());
    }
  }

  private static void makeGarbage(Backend be) {
    List<NdArray> l = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      l.add(be.ones(100).get("::2"));
    }
    l.clear();
  }
}
