package dev.helpdesk.jpa.store;

import java.nio.ByteBuffer;
import java.util.UUID;

/** Values of native queries' columns, as the three databases' drivers hand them out. */
public final class Columns {

  private Columns() {}

  /**
   * A uuid column: a {@link UUID} (PostgreSQL, H2), 16 bytes (MariaDB's binary form) or its text.
   */
  public static UUID uuid(Object value) {
    if (value instanceof UUID u) {
      return u;
    }
    if (value instanceof byte[] b && b.length == 16) {
      ByteBuffer buffer = ByteBuffer.wrap(b);
      return new UUID(buffer.getLong(), buffer.getLong());
    }
    return UUID.fromString(value.toString());
  }
}
