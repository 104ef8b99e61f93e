package dev.helpdesk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet in {@code docs/*.md} is code this module compiles (and mostly runs): each
 * {@code ```java} block is preceded by {@code <!-- snippet: NAME -->} and must equal, line for line
 * after removing the common indentation, the region between {@code // snippet:NAME} and {@code //
 * end-snippet} in a source file of {@code helpdesk-examples/src/main/java} or {@code
 * src/test/java}. Change the code, and this test names the doc to update.
 */
class DocsSnippetTest {

  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n");
  private static final Pattern MARKED_BLOCK =
      Pattern.compile("<!-- snippet: ([a-z0-9-]+) -->\\n```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern START = Pattern.compile("^\\s*// snippet:([a-z0-9-]+)\\s*$");
  private static final Pattern END = Pattern.compile("^\\s*// end-snippet\\s*$");

  @Test
  void everyJavaBlockOfTheDocsIsAMarkedRegionOfExampleCode() throws IOException {
    Map<String, String> regions = regions();
    List<String> problems = new ArrayList<>();
    int blocks = 0;
    for (Path doc : docs()) {
      String text = Files.readString(doc, StandardCharsets.UTF_8);
      int javaBlocks = count(JAVA_BLOCK.matcher(text));
      Matcher m = MARKED_BLOCK.matcher(text);
      int marked = 0;
      while (m.find()) {
        marked++;
        String name = m.group(1);
        String region = regions.get(name);
        if (region == null) {
          problems.add(doc.getFileName() + ": no source region '" + name + "'");
        } else if (!region.equals(m.group(2))) {
          problems.add(
              doc.getFileName()
                  + ": snippet '"
                  + name
                  + "' differs from its source; the source says:\n"
                  + region);
        }
      }
      if (marked != javaBlocks) {
        problems.add(
            doc.getFileName()
                + ": "
                + (javaBlocks - marked)
                + " java block(s) without a <!-- snippet: NAME --> line before them");
      }
      blocks += javaBlocks;
    }
    assertTrue(problems.isEmpty(), String.join("\n\n", problems));
    assertTrue(blocks >= 15, "the docs show " + blocks + " Java snippets; expected at least 15");
  }

  @Test
  void everyMarkedRegionIsShownInTheDocs() throws IOException {
    StringBuilder all = new StringBuilder();
    for (Path doc : docs()) {
      all.append(Files.readString(doc, StandardCharsets.UTF_8));
    }
    TreeSet<String> unused = new TreeSet<>();
    for (String name : regions().keySet()) {
      if (!all.toString().contains("<!-- snippet: " + name + " -->")) {
        unused.add(name);
      }
    }
    assertTrue(unused.isEmpty(), "regions no doc shows: " + unused);
  }

  @Test
  void regionsAreCutAtTheirMarkersAndDedented() {
    Map<String, String> found = new TreeMap<>();
    cut(
        List.of(
            "class A {",
            "  void f() {",
            "    // snippet:demo",
            "    int a = 1;",
            "",
            "      a++;",
            "",
            "    // end-snippet",
            "  }"),
        "A.java",
        found);
    assertEquals(Map.of("demo", "int a = 1;\n\n  a++;\n"), found);
    assertFalse(found.containsKey("other"));
  }

  private static List<Path> docs() throws IOException {
    try (Stream<Path> files = Files.list(ReadmeSnippetTest.repositoryRoot().resolve("docs"))) {
      return files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
    }
  }

  /** Every marked region of the module's sources, by name. */
  static Map<String, String> regions() throws IOException {
    Path module = ReadmeSnippetTest.repositoryRoot().resolve("helpdesk-examples/src");
    Map<String, String> regions = new TreeMap<>();
    for (String tree : List.of("main/java", "test/java")) {
      try (Stream<Path> files = Files.walk(module.resolve(tree))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
          cut(Files.readAllLines(f, StandardCharsets.UTF_8), f.toString(), regions);
        }
      }
    }
    return regions;
  }

  static void cut(List<String> lines, String file, Map<String, String> regions) {
    String name = null;
    List<String> body = new ArrayList<>();
    for (String line : lines) {
      Matcher start = START.matcher(line);
      if (name == null && start.matches()) {
        name = start.group(1);
        body.clear();
      } else if (name != null && END.matcher(line).matches()) {
        if (regions.put(name, dedent(body)) != null) {
          throw new AssertionError("region '" + name + "' is marked twice (again in " + file + ")");
        }
        name = null;
      } else if (name != null) {
        body.add(line);
      }
    }
    if (name != null) {
      throw new AssertionError("region '" + name + "' in " + file + " has no // end-snippet");
    }
  }

  /** The lines without their common indentation, and without blank lines at either end. */
  private static String dedent(List<String> all) {
    int first = 0;
    int last = all.size();
    while (first < last && all.get(first).isBlank()) {
      first++;
    }
    while (last > first && all.get(last - 1).isBlank()) {
      last--;
    }
    List<String> lines = all.subList(first, last);
    int indent =
        lines.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    StringBuilder out = new StringBuilder();
    for (String l : lines) {
      out.append(l.isBlank() ? "" : l.substring(indent).stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static int count(Matcher m) {
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
