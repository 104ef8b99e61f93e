package dev.helpdesk.examples.booking;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.Capacity;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.examples.booking.Bookings.Booking;
import dev.helpdesk.examples.booking.Bookings.Customer;
import dev.helpdesk.examples.booking.Bookings.Kind;
import dev.helpdesk.knowledge.Article;
import dev.helpdesk.knowledge.InMemoryKnowledgeBase;
import dev.helpdesk.macro.Macro;
import dev.helpdesk.ticket.FieldDefinition;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the demo starts with: three customers with train, event and hotel bookings; three agents
 * (rail and events, hotels, a supervisor); and two conversations under way, each taken by an agent,
 * so the agent console and the mailbox are not empty. Tickets are made through the desk like any
 * other.
 */
final class DemoData {

  static final GroupId SUPERVISORS = GroupId.of("supervisors");

  static final Customer ANA = new Customer("c-ana", "Ana Traveller", "ana@example.com");
  static final Customer BEN = new Customer("c-ben", "Ben Rider", "ben@example.com");
  static final Customer CHLOE = new Customer("c-chloe", "Chloé Dupont", "chloe@example.com");

  static final Agent BEA =
      Agent.of("a-bea", "Bea Keller", "bea@desk.example")
          .withSkills(Set.of("rail", "events"))
          .withCapacity(Capacity.of(8))
          .withEscalationGroup(Optional.of(SUPERVISORS));
  static final Agent CAL =
      Agent.of("a-cal", "Cal Okafor", "cal@desk.example")
          .withSkills(Set.of("hotels"))
          .withCapacity(Capacity.of(8))
          .withEscalationGroup(Optional.of(SUPERVISORS));

  /** The supervisor: escalations go to her group; she has no product skill of her own. */
  static final Agent SUE =
      Agent.of("a-sue", "Sue Lind", "sue@desk.example")
          .withGroups(Set.of(SUPERVISORS))
          .withCapacity(Capacity.of(4));

  private DemoData() {}

  /** The shop's customers and bookings, dated from today in the shop's zone. */
  static void bookings(Bookings bookings, LocalDate today) {
    for (Customer c : List.of(ANA, BEN, CHLOE)) {
      bookings.addCustomer(c);
    }
    bookings.add(
        new Booking(
            "BK-1001",
            ANA.id(),
            Kind.TRAIN,
            "ICE 597 Berlin Hbf → München Hbf",
            today.plusDays(9),
            "Coach 7, seat 64 (window), 2nd class, Flexpreis",
            8990));
    bookings.add(
        new Booking(
            "BK-1002",
            ANA.id(),
            Kind.EVENT,
            "Jazz at the Harbour, Hamburg",
            today.plusDays(23),
            "2 tickets, block C, row 4, seats 11-12",
            11800));
    bookings.add(
        new Booking(
            "BK-1003",
            ANA.id(),
            Kind.HOTEL,
            "Hotel Seeblick, Lindau",
            today.plusDays(40),
            "Double room with lake view, 3 nights, breakfast included",
            46500));
    bookings.add(
        new Booking(
            "BK-2001",
            BEN.id(),
            Kind.TRAIN,
            "EC 385 Hamburg → København",
            today.plusDays(5),
            "1 adult, 1 bicycle, 2nd class",
            6490));
    bookings.add(
        new Booking(
            "BK-2002",
            BEN.id(),
            Kind.HOTEL,
            "Hotel Nyhavn 12, København",
            today.plusDays(5),
            "Single room, 2 nights, check-in from 15:00",
            31000));
    bookings.add(
        new Booking(
            "BK-3001",
            CHLOE.id(),
            Kind.EVENT,
            "La Traviata, Opéra de Lyon",
            today.plusDays(14),
            "1 ticket, parterre, row 2, seat 7 (wheelchair access requested)",
            9500));
  }

  /** The desk's agents. */
  static void agents(HelpDesk desk) {
    desk.saveAgent(Actor.system("admin"), BEA);
    desk.saveAgent(Actor.system("admin"), CAL);
    desk.saveAgent(Actor.system("admin"), SUE);
  }

