package dev.helpdesk.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class EmailAddressTest {

  @Test
  void acceptsAndNormalisesTheDomainOnly() {
    assertEquals("Ana.B+trip@example.com", EmailAddress.of("Ana.B+trip@Example.COM").value());
    assertEquals("x@a-b.example", EmailAddress.of("x@a-b.example").value());
  }

  @Test
  void refusesMalformedAddressesNamingTheField() {
    for (String bad :
        new String[] {
          "ana",
          "@example.com",
          "ana@",
          "a@b@example.com",
          ".ana@example.com",
          "ana.@example.com",
          "a..b@example.com",
          "ana@example",
          "ana@-x.example",
          "ana@x-.example",
          "ana@x..example",
          "an a@example.com",
          "ana@ex_ample.com",
          "\u00e4na@example.com",
          "a".repeat(65) + "@x.com",
          "ana@" + "x".repeat(64) + ".com"
        }) {
      ValidationException e = assertThrows(ValidationException.class, () -> EmailAddress.of(bad));
      assertEquals("email", e.field(), bad);
    }
  }

  /**
   * The address rules as regular expressions, as they were first written: the character loops that
   * replaced them must accept and refuse exactly the same strings.
   */
  private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}");

  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  private static Optional<String> reference(String value) {
    int at = value.lastIndexOf('@');
    if (value.isBlank() || at <= 0 || at != value.indexOf('@') || at == value.length() - 1) {
      return Optional.empty();
    }
    String local = value.substring(0, at);
    String domain = value.substring(at + 1);
    if (!LOCAL.matcher(local).matches()
        || local.startsWith(".")
        || local.endsWith(".")
        || local.contains("..")) {
      return Optional.empty();
    }
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2) {
      return Optional.empty();
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return Optional.empty();
      }
    }
    return Optional.of(local + "@" + domain.toLowerCase(Locale.ROOT));
  }

  /** Strings mostly near an address: letters, digits, the symbols, dots, at signs, others. */
  private static Gen<String> addressLike() {
    String alphabet = "aZ09.@-_+!~` \u00e9xX.-@";
    Gen<Character> chars = integers().between(0, alphabet.length() - 1).map(alphabet::charAt);
    Gen<Integer> lengths = integers().between(1, 80);
    return lengths.flatMap(
        n ->
            lists()
                .of(chars)
                .ofSize(n)
                .map(cs -> cs.stream().map(String::valueOf).collect(Collectors.joining())));
  }

  @Test
  void acceptsExactlyWhatTheRegularExpressionsAccept() {
    qt().withExamples(20_000)
        .forAll(addressLike())
        .checkAssert(
            s -> {
              Optional<String> expected = reference(s);
              Optional<String> actual;
              try {
                actual = Optional.of(EmailAddress.of(s).value());
              } catch (ValidationException e) {
                actual = Optional.empty();
              }
              assertEquals(expected, actual, s);
            });
  }
}
