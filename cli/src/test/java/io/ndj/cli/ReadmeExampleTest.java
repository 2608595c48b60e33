package io.ndj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's example is Example's code, and what it prints is what the README says it prints. */
class ReadmeExampleTest {
  private static String readme() throws Exception {
    Path p = Path.of("..", "README.md");
    assertTrue(Files.exists(p), "README.md not found beside the cli module");
    return Files.readString(p);
  }

  private static String between(String text, String start, String end) {
    int i = text.indexOf(start);
    assertTrue(i >= 0, "no " + start);
    i += start.length();
    int j = text.indexOf(end, i);
    return text.substring(i, j);
  }

  @Test
  void theReadmeShowsExamplesCodeAndOutput() throws Exception {
    String readme = readme();
    String source = Files.readString(Path.of("src/main/java/io/ndj/cli/Example.java"));
    String code =
        Arrays.stream(between(source, "// example:start\n", "    // example:end").split("\n"))
            .map(l -> l.startsWith("    ") ? l.substring(4) : l)
            .collect(Collectors.joining("\n"))
            .strip();
    String shown = between(readme, "## An example", "\nprints\n");
    assertEquals(code, between(shown, "```java\n", "```").strip(), "README's example code");
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(b, true, StandardCharsets.UTF_8)) {
      Example.run(out);
    }
    String printed = between(readme, "\nprints\n\n```\n", "```");
    assertEquals(
        printed.strip(), b.toString(StandardCharsets.UTF_8).strip(), "README's example output");
  }
}
