package io.ndj.conformance;

import io.ndj.Nd;
import io.ndj.Scope;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Opens an {@link Nd#scope()} before each test of the kit (and its {@code @BeforeEach}) and closes
 * it after. Loading it asks backends that compile fused programs to wait for each compile ({@code
 * ndj.fusion.compile=wait}, unless set otherwise), so that the kit checks their compiled kernels,
 * not the op-by-op run a backend may give while it compiles.
 */
public final class ScopePerTest implements BeforeEachCallback, AfterEachCallback {
  static {
    if (System.getProperty("ndj.fusion.compile") == null) {
      System.setProperty("ndj.fusion.compile", "wait");
    }
  }

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(ScopePerTest.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    context.getStore(NS).put("scope", Nd.scope());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    context.getStore(NS).get("scope", Scope.class).close();
  }
}
