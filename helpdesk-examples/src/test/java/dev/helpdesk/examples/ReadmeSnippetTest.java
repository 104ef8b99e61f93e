package dev.helpdesk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/** Compiles and runs the Java snippets of the README and docs, so they stay true. */
class ReadmeSnippetTest {

  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  private static final String IMPORTS =
      String.join(
          "\n",
          "import dev.helpdesk.*;",
          "import dev.helpdesk.actor.*;",
          "import dev.helpdesk.agent.*;",
          "import dev.helpdesk.conversation.*;",
          "import dev.helpdesk.notification.*;",
          "import dev.helpdesk.ticket.*;",
          "import dev.helpdesk.testing.*;",
          "import java.time.*;",
          "import java.util.*;");

  @Test
  void theReadmeQuickstartCompilesAndRuns() throws Exception {
    Path readme = repositoryRoot().resolve("README.md");
    List<String> snippets = javaBlocks(Files.readString(readme, StandardCharsets.UTF_8));
    assertEquals(1, snippets.size(), "the README has one Java snippet: the quickstart");
    long lines = snippets.get(0).lines().count();
    assertTrue(lines <= 15, "the quickstart is at most 15 lines (was " + lines + ")");
    compileAndRun("ReadmeQuickstart", snippets.get(0));
  }

  static List<String> javaBlocks(String markdown) {
    Matcher m = JAVA_BLOCK.matcher(markdown);
    List<String> blocks = new java.util.ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  static void compileAndRun(String className, String body) throws Exception {
    Path dir = Files.createTempDirectory("snippet");
    String source =
        IMPORTS
            + "\npublic class "
            + className
            + " implements Runnable {\n  public void run() {\n"
            + body
            + "\n  }\n}\n";
    Path file = dir.resolve(className + ".java");
    Files.writeString(file, source, StandardCharsets.UTF_8);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
    int rc =
        javac.run(
            null,
            null,
            errors,
            "-classpath",
            System.getProperty("java.class.path"),
            "-d",
            dir.toString(),
            file.toString());
    assertEquals(0, rc, "snippet does not compile:\n" + errors + "\n" + source);
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {dir.toUri().toURL()}, ReadmeSnippetTest.class.getClassLoader())) {
      Runnable snippet =
          (Runnable) loader.loadClass(className).getDeclaredConstructor().newInstance();
      snippet.run();
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