  /** Two conversations under way, raised through the support site's own path. */
  static void conversations(SupportSite site, HelpDesk desk) {
    Ticket late =
        site.raise(
            BEN.id(),
            "BK-2002",
            "Arriving after midnight",
            "My train gets in at 23:40. Can I still check in?");
    Actor cal = Actor.agent(CAL.id());
    desk.assign(cal, late.id(), CAL.id());
    desk.reply(
        cal,
        late.id(),
        "Hello Ben, the night porter will have your key. Could you tell us your train number?");
    desk.changeStatus(cal, late.id(), Status.PENDING);

    Ticket access =
        site.raise(
            CHLOE.id(),
            "BK-3001",
            "Wheelchair space",
            "I booked a seat with wheelchair access. Is the space confirmed?");
    desk.assign(Actor.agent(BEA.id()), access.id(), BEA.id());
    desk.note(
        Actor.agent(BEA.id()),
        access.id(),
        "Asked the Opéra's box office by phone; they call back tomorrow.");
  }

  /** The help centre: articles the desk offers as instant answers when a query comes in. */
  static InMemoryKnowledgeBase knowledgeBase() {
    return InMemoryKnowledgeBase.of(
        Article.of(
            "kb-seat",
            "Where is my seat reservation?",
            "A seat reservation is part of your e-ticket: open the booking in the app or the PDF"
                + " we mailed you, and the coach and seat are printed under the train. If the app"
                + " shows no seat, pull down to refresh the booking; reservations made in the last"
                + " hour can take a few minutes to appear.",
            Locale.ENGLISH),
        Article.of(
            "kb-refund",
            "Refunds for cancelled or delayed trains",
            "If your train is cancelled, or you arrive more than an hour late, you get a refund"
                + " or compensation: open the booking, choose Refund, and the money is back on"
                + " your card within five working days.",
            Locale.ENGLISH),
        Article.of(
            "kb-bicycle",
            "Taking a bicycle on the train",
            "Bicycles need a bicycle reservation on long-distance trains. Add one to an existing"
                + " train booking under Extras, as long as spaces are left.",
            Locale.ENGLISH),
        Article.of(
            "kb-event-name",
            "Changing the name on an event ticket",
            "Event tickets are personal. You can change the name on a ticket once, free of"
                + " charge, up to 48 hours before the event: open the booking and choose Change"
                + " name.",
            Locale.ENGLISH),
        Article.of(
            "kb-event-access",
            "Wheelchair spaces and accessible seating at events",
            "Wheelchair spaces are confirmed by the venue. We ask them for you when you book;"
                + " their confirmation usually arrives within two working days.",
            Locale.ENGLISH),
        Article.of(
            "kb-hotel-late",
            "Arriving late at your hotel",
            "Most hotels hold your room all night when the booking is guaranteed. Arriving after"
                + " midnight? Tell the hotel through your booking's Message the hotel button, and"
                + " they leave the key with the night porter.",
            Locale.ENGLISH),
        Article.of(
            "kb-hotel-breakfast",
            "Breakfast and extras at your hotel",
            "Whether breakfast is included is shown on your booking under Room. Breakfast can be"
                + " added at the hotel's reception at the price of the day.",
            Locale.ENGLISH));
  }

  /** Replies agents use often, with placeholders the desk fills in. */
  static List<Macro> macros() {
    return List.of(
        Macro.builder("Ask for the payment reference")
            .reply(
                "Hello {{customer.name}}, thank you for writing. Could you send us the payment"
                    + " reference for {{booking_reference}}? You find it in your bank statement."
                    + "\n\n{{agent.name}}")
            .status(Status.PENDING)
            .build(),
        Macro.builder("Refund on its way")
            .reply(
                "Hello {{customer.name}}, we have refunded {{booking_reference}}; the money is on"
                    + " your card within five working days.\n\n{{agent.name}}")
            .status(Status.SOLVED)
            .build());
  }

  /**
   * The fields the desk declares: what a booking page sends with a query ({@code title}, {@code
   * date}, {@code details}) and what agents file, the cause and a refund's amount.
   */
  static List<FieldDefinition> fields() {
    return List.of(
        FieldDefinition.text("title", "Booked"),
        FieldDefinition.date("date", "Date"),
        FieldDefinition.text("details", "Details"),
        FieldDefinition.choice(
            "cause", "Cause", "payment", "seat", "schedule", "refund", "accessibility", "other"),
        FieldDefinition.number("refund", "Refund (EUR)"));
  }

  /** The zone the shop's dates are in. */
  static ZoneId zone() {
    return ZoneId.of("Europe/Berlin");
  }
}
