package dev.helpdesk.mail.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.mail.outbound.TemplateCompleteness.Problem;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every built-in template language is complete: the same kinds, parts and Mustache tags as English.
 * The second half breaks a copy of the shipped set on purpose, one way at a time, to show that the
 * check catches each.
 */
class TemplateCompletenessTest {

  private static final Set<String> KINDS = TemplateCompleteness.kinds();

  @Test
  void everyShippedLanguageHasEveryTemplateWithTheTagsOfTheEnglishOne() {
    Map<String, String> shipped = TemplateCompleteness.builtIn();
    assertEquals(List.of(), TemplateCompleteness.problems(shipped, KINDS));
    // 3 parts of every kind in every language found: nothing is left over or counted twice.
    int languages = TemplateCompleteness.suffixes(shipped.keySet(), KINDS).size();
    assertEquals(KINDS.size() * 3 * languages, shipped.size(), shipped.keySet().toString());
  }

  @Test
  void theLanguagesAreFoundByListingTheTemplatesAndIncludeTheFivePromised() {
    Set<String> found =
        TemplateCompleteness.suffixes(TemplateCompleteness.builtIn().keySet(), KINDS);
    // The listing decides what is checked; this only guards against losing a promised language.
    assertTrue(found.containsAll(Set.of("", "_de", "_fr", "_es", "_it")), found.toString());
  }

  @Test
  void theTagsOfATemplateAreItsVariablesSectionsAndInvertedSectionsButNotItsComments() {
    assertEquals(
        Set.of("name", "#open", "^closed", "/open", "/closed", "{raw", "&amp", ">partial"),
        TemplateCompleteness.tags(
            "Hi {{ name }}{{#open}}x{{/open}}{{^closed}}y{{/closed}}{{{raw}}}{{&amp}}{{>partial}}"
                + "{{! a note for translators }}"));
  }

  @Test
  void aKindWhoseLastWordLooksLikeALanguageIsReadAsTheLongerKind() {
    Set<String> kinds = Set.of("ticket", "ticket_cc");
    assertEquals(
        new TemplateCompleteness.Name("ticket_cc", "", "txt"),
        TemplateCompleteness.parse("ticket_cc.txt.mustache", kinds).orElseThrow());
    assertEquals(
        new TemplateCompleteness.Name("ticket", "_de_CH", "html"),
        TemplateCompleteness.parse("ticket_de_CH.html.mustache", kinds).orElseThrow());
  }

  // ---------------------------------------------------------------- the check can fail

  private static List<String> problemsAfter(String file, UnaryOperator<String> change) {
    Map<String, String> files = new TreeMap<>(TemplateCompleteness.builtIn());
    String before = files.get(file);
    String after = change.apply(before);
    assertTrue(!after.equals(before), "the change must change " + file);
    files.put(file, after);
    return TemplateCompleteness.problems(files, KINDS).stream().map(Problem::toString).toList();
  }

  @Test
  void aMissingFileIsNamed() {
    Map<String, String> files = new TreeMap<>(TemplateCompleteness.builtIn());
    files.remove("status_changed_it.txt.mustache");
    assertEquals(
        List.of("status_changed_it.txt.mustache: is missing"),
        TemplateCompleteness.problems(files, KINDS).stream().map(Problem::toString).toList());
  }

  @Test
  void aNewLanguageWithOneFileLacksAllTheOthers() {
    Map<String, String> files = new TreeMap<>(TemplateCompleteness.builtIn());
    files.put(
        "ticket_received_pt.subject.mustache",
        "[{{ticketKey}}] Recebemos o seu pedido: {{ticketSubject}}\n");
    List<Problem> problems = TemplateCompleteness.problems(files, KINDS);
    assertEquals(KINDS.size() * 3 - 1, problems.size(), problems.toString());
    assertTrue(problems.stream().allMatch(p -> p.file().contains("_pt.")), problems.toString());
    assertTrue(
        problems.stream()
            .allMatch(
                p ->
                    p.message().equals("is missing")
                        && !p.file().startsWith("ticket_received_pt.subject")),
        problems.toString());
  }

