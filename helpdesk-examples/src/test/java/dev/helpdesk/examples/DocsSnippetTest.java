package dev.helpdesk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of {@code README.md} and {@code docs/**}{@code /*.md} (except {@code
 * docs/design/}, which holds design reasoning, not instructions) compiles as a reader would paste
 * it: on its own, with nothing but its own imports, against this module's test class path (every
 * module of the SDK and the libraries the docs name).
 *
 * <ul>
 *   <li>Each block has a line {@code <!-- snippet: NAME -->} immediately above it, with a name no
 *       other block uses; the test names the file and line of a block without one.
 *   <li>A block that declares a class, record, interface or enum at the top level (unindented) is a
 *       compilation unit and compiles as it is. Any other block is a run of statements: its leading
 *       {@code import} lines stay where they are and the rest goes into {@code class Snippet { void
 *       run() throws Exception { ... } }}, on the same lines, so that a diagnostic's line is the
 *       block's line.
 *   <li>A block that cannot compile on its own yet is on {@link #NOT_YET_STANDALONE}, with the
 *       reason; the test fails when such a block does compile, or no longer exists, so that the
 *       list only ever shrinks.
 * </ul>
 *
 * <p>This replaces the former tie between doc blocks and {@code // snippet:NAME} regions of the
 * example code, which made a block equal, line for line, a region of a class that the examples' own
 * tests run. Such a region could not carry the imports and declarations a block needs to be pasted
 * on its own (they live elsewhere in its class), so a block could be true to the code and still not
 * compile for a reader, which was the docs' actual failure. Compiling each block on its own catches
 * what the tie caught (a renamed method, a changed signature, a removed class) and also a missing
 * import or an undeclared variable; what the examples do at run time stays covered by their own
 * tests ({@code QuickstartMain}, {@code JpaDocsTest}, {@code MailDocsTest}, ...), and the README's
 * quickstart is also run ({@link ReadmeSnippetTest}).
 */
class DocsSnippetTest {

  /**
   * Blocks that do not compile on their own yet, by name, with the reason. Last resort: each entry
   * is a block someone is changing elsewhere.
   */
  static final Map<String, String> NOT_YET_STANDALONE = Map.of();

  private static final Pattern MARKER = Pattern.compile("<!-- snippet: ([a-z0-9-]+) -->");
  private static final Pattern TOP_LEVEL_TYPE =
      Pattern.compile(
          "^(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:(?:public|abstract|final|sealed|non-sealed|static|"
              + "strictfp)\\s+)*(?:class|record|interface|enum|@interface)\\s+(\\w+)",
          Pattern.MULTILINE);
  private static final Pattern PUBLIC_TOP_LEVEL_TYPE =
      Pattern.compile(
          "^(?:@\\w+(?:\\([^)]*\\))?\\s+)*public\\s+(?:(?:abstract|final|sealed|non-sealed|"
              + "static|strictfp)\\s+)*(?:class|record|interface|enum|@interface)\\s+(\\w+)",
          Pattern.MULTILINE);

  /** A {@code ```java} block of a markdown file. */
  record Block(Path file, int line, String name, String code) {

    /** Where the block is, for messages: {@code docs/mail.md:42 (mail-settings)}. */
    String where() {
      return file + ":" + line + " (" + (name == null ? "no snippet name" : name) + ")";
    }

    /** The block as a compilation unit: as it is, or its statements wrapped in a method. */
    String source() {
      if (isCompilationUnit()) {
        return code;
      }
      List<String> lines = code.lines().toList();
      int first = 0;
      while (first < lines.size() && isPreamble(lines.get(first))) {
        first++;
      }
      StringBuilder source = new StringBuilder();
      for (int i = 0; i < first; i++) {
        source.append(lines.get(i)).append('\n');
      }
      source.append("class Snippet { void run() throws Exception { ");
      for (int i = first; i < lines.size(); i++) {
        source.append(lines.get(i)).append('\n');
      }
      return source.append("}}\n").toString();
    }

    /** The name the compilation unit's file needs: its public top-level type's. */
    String className() {
      Matcher pub = PUBLIC_TOP_LEVEL_TYPE.matcher(code);
      return isCompilationUnit() && pub.find() ? pub.group(1) : "Snippet";
    }

    boolean isCompilationUnit() {
      return TOP_LEVEL_TYPE.matcher(code).find();
    }

    private static boolean isPreamble(String line) {
      String l = line.strip();
      return l.isEmpty() || l.startsWith("import ") || l.startsWith("//");
    }
  }

  @Test
  void everyJavaBlockOfTheDocsCompilesOnItsOwn() throws IOException {
    List<Block> blocks = blocks();
    List<String> problems = new ArrayList<>(namingProblems(blocks));
    Map<String, String> stale = new HashMap<>(NOT_YET_STANDALONE);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path out = Files.createTempDirectory("doc-snippets");
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
      for (Block block : blocks) {
        List<String> errors = compile(javac, files, block, out);
        String reason = stale.remove(block.name());
        if (reason != null && errors.isEmpty()) {
          problems.add(
              block.where()
                  + ": compiles on its own now; take it off NOT_YET_STANDALONE ("
                  + reason
                  + ")");
        } else if (reason == null && !errors.isEmpty()) {
          problems.add(
              block.where() + " does not compile on its own:\n" + String.join("\n", errors));
        }
      }
    }
    stale.keySet().forEach(n -> problems.add("NOT_YET_STANDALONE names no block: " + n));
    assertTrue(problems.isEmpty(), String.join("\n\n", problems));
    assertTrue(
        blocks.size() >= 30,
        "the docs show " + blocks.size() + " Java blocks; expected 30 or more");
  }

  @Test
  void aBlockWithoutItsImportsOrVariablesIsReportedWithItsFileLineAndName() throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path out = Files.createTempDirectory("doc-snippets");
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
      Block withImport =
          new Block(
              Path.of("docs/x.md"),
              10,
              "ok",
              "import dev.helpdesk.HelpDesk;\n\nHelpDesk desk = HelpDesk.builder().build();\n");
      assertEquals(List.of(), compile(javac, files, withImport, out));

      Block unit =
          new Block(
              Path.of("docs/x.md"),
              20,
              "unit",
              "import dev.helpdesk.HelpDesk;\n\npublic class Intake {\n"
                  + "  void open(HelpDesk desk) {}\n}\n");
      assertEquals("Intake", unit.className());
      assertEquals(List.of(), compile(javac, files, unit, out));

      Block withoutImport =
          new Block(
              Path.of("docs/x.md"), 30, "bad", "HelpDesk desk = HelpDesk.builder().build();\n");
      List<String> errors = compile(javac, files, withoutImport, out);
      assertTrue(
          !errors.isEmpty() && errors.get(0).startsWith("docs/x.md:31 (bad): "),
          () -> errors.toString());

      Block undeclared =
          new Block(
              Path.of("docs/x.md"),
              40,
              "undeclared",
              "import java.util.List;\n\nList<String> names = List.of();\nout.println(names);\n");
      List<String> more = compile(javac, files, undeclared, out);
      assertTrue(
          more.size() == 1 && more.get(0).startsWith("docs/x.md:44 (undeclared): "),
          () -> more.toString());
    }
  }

  @Test
  void blocksWithoutAMarkerOrWithATakenNameAreNamedByFileAndLine() {
    Path doc = Path.of("docs/x.md");
    List<Block> blocks =
        parse(
            doc,
            String.join(
                "\n",
                "# X",
                "<!-- snippet: one -->",
                "```java",
                "int a = 1;",
                "```",
                "",
                "```java",
                "int b = 2;",
                "```",
                "<!-- snippet: one -->",
                "",
                "```java",
                "int c = 3;",
                "```",
                "<!-- snippet: one -->",
                "```java",
                "int d = 4;",
                "```",
                ""));
    assertEquals(4, blocks.size());
    assertEquals(
        List.of(
            "docs/x.md:7: a ```java block without a <!-- snippet: NAME --> line above it",
            "docs/x.md:12: a ```java block without a <!-- snippet: NAME --> line above it",
            "docs/x.md:16: snippet name 'one' is taken by docs/x.md:3"),
        namingProblems(blocks));
  }

  /** The java blocks of the README and of every doc outside {@code docs/design/}. */
  static List<Block> blocks() throws IOException {
    Path root = ReadmeSnippetTest.repositoryRoot();
    List<Path> docs = new ArrayList<>();
    docs.add(root.resolve("README.md"));
    try (Stream<Path> files = Files.walk(root.resolve("docs"))) {
      files
          .filter(p -> p.toString().endsWith(".md"))
          .filter(p -> !root.resolve("docs").relativize(p).startsWith("design"))
          .sorted()
          .forEach(docs::add);
    }
    List<Block> blocks = new ArrayList<>();
    for (Path doc : docs) {
      blocks.addAll(parse(root.relativize(doc), Files.readString(doc, StandardCharsets.UTF_8)));
    }
    return blocks;
  }

  /**
   * The java blocks of one markdown text; {@code line} is the 1-based line of the opening fence.
   */
  static List<Block> parse(Path file, String markdown) {
    List<String> lines = markdown.lines().toList();
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals("```java")) {
        continue;
      }
      String indent = lines.get(i).substring(0, lines.get(i).indexOf('`'));
      Matcher marker = MARKER.matcher(i > 0 ? lines.get(i - 1).strip() : "");
      String name = marker.matches() ? marker.group(1) : null;
      StringBuilder code = new StringBuilder();
      int j = i + 1;
      while (j < lines.size() && !lines.get(j).strip().equals("```")) {
        String l = lines.get(j);
        code.append(l.startsWith(indent) ? l.substring(indent.length()) : l.stripLeading());
        code.append('\n');
        j++;
      }
      if (j == lines.size()) {
        throw new AssertionError(file + ":" + (i + 1) + ": a ```java block that never ends");
      }
      blocks.add(new Block(file, i + 1, name, code.toString()));
      i = j;
    }
    return blocks;
  }

  static List<String> namingProblems(List<Block> blocks) {
    List<String> problems = new ArrayList<>();
    Map<String, Block> byName = new HashMap<>();
    for (Block b : blocks) {
      if (b.name() == null) {
        problems.add(
            b.file()
                + ":"
                + b.line()
                + ": a ```java block without a <!-- snippet: NAME --> line above it");
        continue;
      }
      Block taken = byName.putIfAbsent(b.name(), b);
      if (taken != null) {
        problems.add(
            b.file()
                + ":"
                + b.line()
                + ": snippet name '"
                + b.name()
                + "' is taken by "
                + taken.file()
                + ":"
                + taken.line());
      }
    }
    return problems;
  }

  /**
   * Compiles one block on its own into {@code out}; returns its errors, each as {@code file:line
   * (name): message}, the line being the markdown file's.
   */
  static List<String> compile(
      JavaCompiler javac, StandardJavaFileManager files, Block block, Path out) {
    Path dir;
    try {
      dir = Files.createTempDirectory(out, "snippet");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JavaFileObject source =
        new SimpleJavaFileObject(
            URI.create("string:///" + block.className() + ".java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return block.source();
          }
        };
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    javac
        .getTask(
            null,
            files,
            diagnostics,
            List.of(
                "--release",
                "17",
                "-proc:none",
                "-implicit:none",
                "-classpath",
                System.getProperty("java.class.path"),
                "-d",
                dir.toString()),
            null,
            List.of(source))
        .call();
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        long line = block.line() + d.getLineNumber();
        errors.add(
            block.file() + ":" + line + " (" + block.name() + "): " + d.getMessage(Locale.ROOT));
      }
    }
    return errors;
  }
}
