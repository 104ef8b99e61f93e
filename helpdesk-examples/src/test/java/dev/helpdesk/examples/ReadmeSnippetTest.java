package dev.helpdesk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's quickstart, as {@link DocsSnippetTest} compiles it: on its own, with its own
 * imports.
 */
class ReadmeSnippetTest {

  @Test
  void theReadmeQuickstartCompilesAndRuns() throws Exception {
    List<DocsSnippetTest.Block> blocks =
        DocsSnippetTest.blocks().stream()
            .filter(b -> b.file().equals(Path.of("README.md")))
            .toList();
    assertEquals(1, blocks.size(), "the README has one Java snippet: the quickstart");
    DocsSnippetTest.Block quickstart = blocks.get(0);
    long lines =
        quickstart.code().lines().filter(l -> !l.isBlank() && !l.startsWith("import ")).count();
    assertTrue(
        lines <= 15, "the quickstart is at most 15 lines besides imports (was " + lines + ")");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path out = Files.createTempDirectory("readme");
    List<String> errors;
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
      errors = DocsSnippetTest.compile(javac, files, quickstart, out);
    }
    assertEquals(List.of(), errors, "the quickstart does not compile");
    Path classes;
    try (Stream<Path> dirs = Files.list(out)) {
      classes = dirs.findFirst().orElseThrow();
    }
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, ReadmeSnippetTest.class.getClassLoader())) {
      Class<?> snippet = loader.loadClass("Snippet");
      Constructor<?> make = snippet.getDeclaredConstructor();
      make.setAccessible(true);
      Method run = snippet.getDeclaredMethod("run");
      run.setAccessible(true);
      run.invoke(make.newInstance());
    }
  }

  static Path repositoryRoot() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve(".ci/run"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IOException("no repository root above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
