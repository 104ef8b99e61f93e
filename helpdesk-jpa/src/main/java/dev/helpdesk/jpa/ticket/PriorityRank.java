package dev.helpdesk.jpa.ticket;

import dev.helpdesk.ticket.Priority;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores a priority as its rank (1 = LOW ... 4 = URGENT), so that {@code ORDER BY priority DESC}
 * serves the most urgent first and an index can deliver the queue order. Explicit numbers rather
 * than the enum's ordinal: reordering the enum must not reorder stored tickets.
 */
@Converter
class PriorityRank implements AttributeConverter<Priority, Integer> {

  @Override
  public Integer convertToDatabaseColumn(Priority priority) {
    if (priority == null) {
      return null;
    }
    return switch (priority) {
      case LOW -> 1;
      case NORMAL -> 2;
      case HIGH -> 3;
      case URGENT -> 4;
    };
  }

  @Override
  public Priority convertToEntityAttribute(Integer rank) {
    if (rank == null) {
      return null;
    }
    return switch (rank) {
      case 1 -> Priority.LOW;
      case 2 -> Priority.NORMAL;
      case 3 -> Priority.HIGH;
      case 4 -> Priority.URGENT;
      default -> throw new IllegalStateException("Unknown stored priority rank " + rank);
    };
  }
}
