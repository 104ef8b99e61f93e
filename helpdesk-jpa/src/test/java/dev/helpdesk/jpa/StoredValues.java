package dev.helpdesk.jpa;

import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Every value stored in every desk table ({@code hd_} names, found in the schema's metadata, so a
 * table added later is read too), searched for words with SQL: what proves that an erase left no
 * personal value anywhere, not only where the ports read.
 */
final class StoredValues {

  private StoredValues() {}

  /**
   * Where one of {@code words} (case-insensitive) occurs: {@code table.column = value} for each
   * hit, bytes read as UTF-8 text.
   */
  static List<String> containing(TestDatabase db, List<String> words) {
    List<String> hits = new ArrayList<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      for (String table : deskTables(c)) {
        try (ResultSet rs = s.executeQuery("select * from " + table)) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
              String value = text(rs.getObject(i));
              if (value == null) {
                continue;
              }
              String lower = value.toLowerCase(Locale.ROOT);
              for (String w : words) {
                if (lower.contains(w.toLowerCase(Locale.ROOT))) {
                  hits.add(table + "." + rs.getMetaData().getColumnName(i) + " = " + value);
                }
              }
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return hits;
  }

  /** The desk tables of the schema, in either case. */
  static List<String> deskTables(Connection c) throws SQLException {
    TreeSet<String> names = new TreeSet<>();
    DatabaseMetaData meta = c.getMetaData();
    String escape = meta.getSearchStringEscape();
    for (String pattern : List.of("hd" + escape + "_%", "HD" + escape + "_%")) {
      try (ResultSet rs =
          meta.getTables(c.getCatalog(), c.getSchema(), pattern, new String[] {"TABLE"})) {
        while (rs.next()) {
          names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
        }
      }
    }
    return List.copyOf(names);
  }

  private static String text(Object value) throws SQLException {
    if (value == null) {
      return null;
    }
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    if (value instanceof Blob blob) {
      return new String(blob.getBytes(1, (int) blob.length()), StandardCharsets.UTF_8);
    }
    if (value instanceof Clob clob) {
      return clob.getSubString(1, (int) clob.length());
    }
    return value.toString();
  }
}
