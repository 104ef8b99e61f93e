package dev.helpdesk.jpa.store;

import dev.helpdesk.ticket.Priority;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores a priority as its rank (1 = LOW ... 4 = URGENT), so that {@code ORDER BY priority DESC}
 * serves the most urgent first and an index can deliver the queue order. Explicit numbers rather
 * than the enum's ordinal: reordering the enum must not reorder stored tickets. The same ranks key
 * the kept counts of {@code hd_ticket_count}.
 */
@Converter
public final class PriorityRank implements AttributeConverter<Priority, Integer> {

  /** The stored rank of {@code priority}: 1 for LOW up to 4 for URGENT. */
  public static int of(Priority priority) {
    return switch (priority) {
      case LOW -> 1;
      case NORMAL -> 2;
      case HIGH -> 3;
      case URGENT -> 4;
    };
  }

  /** The priority a stored rank stands for. */
  public static Priority priority(int rank) {
    return switch (rank) {
      case 1 -> Priority.LOW;
      case 2 -> Priority.NORMAL;
      case 3 -> Priority.HIGH;
      case 4 -> Priority.URGENT;
      default -> throw new IllegalStateException("Unknown stored priority rank " + rank);
    };
  }

  @Override
  public Integer convertToDatabaseColumn(Priority priority) {
    return priority == null ? null : of(priority);
  }

  @Override
  public Priority convertToEntityAttribute(Integer rank) {
    return rank == null ? null : priority(rank);
  }
}
