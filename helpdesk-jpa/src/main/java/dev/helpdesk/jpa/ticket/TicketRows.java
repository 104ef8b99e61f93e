package dev.helpdesk.jpa.ticket;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.customer.OrganisationId;
import dev.helpdesk.jpa.store.Json;
import dev.helpdesk.search.SearchHit;
import dev.helpdesk.sla.SlaState;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.Session;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Reads search rows straight into tickets: the statement's columns are read with the very JDBC
 * mappings Hibernate uses for {@link TicketEntity}'s attributes (so an instant, a UUID or the
 * priority rank is read exactly as the entity would read it on each database), without building
 * entities or resolving a native query's result mapping on every execution, which cost a search as
 * much as the query itself where the query is fast. The rows are read-only results, never managed.
 */
final class TicketRows {

  /** The columns {@link #read} reads, in this order. The search text columns are not among them. */
  static final String COLUMNS =
      "t.version, t.ticket_id, t.ticket_key, t.subject, t.description, t.requester_id,"
          + " t.requester_name, t.requester_email, t.requester_organisation, t.channel, t.priority, t.tags_json,"
          + " t.custom_fields_json, t.status, t.assignee_id, t.group_id, t.follow_up_of,"
          + " t.created_at, t.updated_at, t.solved_at, t.sla_due_at, t.sla_breached, t.ccs_json";

  private static final Pattern NUMBERED = Pattern.compile("\\?(\\d+)");

  private final JdbcMapping version;
  private final JdbcMapping uuid;
  private final JdbcMapping channel;
  private final JdbcMapping priority;
  private final JdbcMapping status;
  private final JdbcMapping instant;
  private final JdbcMapping bool;

  private TicketRows(EntityPersister tickets) {
    this.version = mapping(tickets, "version");
    this.uuid = mapping(tickets, "ticketId");
    this.channel = mapping(tickets, "channel");
    this.priority = mapping(tickets, "priority");
    this.status = mapping(tickets, "status");
    this.instant = mapping(tickets, "createdAt");
    this.bool = mapping(tickets, "unsolved");
  }

  /** The reader for the entity manager's persistence unit. */
  static TicketRows of(EntityManager em) {
    SessionFactoryImplementor factory =
        em.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class);
    return new TicketRows(factory.getMappingMetamodel().getEntityDescriptor(TicketEntity.class));
  }

  private static JdbcMapping mapping(EntityPersister tickets, String attribute) {
    return tickets.findAttributeMapping(attribute).getSingleJdbcMapping();
  }

  /**
   * Runs {@code sql} (selecting {@link #COLUMNS} first) with {@code params} and maps every row. A
   * change pending in the entity manager is flushed first, as a native query would, so that a
   * search inside a unit of work sees what the unit has written.
   */
  List<SearchHit> read(EntityManager em, String sql, List<Object> params) {
    // The statement refers to its values as JPA does, ?1 ... ?n, in any order and maybe twice;
    // JDBC takes plain ? in the order of the text.
    List<Object> values = new ArrayList<>();
    Matcher marks = NUMBERED.matcher(sql);
    StringBuilder jdbc = new StringBuilder();
    while (marks.find()) {
      values.add(params.get(Integer.parseInt(marks.group(1)) - 1));
      marks.appendReplacement(jdbc, "?");
    }
    marks.appendTail(jdbc);
    Session session = em.unwrap(Session.class);
    boolean inTransaction = session.isJoinedToTransaction();
    if (inTransaction) {
      session.flush();
    }
    SharedSessionContractImplementor options = em.unwrap(SharedSessionContractImplementor.class);
    return session.doReturningWork(
        connection -> {
          // Outside a transaction the statement runs on its own: a pool that hands out connections
          // with auto-commit off (Hibernate's own does) would otherwise make the driver begin a
          // transaction and the release commit it, a round trip more than the query.
          boolean autoCommitOff = !inTransaction && !connection.getAutoCommit();
          if (autoCommitOff) {
            connection.setAutoCommit(true);
          }
          try (PreparedStatement statement = connection.prepareStatement(jdbc.toString())) {
            for (int i = 0; i < values.size(); i++) {
              bind(statement, i + 1, values.get(i), options);
            }
            List<SearchHit> hits = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                hits.add(hit(rows, options));
              }
            }
            return hits;
          } finally {
            if (autoCommitOff) {
              connection.setAutoCommit(false);
            }
          }
        });
  }

  private void bind(
      PreparedStatement statement, int index, Object value, SharedSessionContractImplementor o)
      throws SQLException {
    JdbcMapping m =
        value instanceof Instant
            ? instant
            : value instanceof UUID ? uuid : value instanceof Boolean ? bool : null;
    if (m == null) {
      statement.setObject(index, value);
    } else {
      bindWith(m, statement, index, value, o);
    }
  }

  @SuppressWarnings("unchecked")
  private static void bindWith(
      JdbcMapping m,
      PreparedStatement statement,
      int index,
      Object value,
      SharedSessionContractImplementor o)
      throws SQLException {
    ((org.hibernate.type.descriptor.ValueBinder<Object>) m.getJdbcValueBinder())
        .bind(statement, value, index, o);
  }

  private SearchHit hit(ResultSet r, SharedSessionContractImplementor o) throws SQLException {
    Instant due = read(instant, r, 21, o);
    Boolean breached = read(bool, r, 22, o);
    Ticket ticket =
        new Ticket(
            new TicketId(read(uuid, r, 2, o)),
            TicketKey.parse(r.getString(3)),
            r.getString(4),
            r.getString(5),
            new Customer(
                CustomerId.of(r.getString(6)),
                r.getString(7),
                EmailAddress.of(r.getString(8)),
                Optional.ofNullable(r.getString(9)).map(OrganisationId::of)),
            (Channel) read(channel, r, 10, o),
            (Priority) read(priority, r, 11, o),
            new LinkedHashSet<>(Json.strings(r.getString(12))),
            Json.stringMap(r.getString(13)),
            TicketMapping.ccs(r.getString(23)),
            (Status) read(status, r, 14, o),
            Optional.ofNullable(r.getString(15)).map(AgentId::of),
            Optional.ofNullable(r.getString(16)).map(GroupId::of),
            Optional.ofNullable((UUID) read(uuid, r, 17, o)).map(TicketId::new),
            read(instant, r, 18, o),
            read(instant, r, 19, o),
            Optional.ofNullable(read(instant, r, 20, o)),
            ((Number) read(version, r, 1, o)).longValue());
    return new SearchHit(
        ticket,
        new SlaState(
            due.isBefore(SlaState.NO_DUE) ? Optional.of(due) : Optional.empty(),
            Boolean.TRUE.equals(breached)));
  }

  /** Reads a column with the entity's mapping, converted to the attribute's type. */
  @SuppressWarnings("unchecked")
  private static <T> T read(
      JdbcMapping m, ResultSet r, int column, SharedSessionContractImplementor o)
      throws SQLException {
    Object jdbc = m.getJdbcValueExtractor().extract(r, column, o);
    return (T) m.convertToDomainValue(jdbc);
  }
}
