package io.ndj.spark;

import io.ndj.Nd;
import io.ndj.spi.Availability;
import io.ndj.spi.BackendProvider;
import io.ndj.spi.Kernels;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * A test backend of two devices ("twin", "twin:1"), each the cpu backend's kernels under its own
 * name: placement by a task's GPU address can be checked where there is no GPU. Asked for by name
 * only (priority 0).
 */
public final class TwinDevices implements BackendProvider {
  static final int DEVICES = 2;

  @Override
  public String name() {
    return "twin";
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public Availability availability() {
    return Availability.yes("two devices of cpu kernels");
  }

  @Override
  public Kernels create() {
    return create(0);
  }

  @Override
  public Kernels create(int device) {
    if (device < 0 || device >= DEVICES) {
      throw new IllegalArgumentException(
          "backend twin has " + DEVICES + " devices here; there is no device " + device);
    }
    Kernels cpu =
        Nd.providers().stream()
            .filter(p -> p.name().equals("cpu"))
            .findFirst()
            .orElseThrow()
            .create();
    String name = device == 0 ? "twin" : "twin:" + device;
    return (Kernels)
        Proxy.newProxyInstance(
            Kernels.class.getClassLoader(),
            new Class<?>[] {Kernels.class},
            (proxy, method, args) -> {
              if (method.getName().equals("name") && method.getParameterCount() == 0) {
                return name;
              }
              try {
                return method.invoke(cpu, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
