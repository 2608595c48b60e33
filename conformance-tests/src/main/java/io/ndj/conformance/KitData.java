package io.ndj.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kit's data: tables that NumPy computed, checked in under {@code io/ndj/conformance} beside
 * their scripts.
 */
final class KitData {
  private static Path files;

  private KitData() {}

  /**
   * The lines of a kit resource (a table checked in beside the script that wrote it), split at
   * tabs.
   */
  static List<String[]> table(String resource) {
    List<String[]> out = new ArrayList<>();
    try (var in = KitData.class.getResourceAsStream(resource);
        var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isEmpty()) {
          out.add(line.split("\t", -1));
        }
      }
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("kit resource " + resource + " is missing or unreadable", e);
    }
    return out;
  }

  /**
   * A kit resource as a file (for the .npy/.npz readers, which take paths): copied once per run
   * into a temporary folder that is deleted when the JVM exits.
   */
  static synchronized Path file(String resource) {
    try {
      if (files == null) {
        files = Files.createTempDirectory("ndj-kit-data");
        files.toFile().deleteOnExit();
      }
      Path p = files.resolve(resource.replace('/', '_'));
      if (!Files.exists(p)) {
        try (InputStream in = KitData.class.getResourceAsStream(resource)) {
          if (in == null) {
            throw new IllegalStateException("kit resource " + resource + " is missing");
          }
          Files.copy(in, p);
        }
        p.toFile().deleteOnExit();
      }
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy kit resource " + resource, e);
    }
  }

  /** A table's {@code key=value;...} field as a map, in order. */
  static Map<String, String> params(String field) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String item : field.split(";")) {
      if (!item.isEmpty()) {
        int e = item.indexOf('=');
        m.put(item.substring(0, e), item.substring(e + 1));
      }
    }
    return m;
  }

  /** A table's axes field: {@code none} (null: every axis) or a comma list. */
  static int[] axes(String field) {
    return field.equals("none")
        ? null
        : Arrays.stream(field.split(",")).mapToInt(Integer::parseInt).toArray();
  }
}
