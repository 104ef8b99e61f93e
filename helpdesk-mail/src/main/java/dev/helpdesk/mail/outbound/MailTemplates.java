package dev.helpdesk.mail.outbound;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import dev.helpdesk.notification.NotificationKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds, compiles and renders the three templates of a notification kind: {@code
 * <kind>.subject.mustache}, {@code <kind>.txt.mustache} and {@code <kind>.html.mustache}, where
 * {@code <kind>} is the lower-case {@link NotificationKind} name (so a new kind needs only its
 * three files). A locale variant inserts {@code _de} or {@code _de_CH} before the first dot.
 *
 * <p>Lookup, first found wins: for each of {@code _de_CH}, {@code _de} and no suffix, the
 * application's folder ({@code templateRoot}) and then the built-in one. HTML templates escape
 * every {@code {{value}}}; subject and plain-text templates are rendered by a factory that does
 * not, so a customer's {@code <} stays a {@code <} in a plain-text mail.
 */
final class MailTemplates {

  static final String BUILT_IN = "dev/helpdesk/mail/outbound/templates";

  /** What a notification renders to. */
  record Rendered(String subject, String text, String html) {}

  private final String root;
  private final ClassLoader loader;
  private final DefaultMustacheFactory html = new DefaultMustacheFactory();
  private final DefaultMustacheFactory text = new PlainMustacheFactory();
  private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();

  MailTemplates(String root, ClassLoader loader) {
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.loader = loader;
  }

  Rendered render(NotificationKind kind, Locale locale, Map<String, Object> scope) {
    String name = kind.name().toLowerCase(Locale.ROOT);
    String subject = render(name, "subject", locale, scope, text).strip();
    return new Rendered(
        subject,
        render(name, "txt", locale, scope, text),
        render(name, "html", locale, scope, html));
  }

  private String render(
      String name,
      String part,
      Locale locale,
      Map<String, Object> scope,
      DefaultMustacheFactory factory) {
    String key = part + "|" + name + "|" + locale;
    Mustache mustache = compiled.computeIfAbsent(key, k -> compile(name, part, locale, factory));
    StringWriter out = new StringWriter();
    try {
      mustache.execute(out, scope).flush();
    } catch (IOException | MustacheException e) {
      throw new MailTemplateException("template " + name + "." + part + " failed to render", e);
    }
    return out.toString();
  }

  private Mustache compile(
      String name, String part, Locale locale, DefaultMustacheFactory factory) {
    for (String path : candidates(name, part, locale)) {
      InputStream in = loader.getResourceAsStream(path);
      if (in == null) {
        continue;
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return factory.compile(reader, path);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (MustacheException e) {
        throw new MailTemplateException("template " + path + " does not compile", e);
      }
    }
    throw new MailTemplateException(
        "no template "
            + name
            + "."
            + part
            + ".mustache in "
            + root
            + " or the built-in templates; add one for this notification kind");
  }

  private List<String> candidates(String name, String part, Locale locale) {
    List<String> suffixes = new ArrayList<>();
    if (!locale.getLanguage().isEmpty()) {
      if (!locale.getCountry().isEmpty()) {
        suffixes.add("_" + locale.getLanguage() + "_" + locale.getCountry());
      }
      suffixes.add("_" + locale.getLanguage());
    }
    suffixes.add("");
    List<String> paths = new ArrayList<>();
    for (String suffix : suffixes) {
      String file = name + suffix + "." + part + ".mustache";
      paths.add(root + "/" + file);
      paths.add(BUILT_IN + "/" + file);
    }
    return paths;
  }

  /** Renders values as they are: for subjects and plain-text parts, never for HTML. */
  private static final class PlainMustacheFactory extends DefaultMustacheFactory {
    @Override
    public void encode(String value, Writer writer) {
      try {
        writer.write(value);
      } catch (IOException e) {
        throw new MustacheException("failed to write", e);
      }
    }
  }
}
