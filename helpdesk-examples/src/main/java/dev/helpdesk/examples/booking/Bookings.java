package dev.helpdesk.examples.booking;

import dev.helpdesk.common.NotFoundException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The booking application's own data, in plain JDBC: its customers and their train, event and hotel
 * bookings. The desk knows none of it; a ticket carries the booking's reference.
 */
final class Bookings {

  /** What was booked. */
  enum Kind {
    TRAIN("rail"),
    EVENT("events"),
    HOTEL("hotels");

    /** The agent skill that handles questions about this kind of booking. */
    final String skill;

    Kind(String skill) {
      this.skill = skill;
    }
  }

  /** A customer of the shop (the desk's requester). */
  record Customer(String id, String name, String email) {}

  /** One booking of a customer. */
  record Booking(
      String reference,
      String customerId,
      Kind kind,
      String title,
      LocalDate startsOn,
      String details,
      int priceCents) {}

  private final DataSource data;

  Bookings(DataSource data) {
    this.data = data;
  }

  void addCustomer(Customer c) {
    update("insert into customer (id, name, email) values (?, ?, ?)", c.id(), c.name(), c.email());
  }

  void add(Booking b) {
    update(
        "insert into booking (reference, customer_id, kind, title, starts_on, details,"
            + " price_cents) values (?, ?, ?, ?, ?, ?, ?)",
        b.reference(),
        b.customerId(),
        b.kind().name(),
        b.title(),
        Date.valueOf(b.startsOn()),
        b.details(),
        b.priceCents());
  }

  List<Customer> customers() {
    return query("select id, name, email from customer order by name", Bookings::customer);
  }

  Optional<Customer> customer(String id) {
    return query("select id, name, email from customer where id = ?", Bookings::customer, id)
        .stream()
        .findFirst();
  }

  /** A customer's bookings, soonest first. */
  List<Booking> of(String customerId) {
    return query(
        "select * from booking where customer_id = ? order by starts_on, reference",
        Bookings::booking,
        customerId);
  }

  /** Any booking, for staff. */
  Optional<Booking> find(String reference) {
    return query("select * from booking where reference = ?", Bookings::booking, reference).stream()
        .findFirst();
  }

  /**
   * The customer's own booking with this reference. Another customer's booking is reported as not
   * found, so that nobody learns which references exist.
   */
  Booking ofCustomer(String customerId, String reference) {
    return find(reference)
        .filter(b -> b.customerId().equals(customerId))
        .orElseThrow(() -> new NotFoundException("booking", reference));
  }

  private static Customer customer(ResultSet rs) throws SQLException {
    return new Customer(rs.getString("id"), rs.getString("name"), rs.getString("email"));
  }

  private static Booking booking(ResultSet rs) throws SQLException {
    return new Booking(
        rs.getString("reference"),
        rs.getString("customer_id"),
        Kind.valueOf(rs.getString("kind")),
        rs.getString("title"),
        rs.getDate("starts_on").toLocalDate(),
        rs.getString("details"),
        rs.getInt("price_cents"));
  }

  @FunctionalInterface
  private interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> List<T> query(String sql, Row<T> row, Object... params) {
    try (Connection c = data.getConnection();
        PreparedStatement s = prepare(c, sql, params);
        ResultSet rs = s.executeQuery()) {
      List<T> found = new ArrayList<>();
      while (rs.next()) {
        found.add(row.read(rs));
      }
      return found;
    } catch (SQLException e) {
      throw new IllegalStateException("Bookings query failed: " + sql, e);
    }
  }

  private void update(String sql, Object... params) {
    try (Connection c = data.getConnection();
        PreparedStatement s = prepare(c, sql, params)) {
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Bookings update failed: " + sql, e);
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... params)
      throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      s.setObject(i + 1, params[i]);
    }
    return s;
  }
}
