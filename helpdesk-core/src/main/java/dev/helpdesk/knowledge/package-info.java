/**
 * Instant answers: knowledge-base {@link dev.helpdesk.knowledge.Article}s, the port {@link
 * dev.helpdesk.knowledge.KnowledgeBase} that ranks them for a customer's query, and {@link
 * dev.helpdesk.knowledge.InMemoryKnowledgeBase}, which ranks by BM25 in memory. The desk asks the
 * knowledge base when a ticket is opened and offers the best few as {@link
 * dev.helpdesk.ticket.SuggestedAnswer}s.
 */
package dev.helpdesk.knowledge;
