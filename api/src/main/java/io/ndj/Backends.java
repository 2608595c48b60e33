package io.ndj;

import io.ndj.spi.BackendProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The providers on the class path (or module path), found once by {@link ServiceLoader}, and the
 * backend each creates on first use. A {@link java.util.ServiceConfigurationError} propagates: a
 * broken provider jar is an error the user must see.
 */
final class Backends {
  private static final Map<String, BackendProvider> PROVIDERS = discover();
  private static final Map<String, Backend> CREATED = new ConcurrentHashMap<>();
  private static volatile Backend defaultBackend;

  private Backends() {}

  private static Map<String, BackendProvider> discover() {
    Map<String, BackendProvider> m = new LinkedHashMap<>();
    for (BackendProvider p :
        ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader())) {
      BackendProvider prev = m.putIfAbsent(p.name(), p);
      if (prev != null) {
        throw new IllegalStateException(
            "two backends are named '"
                + p.name()
                + "': "
                + prev.getClass().getName()
                + " and "
                + p.getClass().getName());
      }
    }
    return m;
  }

  /** Every provider found, highest priority first. */
  static List<BackendProvider> providers() {
    List<BackendProvider> l = new ArrayList<>(PROVIDERS.values());
    l.sort(Comparator.comparingInt(BackendProvider::priority).reversed());
    return l;
  }

  /**
   * The backend named {@code name}: a provider's name, or {@code name:device} for one of its
   * devices ({@code "cuda:1"}; {@code "cuda:0"} is {@code "cuda"}, the same backend).
   */
  static Backend get(String name) {
    String base = name;
    int device = 0;
    int colon = name.lastIndexOf(':');
    if (colon > 0) {
      base = name.substring(0, colon);
      String d = name.substring(colon + 1);
      if (!d.matches("[0-9]{1,9}")) {
        throw new IllegalArgumentException(
            "a backend's device is a number from 0, as in 'cuda:1'; got '" + name + "'");
      }
      device = Integer.parseInt(d);
    }
    BackendProvider p = PROVIDERS.get(base);
    if (p == null) {
      throw new IllegalArgumentException(
          "no backend named '" + base + "'; found: " + String.join(", ", PROVIDERS.keySet()));
    }
    int on = device;
    return CREATED.computeIfAbsent(
        device == 0 ? base : base + ":" + device, n -> Backend.create(p, on));
  }

  /** The backends made so far (by name or as the default). */
  static List<Backend> open() {
    return new ArrayList<>(CREATED.values());
  }

  static Backend defaultBackend() {
    Backend b = defaultBackend;
    if (b == null) {
      synchronized (Backends.class) {
        b = defaultBackend;
        if (b == null) {
          b = defaultBackend = get(chooseDefault());
        }
      }
    }
    return b;
  }

  private static String chooseDefault() {
    String named = System.getProperty("ndj.backend");
    if (named == null || named.isBlank()) {
      named = System.getenv("NDJ_BACKEND");
    }
    if (named != null && !named.isBlank()) {
      return named.strip();
    }
    for (BackendProvider p : providers()) {
      if (p.priority() > 0 && p.availability().available()) {
        return p.name();
      }
    }
    StringBuilder m = new StringBuilder("no ndj backend is available");
    for (BackendProvider p : providers()) {
      m.append("; ")
          .append(p.name())
          .append(": ")
          .append(
              p.priority() > 0 || !p.availability().available()
                  ? p.availability().reason()
                  : "used only when asked for by name (-Dndj.backend=" + p.name() + ")");
    }
    m.append(PROVIDERS.isEmpty() ? ": add" : "; or add")
        .append(" a backend jar such as ndj-backend-cpu to the class path");
    throw new IllegalStateException(m.toString());
  }
}
