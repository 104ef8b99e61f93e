package dev.helpdesk.mail.inbound;

import dev.helpdesk.common.EmailAddress;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the application's own mail server concluded about a mail's {@code From:}, from its
 * {@code Authentication-Results} header (RFC 8601). Only the topmost header carrying the server's
 * own authserv-id counts: anything below it, or under another id, the sender could have written.
 */
final class AuthenticationResults {

  private static final Pattern COMMENT = Pattern.compile("\\([^()]*\\)");
  private static final Pattern DMARC = Pattern.compile("(?i)^dmarc\\s*=\\s*([a-z]+)\\b(.*)$");
  private static final Pattern HEADER_FROM =
      Pattern.compile("(?i)\\bheader\\.from\\s*=\\s*([^\\s;]+)");

  private AuthenticationResults() {}

  /**
   * Whether the server named {@code authservId} reported {@code dmarc=pass} for the domain of
   * {@code from}.
   */
  static boolean dmarcPass(List<String> headers, String authservId, EmailAddress from) {
    String domain = from.value().substring(from.value().lastIndexOf('@') + 1);
    for (String header : headers) {
      String h = COMMENT.matcher(header).replaceAll(" ");
      String[] parts = h.split(";");
      // The authserv-id may be followed by a version number: "mx.example.com 1".
      String id = parts[0].strip().split("\\s+")[0];
      if (!id.equalsIgnoreCase(authservId)) {
        continue;
      }
      for (int i = 1; i < parts.length; i++) {
        Matcher dmarc = DMARC.matcher(parts[i].strip());
        if (dmarc.matches()) {
          if (!dmarc.group(1).toLowerCase(Locale.ROOT).equals("pass")) {
            return false;
          }
          Matcher headerFrom = HEADER_FROM.matcher(dmarc.group(2));
          return !headerFrom.find() || headerFrom.group(1).equalsIgnoreCase(domain);
        }
      }
      // Our server's header, but no DMARC verdict in it: not authenticated.
      return false;
    }
    return false;
  }
}
