package dev.helpdesk.mail.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts the quoted history off a reply, so that a ticket's conversation holds what the customer
 * wrote now and not every earlier mail again. It recognises what the common clients write:
 *
 * <ul>
 *   <li>an attribution line and everything after it: Gmail and Apple Mail's {@code On ... wrote:}
 *       (also wrapped over two lines), {@code Am ... schrieb ...:}, {@code Le ... a écrit :};
 *   <li>Outlook's {@code -----Original Message-----} and its header block {@code From:} followed by
 *       {@code Sent:} or {@code Date:}, with or without the line of underscores above it;
 *   <li>lines quoted with {@code >}, wherever they are (text written between quotes stays);
 *   <li>a signature after the {@code "-- "} delimiter.
 * </ul>
 */
public final class QuoteStripper {

  private static final Pattern ATTRIBUTION =
      Pattern.compile(
          "(?i)^\\s*(on\\s.{1,300}\\swrote\\s*:|am\\s.{1,300}\\sschrieb\\s.{0,200}:"
              + "|le\\s.{1,300}\\sa\\s[ée]crit\\s*:)\\s*$");
  private static final Pattern ATTRIBUTION_START = Pattern.compile("(?i)^\\s*(on|am|le)\\s.+");
  private static final Pattern ATTRIBUTION_END =
      Pattern.compile("(?i).*(wrote|schrieb.*|a\\s[ée]crit)\\s*:\\s*$");
  private static final Pattern ORIGINAL =
      Pattern.compile(
          "(?i)^\\s*-{2,}\\s*(original message|ursprüngliche nachricht|message d'origine)\\s*-{2,}\\s*$");
  private static final Pattern UNDERSCORES = Pattern.compile("^\\s*_{10,}\\s*$");
  private static final Pattern OUTLOOK_FROM =
      Pattern.compile("(?i)^\\s*\\*?(from|von|de)\\s*:\\*?\\s.*");
  private static final Pattern OUTLOOK_SENT =
      Pattern.compile("(?i)^\\s*\\*?(sent|date|gesendet|datum|envoyé)\\s*:\\*?\\s.*");

  private QuoteStripper() {}

  /** The new text of a reply, without the quoted history; may be empty. */
  public static String strip(String text) {
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (cutsHere(lines, i)) {
        break;
      }
      if (line.equals("-- ") || line.equals("--")) {
        break;
      }
      if (line.stripLeading().startsWith(">")) {
        continue;
      }
      kept.add(line);
    }
    return String.join("\n", kept).strip();
  }

  private static boolean cutsHere(String[] lines, int i) {
    String line = lines[i];
    if (ATTRIBUTION.matcher(line).matches()
        || ORIGINAL.matcher(line).matches()
        || UNDERSCORES.matcher(line).matches()) {
      return true;
    }
    // Gmail wraps a long attribution: "On Mon, 2 Mar 2026 at 10:00, Support <" / "x@y> wrote:".
    if (ATTRIBUTION_START.matcher(line).matches()
        && i + 1 < lines.length
        && ATTRIBUTION_END.matcher(lines[i + 1]).matches()
        && line.length() + lines[i + 1].length() < 400) {
      return true;
    }
    // Outlook without the separator: "From: ..." then "Sent: ..." (or "Date:") within two lines.
    if (OUTLOOK_FROM.matcher(line).matches()) {
      for (int j = i + 1; j < Math.min(lines.length, i + 3); j++) {
        if (OUTLOOK_SENT.matcher(lines[j]).matches()) {
          return true;
        }
      }
    }
    return false;
  }
}
