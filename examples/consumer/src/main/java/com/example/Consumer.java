package com.example;

import io.ndj.Nd;
import io.ndj.NdArray;

/** Uses ndj from its published artifacts: prints a small NumPy program's output and the backend. */
public final class Consumer {
  private Consumer() {}

  public static void main(String[] args) {
    try (var scope = Nd.scope()) {
      NdArray x = Nd.arange(6).reshape(2, 3).astype(io.ndj.DType.FLOAT32);
      x.iadd(0.5); // x += 0.5
      System.out.println(x);
      System.out.println(x.sum(1));
      System.out.println(Nd.backend().name());
    }
  }
}
