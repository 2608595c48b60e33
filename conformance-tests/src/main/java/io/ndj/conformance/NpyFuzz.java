package io.ndj.conformance;

import io.ndj.Backend;
import io.ndj.Nd;
import io.ndj.conformance.NpyFilesContract.NpyCase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./ndj fuzz-npy [--backend NAME] [--seconds N] [--seed S] [--python P]}: keeps mutating
 * {@code .npy} and {@code .npz} files (the kit's {@code npy/make_cases.py}, with seeds past the
 * checked-in ones) and judging ndj's reading of each against NumPy's verdict, until N seconds have
 * passed; prints every disagreement with the file in base64, then a count. Needs a {@code python3}
 * with NumPy 2 (the kit itself never does). Exit status 1 when ndj and NumPy disagreed.
 */
public final class NpyFuzz {
  private NpyFuzz() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    String backend = null;
    double seconds = 60;
    long seed = System.currentTimeMillis() % 1_000_000_000L;
    String python = "python3";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--backend" -> backend = args[++i];
        case "--seconds" -> seconds = Double.parseDouble(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--python" -> python = args[++i];
        default ->
            throw new IllegalArgumentException(
                "unknown argument "
                    + args[i]
                    + " (--backend NAME, --seconds N, --seed S, --python P)");
      }
    }
    Backend b = backend == null ? Nd.backend() : Nd.backend(backend);
    System.out.println("fuzz-npy: backend " + b.name() + ", seed " + seed + ", " + seconds + " s");
    Result r = run(b, seconds, seed, python, System.out);
    if (r.pythonStatus() != 0) {
      System.out.println(
          "fuzz-npy: " + python + " exited with " + r.pythonStatus() + " (is NumPy 2 installed?)");
      System.exit(2);
    }
    System.out.println(
        "fuzz-npy: " + r.files() + " files, " + r.disagreements() + " disagreements with NumPy");
    System.exit(r.disagreements() == 0 ? 0 : 1);
  }

  /** Files judged, disagreements found, and the generator's exit status. */
  public record Result(long files, long disagreements, int pythonStatus) {}

  /**
   * Mutates and judges files for {@code seconds}, from {@code seed}; prints each disagreement to
   * {@code out}.
   */
  public static Result run(
      Backend b, double seconds, long seed, String python, java.io.PrintStream out)
      throws IOException, InterruptedException {
    Path script = Files.createTempFile("ndj-make-cases", ".py");
    try (InputStream in = NpyFuzz.class.getResourceAsStream("npy/make_cases.py")) {
      Files.write(script, in.readAllBytes());
    }
    Process p =
        new ProcessBuilder(
                List.of(
                    python,
                    script.toString(),
                    Long.toString(seed),
                    "--seconds",
                    Double.toString(seconds)))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    long files = 0;
    long disagreements = 0;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        NpyCase c = NpyCase.parse(line);
        files++;
        try {
          NpyJudge.check(b, c);
        } catch (AssertionError e) {
          disagreements++;
          out.println(
              "DISAGREE "
                  + c.id()
                  + ": "
                  + e.getMessage().lines().findFirst().orElse("")
                  + "\n  file (base64): "
                  + java.util.Base64.getEncoder().encodeToString(c.bytes()));
        }
      }
    } finally {
      Files.deleteIfExists(script);
    }
    return new Result(files, disagreements, p.waitFor());
  }
}
