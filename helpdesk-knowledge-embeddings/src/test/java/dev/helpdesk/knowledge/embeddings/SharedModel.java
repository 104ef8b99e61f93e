package dev.helpdesk.knowledge.embeddings;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/** The shipped model, loaded once for all tests (loading takes about a second). */
final class SharedModel {
  static final EmbeddingModel MODEL = new AllMiniLmL6V2QuantizedEmbeddingModel();

  private SharedModel() {}
}
