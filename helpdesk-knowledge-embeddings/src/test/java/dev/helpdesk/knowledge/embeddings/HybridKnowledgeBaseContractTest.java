package dev.helpdesk.knowledge.embeddings;

import dev.helpdesk.contract.KnowledgeBaseContract;
import dev.helpdesk.knowledge.KnowledgeBase;

/**
 * The core's contract, with the shipped model and the minimum score turned off: the contract's
 * one-word queries ("seat") are meant to find every article sharing the word, which is the port's
 * behaviour without a threshold. The calibrated thresholds are measured by {@link
 * AnswersEvaluationTest}; articles sharing no word still need the calibrated cosine.
 */
class HybridKnowledgeBaseContractTest extends KnowledgeBaseContract {

  @Override
  protected KnowledgeBase knowledgeBase() {
    return HybridKnowledgeBase.builder()
        .embeddingModel(SharedModel.MODEL, HybridKnowledgeBase.DEFAULT_MODEL_ID)
        .minimumScore(-1)
        .build();
  }
}
