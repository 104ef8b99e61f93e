package dev.helpdesk.spring;

import dev.helpdesk.jpa.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * The desk's tables on the application's database: Flyway applies the scripts shipped in {@code
 * helpdesk-jpa} with a history table of their own, so they live beside the application's own
 * migrations (which keep {@code flyway_schema_history}). It runs after the application's own
 * migrations and before the entity manager factory, so Hibernate never sees a schema without the
 * desk's tables.
 */
public final class HelpDeskSchema implements InitializingBean {

  private static final Logger log = LoggerFactory.getLogger(HelpDeskSchema.class);

  private final DataSource dataSource;
  private final Database database;
  private final String historyTable;
  private final boolean migrate;

  HelpDeskSchema(DataSource dataSource, Database database, String historyTable, boolean migrate) {
    this.dataSource = dataSource;
    this.database = database;
    this.historyTable = historyTable;
    this.migrate = migrate;
  }

  /** The database customization the desk's JPA store uses on this data source. */
  public Database database() {
    return database;
  }

  @Override
  public void afterPropertiesSet() {
    if (!migrate) {
      log.info("helpdesk.schema.migrate=false: the desk's tables are left to the application");
      return;
    }
    MigrateResult result =
        Flyway.configure(getClass().getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:" + database.scriptFolder())
            .table(historyTable)
            // The application's tables are there already: start below V1 so every script runs.
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load()
            .migrate();
    log.info(
        "Desk schema on {} at version {} ({} scripts applied, history in {})",
        database.name(),
        result.targetSchemaVersion,
        result.migrationsExecuted,
        historyTable);
  }

  /** The desk's database customization for the product behind {@code dataSource}. */
  static Database detect(DataSource dataSource) {
    String product;
    try (Connection connection = dataSource.getConnection()) {
      product = connection.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not read which database the DataSource is, for the desk's tables", e);
    }
    String name = product.toLowerCase(Locale.ROOT);
    if (name.contains("postgres")) {
      return Database.postgreSql();
    }
    if (name.contains("mariadb") || name.contains("mysql")) {
      return Database.mariaDb();
    }
    if (name.contains("h2")) {
      return Database.h2();
    }
    throw new IllegalStateException(
        "The desk's JPA store supports PostgreSQL, MariaDB and H2, not "
            + product
            + "; set helpdesk.enabled=false or declare your own HelpDesk bean");
  }
}