  @Test
  void aVariableLeftOutIsNamed() {
    assertEquals(
        List.of("ticket_received_fr.txt.mustache: lacks {{firstReplyDue}} that English has"),
        problemsAfter(
            "ticket_received_fr.txt.mustache",
            t -> t.replace("au plus tard le {{firstReplyDue}}", "sous peu")));
  }

  @Test
  void aVariableEnglishHasNotIsNamed() {
    assertEquals(
        List.of("ticket_assigned_es.subject.mustache: has {{ticketLink}} that English has not"),
        problemsAfter("ticket_assigned_es.subject.mustache", t -> t.strip() + " {{ticketLink}}\n"));
  }

  @Test
  void anInvertedSectionTurnedIntoASectionIsNamed() {
    assertEquals(
        List.of("agent_replied_it.html.mustache: lacks {{^hasAuthor}} that English has"),
        problemsAfter(
            "agent_replied_it.html.mustache", t -> t.replace("{{^hasAuthor}}", "{{#hasAuthor}}")));
  }

  @Test
  void aSectionLeftOutIsNamedWithItsEnd() {
    assertEquals(
        List.of(
            "status_changed_de.html.mustache: lacks {{#hasSatisfactionLink}},"
                + " {{/hasSatisfactionLink}}, {{satisfactionLink}} that English has"),
        problemsAfter(
            "status_changed_de.html.mustache",
            t ->
                t.replace(
                    "{{#hasSatisfactionLink}}<p>Wie zufrieden waren Sie? <a"
                        + " href=\"{{satisfactionLink}}\">Bewerten</a></p>{{/hasSatisfactionLink}}",
                    "")));
  }

  @Test
  void aWrongHtmlLanguageIsNamed() {
    assertEquals(
        List.of("sla_warning_fr.html.mustache: says lang=\"en\", its name says fr"),
        problemsAfter(
            "sla_warning_fr.html.mustache", t -> t.replace("lang=\"fr\"", "lang=\"en\"")));
  }

  @Test
  void anEmptyFileIsNamed() {
    assertEquals(
        List.of("sla_breached_es.subject.mustache: is empty"),
        problemsAfter("sla_breached_es.subject.mustache", t -> "\n"));
  }

  @Test
  void anUnclosedSectionDoesNotCompile() {
    List<String> problems =
        problemsAfter(
            "ticket_assigned_it.txt.mustache", t -> t.replaceFirst("\\{\\{/hasAuthor}}", ""));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(
        problems.get(0).startsWith("ticket_assigned_it.txt.mustache: does not compile"),
        problems.toString());
  }

  @Test
  void aRewordedHiddenSpanIsNamed() {
    List<String> problems =
        problemsAfter(
            "ticket_received_es.html.mustache",
            t -> t.replace("<span style=\"display:none;", "<span style=\"display:block;"));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(
        problems.get(0).startsWith("ticket_received_es.html.mustache: lacks the hidden span"),
        problems.toString());
  }

  @Test
  void aSubjectWithoutTheTicketTokenIsNamed() {
    assertEquals(
        List.of("agent_replied_fr.subject.mustache: lacks the ticket token [{{ticketKey}}]"),
        problemsAfter(
            "agent_replied_fr.subject.mustache",
            t -> t.replace("[{{ticketKey}}]", "({{ticketKey}})")));
  }

  @Test
  void anUnescapedValueInHtmlIsNamed() {
    List<String> problems =
        problemsAfter(
            "agent_replied.html.mustache",
            t -> t.replace("padding-left:8px\">{{body}}", "padding-left:8px\">{{{body}}}"));
    assertTrue(
        problems.contains(
            "agent_replied.html.mustache: has an unescaped {{{value}}} or {{&value}}"),
        problems.toString());
  }

  @Test
  void aFileOfNoKindIsNamed() {
    Map<String, String> files = new TreeMap<>(TemplateCompleteness.builtIn());
    files.put("ticket_recieved_fr.subject.mustache", "[{{ticketKey}}] {{ticketSubject}}\n");
    List<Problem> problems = TemplateCompleteness.problems(files, KINDS);
    assertEquals(1, problems.size(), problems.toString());
    assertEquals("ticket_recieved_fr.subject.mustache", problems.get(0).file());
  }
}
