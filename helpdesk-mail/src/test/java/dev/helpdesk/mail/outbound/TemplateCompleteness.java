package dev.helpdesk.mail.outbound;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheException;
import dev.helpdesk.notification.Audience;
import dev.helpdesk.notification.NotificationKind;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks a set of template files (file name to content) against the English ones: every language
 * found among the names has every kind and part, with the same Mustache tags as English, its own
 * {@code lang} in HTML, the hidden body token and the {@code [{{ticketKey}}]} subject token where
 * English has them, and nothing empty or uncompilable. Works on names and text only, so a test can
 * hand it a deliberately broken set.
 */
final class TemplateCompleteness {

  static final List<String> PARTS = List.of("subject", "txt", "html");

  /**
   * The token the inbound intake finds a ticket by; a translation must keep it where English has
   * it.
   */
  static final String SUBJECT_TOKEN = "[{{ticketKey}}]";

  /** {{x}}, {{#x}}, {{^x}}, {{/x}}, {{!x}}, {{>x}}, {{&x}} and {{{x}}}. */
  private static final Pattern TAG =
      Pattern.compile("\\{\\{(\\{?)\\s*([#^/!>&]?)\\s*([^{}]*?)\\s*\\}?\\}\\}", Pattern.DOTALL);

  private static final Pattern HTML_LANG =
      Pattern.compile("<html\\b[^>]*\\blang=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

  private static final Pattern SUFFIX =
      Pattern.compile("(?:_([a-z]{2,3})(?:_([A-Z]{2}))?)?\\.(subject|txt|html)\\.mustache");

  /** One problem, named by its file. */
  record Problem(String file, String message) {
    @Override
    public String toString() {
      return file + ": " + message;
    }
  }

  /**
   * A file name taken apart: kind, locale suffix ({@code ""}, {@code _de}, {@code _de_CH}), part.
   */
  record Name(String kind, String suffix, String part) {
    String file() {
      return kind + suffix + "." + part + ".mustache";
    }

    /** The BCP 47 tag of the file's language; the files without a suffix are English. */
    String languageTag() {
      return suffix.isEmpty() ? "en" : suffix.substring(1).replace('_', '-');
    }
  }

  private TemplateCompleteness() {}

  /**
   * The lower-case names of every mailed {@link NotificationKind}: each needs its templates. A
   * webhook delivery ({@link Audience#ENDPOINT}) is posted by the desk, never mailed.
   */
  static Set<String> kinds() {
    return Arrays.stream(NotificationKind.values())
        .filter(k -> k.audience() != Audience.ENDPOINT)
        .map(k -> k.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The locale suffixes found among the names, {@code ""} (English) included. */
  static Set<String> suffixes(Collection<String> fileNames, Set<String> kinds) {
    return fileNames.stream()
        .map(f -> parse(f, kinds))
        .flatMap(Optional::stream)
        .map(Name::suffix)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * A file name as kind, suffix and part; the longest kind that fits wins, so a kind whose last
   * word looks like a language ({@code ticket_cc}) is not read as {@code ticket} in {@code _cc}.
   */
  static Optional<Name> parse(String fileName, Set<String> kinds) {
    return kinds.stream()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .filter(fileName::startsWith)
        .map(
            kind -> {
              Matcher m = SUFFIX.matcher(fileName.substring(kind.length()));
              if (!m.matches()) {
                return null;
              }
              String suffix =
                  m.group(1) == null
                      ? ""
                      : "_" + m.group(1) + (m.group(2) == null ? "" : "_" + m.group(2));
              return new Name(kind, suffix, m.group(3));
            })
        .filter(n -> n != null)
        .findFirst();
  }

  /** Every problem of the set; empty when it is complete. */
  static List<Problem> problems(Map<String, String> files, Set<String> kinds) {
    List<Problem> problems = new ArrayList<>();
    for (String file : new TreeSet<>(files.keySet())) {
      if (parse(file, kinds).isEmpty()) {
        problems.add(
            new Problem(
                file,
                "is not <kind>[_language[_COUNTRY]].<subject|txt|html>.mustache of a kind "
                    + kinds));
      }
    }
    Set<String> suffixes = suffixes(files.keySet(), kinds);
    suffixes.add("");
    for (String kind : kinds) {
      for (String part : PARTS) {
        String english = files.get(new Name(kind, "", part).file());
        for (String suffix : suffixes) {
          Name name = new Name(kind, suffix, part);
          String text = files.get(name.file());
          if (text == null) {
            problems.add(new Problem(name.file(), "is missing"));
            continue;
          }
          check(name, text, english, problems);
        }
      }
    }
    return problems;
  }

  private static void check(Name name, String text, String english, List<Problem> problems) {
    String file = name.file();
    if (text.isBlank()) {
      problems.add(new Problem(file, "is empty"));
      return;
    }
    try {
      new DefaultMustacheFactory().compile(new StringReader(text), file);
    } catch (MustacheException e) {
      problems.add(new Problem(file, "does not compile: " + e.getMessage()));
    }
    if (name.part().equals("html")) {
      Matcher lang = HTML_LANG.matcher(text);
      if (!lang.find()) {
        problems.add(new Problem(file, "has no <html lang=\"" + name.languageTag() + "\">"));
      } else if (!lang.group(1).equals(name.languageTag())) {
        problems.add(
            new Problem(
                file, "says lang=\"" + lang.group(1) + "\", its name says " + name.languageTag()));
      }
      if (text.contains("{{{") || text.contains("{{&")) {
        problems.add(new Problem(file, "has an unescaped {{{value}}} or {{&value}}"));
      }
    }
    if (english == null || name.suffix().isEmpty()) {
      return;
    }
    Set<String> expected = tags(english);
    Set<String> actual = tags(text);
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(actual);
    Set<String> extra = new TreeSet<>(actual);
    extra.removeAll(expected);
    if (!missing.isEmpty()) {
      problems.add(new Problem(file, "lacks " + braced(missing) + " that English has"));
    }
    if (!extra.isEmpty()) {
      problems.add(new Problem(file, "has " + braced(extra) + " that English has not"));
    }
    if (english.contains(SUBJECT_TOKEN) && !text.contains(SUBJECT_TOKEN)) {
      problems.add(new Problem(file, "lacks the ticket token " + SUBJECT_TOKEN));
    }
    hiddenSpan(english)
        .filter(span -> !text.contains(span))
        .ifPresent(span -> problems.add(new Problem(file, "lacks the hidden span " + span)));
  }

  /** The line of the English HTML that hides the body token: copied, never reworded. */
  private static Optional<String> hiddenSpan(String english) {
    return english
        .lines()
        .filter(l -> l.contains("{{bodyToken}}") && l.contains("display:none"))
        .map(String::strip)
        .findFirst();
  }

  /**
   * The Mustache tags of a template, as written between braces: {@code name}, {@code #section},
   * {@code ^inverted}, {@code /end}, {@code >partial}, {@code &name} and, for a triple mustache,
   * {@code {name}}. Comments are left out; a translation may say what it likes in them.
   */
  static Set<String> tags(String template) {
    Set<String> tags = new TreeSet<>();
    Matcher m = TAG.matcher(template);
    while (m.find()) {
      String sigil = m.group(1).isEmpty() ? m.group(2) : "{";
      if (!sigil.equals("!")) {
        tags.add(sigil + m.group(3));
      }
    }
    return tags;
  }

  private static String braced(Set<String> tags) {
    return tags.stream().map(t -> "{{" + t + "}}").collect(Collectors.joining(", "));
  }

  /**
   * The built-in templates as the class path holds them, read by listing the folder (a directory in
   * a build, a jar entry in a dependency), so a language added later is checked without naming it
   * here.
   */
  static Map<String, String> builtIn() {
    Map<String, String> files = new TreeMap<>();
    try {
      Enumeration<URL> roots =
          TemplateCompleteness.class.getClassLoader().getResources(MailTemplates.BUILT_IN);
      while (roots.hasMoreElements()) {
        read(roots.nextElement().toURI(), files);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("no templates under " + MailTemplates.BUILT_IN);
    }
    return files;
  }

  private static void read(URI root, Map<String, String> files) throws IOException {
    if (root.getScheme().equals("jar")) {
      try (FileSystem jar = FileSystems.newFileSystem(root, Map.of())) {
        list(jar.provider().getPath(root), files);
      }
    } else {
      list(Path.of(root), files);
    }
  }

  private static void list(Path folder, Map<String, String> files) throws IOException {
    try (Stream<Path> paths = Files.list(folder)) {
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        files.putIfAbsent(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
      }
    }
  }
}
