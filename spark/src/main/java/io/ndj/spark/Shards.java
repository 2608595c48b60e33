package io.ndj.spark;

import io.ndj.Backend;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.NpyInfo;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Where {@code .npy} shards live: a local folder (a plain path, through java.nio), or any file
 * system Hadoop reaches by a URI's scheme ({@code hdfs://}, {@code s3a://}, {@code file://}...),
 * through Hadoop's {@code FileSystem} with the driver's Hadoop configuration (copied into the
 * tasks, so that credentials set on the driver reach them). Serializable: tasks read and write
 * their own shards.
 */
abstract class Shards implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The file names of a shard folder, in order. */
  static final String SHARD = "part-\\d{5}\\.npy";

  /** The shards' store for {@code folder}: Hadoop's where it has a URI scheme, else local. */
  static Shards of(String folder, Configuration hadoop) {
    // a scheme of two letters or more ("C:\\x" is a Windows path)
    return folder.matches("[a-zA-Z][a-zA-Z0-9+.-]+:.*") ? new Hadoop(hadoop) : new Local();
  }

  /** The names of the shard files directly in {@code folder}, sorted. */
  abstract List<String> list(String folder);

  abstract NpyInfo header(String folder, String name);

  abstract NdArray load(Backend backend, String folder, String name);

  abstract void save(String folder, String name, NdArray x);

  abstract boolean exists(String folder);

  abstract void mkdirs(String folder);

  /** Moves {@code from} to {@code to} (a folder), which must not exist. */
  abstract void rename(String from, String to);

  /** Deletes a folder and all it holds, if it exists. */
  abstract void delete(String folder);

  /** A local folder through java.nio. */
  static final class Local extends Shards {
    private static final long serialVersionUID = 1L;

    @Override
    List<String> list(String folder) {
      try (var s = Files.list(Path.of(folder))) {
        return s.map(p -> p.getFileName().toString())
            .filter(n -> n.matches(SHARD))
            .sorted()
            .toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    NpyInfo header(String folder, String name) {
      return Nd.loadHeader(Path.of(folder, name));
    }

    @Override
    NdArray load(Backend backend, String folder, String name) {
      return Nd.load(backend, Path.of(folder, name));
    }

    @Override
    void save(String folder, String name, NdArray x) {
      Nd.save(Path.of(folder, name), x);
    }

    @Override
    boolean exists(String folder) {
      return Files.exists(Path.of(folder));
    }

    @Override
    void mkdirs(String folder) {
      try {
        Files.createDirectories(Path.of(folder));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    void rename(String from, String to) {
      try {
        Files.move(Path.of(from), Path.of(to), StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    void delete(String folder) {
      Path p = Path.of(folder);
      if (!Files.exists(p)) {
        return;
      }
      try (var s = Files.walk(p)) {
        for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(q);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Any file system Hadoop reaches, by the folder's URI. */
  static final class Hadoop extends Shards {
    private static final long serialVersionUID = 1L;

    /**
     * The driver's Hadoop configuration, as name-value pairs (Configuration is not serializable).
     */
    private final Map<String, String> settings = new HashMap<>();

    Hadoop(Configuration conf) {
      for (Map.Entry<String, String> e : conf) {
        settings.put(e.getKey(), e.getValue());
      }
    }

    /** The configuration rebuilt from settings, once per JVM that uses this store. */
    private transient Configuration conf;

    private FileSystem fs(org.apache.hadoop.fs.Path p) throws IOException {
      if (conf == null) {
        Configuration c = new Configuration(false);
        settings.forEach(c::set);
        conf = c;
      }
      return p.getFileSystem(conf);
    }

    private interface Io<T> {
      T run(FileSystem fs, org.apache.hadoop.fs.Path p) throws IOException;
    }

    private <T> T on(String path, Io<T> io) {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
      try {
        return io.run(fs(p), p);
      } catch (IOException e) {
        throw new UncheckedIOException(path + ": " + e.getMessage(), e);
      }
    }

    private static String child(String folder, String name) {
      return new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(folder), name).toString();
    }

    @Override
    List<String> list(String folder) {
      return on(
          folder,
          (fs, p) -> {
            FileStatus[] all = fs.listStatus(p);
            return java.util.Arrays.stream(all)
                .map(st -> st.getPath().getName())
                .filter(n -> n.matches(SHARD))
                .sorted()
                .toList();
          });
    }

    @Override
    NpyInfo header(String folder, String name) {
      String file = child(folder, name);
      return on(
          file,
          (fs, p) -> {
            try (InputStream in = new BufferedInputStream(fs.open(p), 1 << 16)) {
              return Nd.loadHeader(in, file);
            }
          });
    }

    @Override
    NdArray load(Backend backend, String folder, String name) {
      String file = child(folder, name);
      return on(
          file,
          (fs, p) -> {
            long size = fs.getFileStatus(p).getLen();
            try (InputStream in = new BufferedInputStream(fs.open(p), 1 << 16)) {
              return Nd.load(backend, in, size, file);
            }
          });
    }

    @Override
    void save(String folder, String name, NdArray x) {
      on(
          child(folder, name),
          (fs, p) -> {
            try (OutputStream out = new BufferedOutputStream(fs.create(p, false), 1 << 16)) {
              Nd.save(out, x);
            }
            return null;
          });
    }

    @Override
    boolean exists(String folder) {
      return on(folder, FileSystem::exists);
    }

    @Override
    void mkdirs(String folder) {
      on(folder, FileSystem::mkdirs);
    }

    @Override
    void rename(String from, String to) {
      org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(to);
      boolean moved = on(from, (fs, p) -> fs.rename(p, target));
      if (!moved) {
        throw new UncheckedIOException(
            new IOException("cannot move " + from + " to " + to + " (the file system refused)"));
      }
    }

    @Override
    void delete(String folder) {
      on(folder, (fs, p) -> fs.exists(p) && fs.delete(p, true));
    }
  }
}
