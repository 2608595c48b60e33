package io.ndj.spark;

import io.ndj.Backend;
import io.ndj.Nd;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * The backend a task computes with: its executor's default ({@code Nd.backend()}), on the GPU that
 * Spark's resource scheduling gave the task ({@code spark.task.resource.gpu.amount}; the address
 * from {@link TaskContext#resources()}), so that tasks sharing an executor of several GPUs each use
 * their own. A backend of one device (cpu) ignores the address; outside a task (the driver) it is
 * the default backend.
 */
final class TaskBackend {
  /** The resource name Spark schedules GPUs by. */
  static final String GPU = "gpu";

  private TaskBackend() {}

  static Backend current() {
    TaskContext task = TaskContext.get();
    return forResources(Nd.backend(), task == null ? Map.of() : task.resourcesJMap());
  }

  /** {@code b} on the first GPU address among a task's resources; {@code b} where there is none. */
  static Backend forResources(Backend b, Map<String, ResourceInformation> resources) {
    ResourceInformation gpu = resources.get(GPU);
    if (gpu == null || gpu.addresses().length == 0) {
      return b;
    }
    return onDevice(b, gpu.addresses()[0]);
  }

  /**
   * {@code b}'s backend on the device Spark calls {@code address} (an ordinal, as a GPU discovery
   * script lists them); {@code b} itself where its backend has one device.
   */
  static Backend onDevice(Backend b, String address) {
    String base = b.name().contains(":") ? b.name().substring(0, b.name().indexOf(':')) : b.name();
    if (!address.strip().matches("[0-9]{1,9}")) {
      throw new IllegalArgumentException(
          "Spark gave this task GPU address '"
              + address
              + "'; ndj places a task by a device ordinal (0, 1, ...): list ordinals in the"
              + " executor's GPU discovery script");
    }
    try {
      return Nd.backend(base + ":" + address.strip());
    } catch (UnsupportedOperationException oneDevice) {
      return b;
    }
  }
}
