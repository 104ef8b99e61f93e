package dev.helpdesk.knowledge.embeddings;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.ticket.ArticleId;
import java.util.Arrays;

/**
 * An article's embedding as kept with it: which model made it, from which text, and the vector.
 *
 * @param articleId the article
 * @param modelId the model that computed it; a vector of another model is recomputed
 * @param textDigest the SHA-256 (hex) of the model id and the text embedded; a vector of another
 *     text (the article was edited) is recomputed
 * @param vector the embedding, of unit length; copied in and out
 */
public record ArticleVector(
    ArticleId articleId, String modelId, String textDigest, float[] vector) {

  /** Validates and copies the vector. */
  public ArticleVector {
    Check.present("articleId", articleId);
    Check.line("modelId", modelId, 200);
    Check.line("textDigest", textDigest, 64);
    Check.present("vector", vector);
    if (vector.length == 0) {
      throw new ValidationException("vector", "must not be empty");
    }
    vector = vector.clone();
  }

  /** A copy of the vector. */
  @Override
  public float[] vector() {
    return vector.clone();
  }

  /** The vector's length (its dimension). */
  public int dimension() {
    return vector.length;
  }

  /** The dot product with {@code other}, without copying; both must have the same dimension. */
  double dot(float[] other) {
    double sum = 0;
    for (int i = 0; i < vector.length; i++) {
      sum += vector[i] * other[i];
    }
    return sum;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArticleVector v
        && articleId.equals(v.articleId)
        && modelId.equals(v.modelId)
        && textDigest.equals(v.textDigest)
        && Arrays.equals(vector, v.vector);
  }

  @Override
  public int hashCode() {
    return 31 * articleId.hashCode() + Arrays.hashCode(vector);
  }

  @Override
  public String toString() {
    return "ArticleVector[" + articleId.value() + ", " + modelId + ", dim " + vector.length + "]";
  }
}
