package dev.helpdesk.spring;

import java.util.Locale;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.Sequence;
import org.hibernate.mapping.Table;
import org.hibernate.tool.schema.spi.SchemaFilter;
import org.hibernate.tool.schema.spi.SchemaFilterProvider;

/**
 * Keeps Hibernate's schema tool off the desk's tables ({@code hd_*}), which the desk's Flyway
 * scripts own: an application that lets Hibernate create its own tables ({@code ddl-auto} {@code
 * create-drop}, Spring Boot's default on an embedded database) would otherwise drop the desk's
 * tables and create them again without the scripts' constraints and indexes. Validation still
 * covers them.
 */
final class DeskTablesFilter implements SchemaFilterProvider {

  private static final SchemaFilter WITHOUT_DESK_TABLES =
      new SchemaFilter() {
        @Override
        public boolean includeNamespace(Namespace namespace) {
          return true;
        }

        @Override
        public boolean includeTable(Table table) {
          return !isDesk(table.getName());
        }

        @Override
        public boolean includeSequence(Sequence sequence) {
          return !isDesk(sequence.getName().getSequenceName().getText());
        }
      };

  static boolean isDesk(String name) {
    return name != null && name.toLowerCase(Locale.ROOT).startsWith("hd_");
  }

  @Override
  public SchemaFilter getCreateFilter() {
    return WITHOUT_DESK_TABLES;
  }

  @Override
  public SchemaFilter getDropFilter() {
    return WITHOUT_DESK_TABLES;
  }

  @Override
  public SchemaFilter getTruncatorFilter() {
    return WITHOUT_DESK_TABLES;
  }

  @Override
  public SchemaFilter getMigrateFilter() {
    return WITHOUT_DESK_TABLES;
  }

  @Override
  public SchemaFilter getValidateFilter() {
    return SchemaFilter.ALL;
  }
}
