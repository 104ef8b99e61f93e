package dev.helpdesk.web;

/**
 * A ticket's version as an HTTP entity tag: {@code "7"}. {@code If-Match} holds one or more tags,
 * or {@code *}; weak tags ({@code W/"7"}) never match, as RFC 9110 requires of {@code If-Match}.
 */
final class ETags {

  private ETags() {}

  static String of(long version) {
    return "\"" + version + "\"";
  }

  static boolean matches(String ifMatch, long version) {
    String wanted = of(version);
    for (String tag : ifMatch.split(",")) {
      String t = tag.strip();
      if (t.equals("*") || t.equals(wanted)) {
        return true;
      }
    }
    return false;
  }
}
