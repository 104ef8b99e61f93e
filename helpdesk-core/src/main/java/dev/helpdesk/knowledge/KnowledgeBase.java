package dev.helpdesk.knowledge;

import dev.helpdesk.ticket.ArticleId;
import dev.helpdesk.ticket.SuggestedAnswer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Port: the articles that may answer customers' queries, and the ranking that picks them. {@link
 * InMemoryKnowledgeBase} ranks by BM25 in memory; an adapter over a search engine implements the
 * same contract (the {@code KnowledgeBaseContract} suite in the core's test-jar states it).
 * Implementations must be thread-safe.
 */
public interface KnowledgeBase {

  /** Adds the article, or replaces the one with its id; it is offered from now on. */
  void save(Article article);

  /** Removes the article; removing an unknown one changes nothing. */
  void remove(ArticleId id);

  /** The article with this id. */
  Optional<Article> byId(ArticleId id);

  /**
   * Up to {@code limit} articles that may answer a customer's query, best first, each with its
   * score on the knowledge base's own scale. Only articles that share at least one word (other than
   * a stop word) with the query are returned, or, in an adapter that ranks by meaning, that say
   * nearly what the query says; an adapter may also hold back articles that fit too weakly. Only
   * those in the query's language or in {@link Locale#ROOT} (every language); when none of those
   * match, English articles are tried. An article whose title says what the subject says (the same
   * words, stop words aside, in the same order) ranks first.
   *
   * @param subject the customer's one-line summary (a ticket's subject)
   * @param description the customer's own words (a ticket's description); may be empty
   * @param locale the customer's language; {@link Locale#ROOT} when unknown (English is assumed)
   * @param limit the most answers wanted, at least 1
   */
  List<SuggestedAnswer> suggest(String subject, String description, Locale locale, int limit);
}
