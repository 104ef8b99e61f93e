/**
 * Instant answers by meaning: {@link dev.helpdesk.knowledge.embeddings.HybridKnowledgeBase} ranks
 * articles with a sentence-embedding model run in-process (no network) mixed with BM25, and holds
 * back what fits too weakly. Article vectors are kept through the port {@link
 * dev.helpdesk.knowledge.embeddings.ArticleVectors}.
 */
package dev.helpdesk.knowledge.embeddings;
