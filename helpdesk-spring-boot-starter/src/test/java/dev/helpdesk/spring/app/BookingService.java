package dev.helpdesk.spring.app;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Ticket;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Books, and opens a ticket about the booking, in one application transaction. */
@Service
public class BookingService {

  private final HelpDesk desk;
  private final JdbcTemplate jdbc;

  BookingService(HelpDesk desk, JdbcTemplate jdbc) {
    this.desk = desk;
    this.jdbc = jdbc;
  }

  /** Stores the booking and a ticket about it; both commit together. */
  @Transactional
  public Ticket bookAndReport(String reference, String customer) {
    jdbc.update("insert into booking (reference, customer) values (?, ?)", reference, customer);
    return desk.open(
        Actor.customer(customer),
        NewTicket.builder()
            .requester(customer, "Ana Traveller", customer + "@example.com")
            .subject("Seat missing on " + reference)
            .description("The confirmation shows no seat")
            .bookingReference(reference)
            .build());
  }

  /** As {@link #bookAndReport}, then fails: the booking and the ticket are both rolled back. */
  @Transactional
  public Ticket bookReportAndFail(String reference, String customer) {
    bookAndReport(reference, customer);
    throw new IllegalStateException("payment provider refused the booking");
  }
}
