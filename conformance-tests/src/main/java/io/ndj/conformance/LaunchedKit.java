package io.ndj.conformance;

import io.ndj.Backend;

/**
 * The kit as {@link KitRunner} runs it: on the backend the runner was given. Not for discovery by
 * build tools.
 */
public class LaunchedKit implements ConformanceKit {
  @Override
  public Backend backend() {
    return KitRunner.current();
  }

  @Override
  public void everyBackendFoundRunsTheKit() {
    // only meaningful in a module's own test run, where the kit classes are registered
  }
}
