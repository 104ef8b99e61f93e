package dev.helpdesk.examples.booking;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.examples.booking.Bookings.Booking;
import dev.helpdesk.examples.booking.Bookings.Customer;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Ticket;
import java.util.Locale;

/**
 * Where the booking application meets the desk: a customer raises a query about one of their own
 * bookings. The application checks what only it knows (that the booking is theirs); the desk checks
 * the rest (that the actor acts for themselves, the ticket's fields).
 */
final class SupportSite {

  private final HelpDesk desk;
  private final Bookings bookings;

  SupportSite(HelpDesk desk, Bookings bookings) {
    this.desk = desk;
    this.bookings = bookings;
  }

  /**
   * Opens a ticket for the customer about their booking. The booking's kind becomes a tag and a
   * required skill ({@code skill:rail}), so rail questions go to an agent who knows trains.
   *
   * @throws dev.helpdesk.common.NotFoundException if the booking is not the customer's
   */
  Ticket raise(String customerId, String bookingReference, String subject, String description) {
    Customer customer =
        bookings
            .customer(customerId)
            .orElseThrow(() -> new dev.helpdesk.common.NotFoundException("customer", customerId));
    Booking booking = bookings.ofCustomer(customer.id(), bookingReference);
    return desk.open(
        Actor.customer(customer.id()),
        NewTicket.builder()
            .requester(customer.id(), customer.name(), customer.email())
            .subject(subject)
            .description(description == null ? "" : description)
            .channel(Channel.WEB)
            .bookingReference(booking.reference())
            .tag(booking.kind().name().toLowerCase(Locale.ROOT))
            .tag("skill:" + booking.kind().skill)
            .build());
  }
}
