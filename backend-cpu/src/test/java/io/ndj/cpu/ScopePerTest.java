package io.ndj.cpu;

import io.ndj.Nd;
import io.ndj.Scope;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Opens an {@link Nd#scope()} before each test (and its {@code @BeforeEach}) and closes it after.
 */
public final class ScopePerTest implements BeforeEachCallback, AfterEachCallback {
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
