package dev.helpdesk.examples.booking;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.examples.booking.Views.BookingView;
import dev.helpdesk.examples.booking.Views.MessageView;
import dev.helpdesk.examples.booking.Views.PersonView;
import dev.helpdesk.examples.booking.Views.TicketSummary;
import dev.helpdesk.knowledge.KnowledgeBase;
import dev.helpdesk.ticket.ArticleId;
import dev.helpdesk.ticket.Posted;
import dev.helpdesk.ticket.Rating;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.SuggestedAnswer;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketDetails;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The customer site's JSON API under {@code /api/customer/}. Every call acts as the signed-in
 * customer, and every ticket id a request names goes to the desk with that customer as the actor:
 * the desk refuses someone else's ticket, and leaves internal notes out of what it returns.
 */
final class CustomerApi {

  record SignIn(String customerId) {}

  record Me(PersonView customer, List<BookingView> bookings) {}

  record RaiseQuery(String bookingReference, String subject, String description) {}

  record Raised(TicketSummary ticket, Instant firstReplyDue, List<Suggestion> suggestions) {}

  /** An instant answer the desk suggested for the ticket. */
  record Suggestion(String articleId, String title, String excerpt) {
    static Suggestion of(SuggestedAnswer a) {
      return new Suggestion(a.articleId().value(), a.title(), a.excerpt());
    }
  }

  record Accept(String articleId) {}

  record Rate(String rating, String comment) {}

  /** The customer's rating of the latest solve, if given. */
  record RatingView(String rating, String comment) {}

  record ArticleView(String id, String title, String body) {}

  record Reply(String body) {}

  record TicketView(
      TicketSummary ticket,
      BookingView booking,
      List<MessageView> conversation,
      Instant firstReplyDue,
      List<Suggestion> suggestions,
      boolean canRate,
      RatingView rating) {}

  record ReplyPosted(TicketSummary ticket, MessageView message, boolean followUp) {}

  private final HelpDesk desk;
  private final Bookings bookings;
  private final SupportSite site;
  private final Identity identity;
  private final Views views;
  private final Live live;
  private final KnowledgeBase articles;

  CustomerApi(
      HelpDesk desk,
      Bookings bookings,
      SupportSite site,
      Identity identity,
      Views views,
      Live live,
      KnowledgeBase articles) {
    this.articles = articles;
    this.desk = desk;
    this.bookings = bookings;
    this.site = site;
    this.identity = identity;
    this.views = views;
    this.live = live;
  }

  void register(Router router) {
    router
        .get(
            "/api/customers",
            r ->
                bookings.customers().stream()
                    .map(c -> new PersonView(c.id(), c.name(), c.email()))
                    .toList())
        .post(
            "/api/customer/session",
            r -> {
              identity.signInCustomer(r.exchange(), r.body(SignIn.class).customerId());
              return Router.NO_CONTENT;
            })
        .get("/api/customer/me", r -> me(identity.customer(r.exchange())))
        .get(
            "/api/customer/tickets",
            r -> {
              Actor.Customer me = identity.customer(r.exchange());
              return views.summaries(desk.ticketsOf(me, me.id()));
            })
        .post(
            "/api/customer/tickets",
            r -> raise(identity.customer(r.exchange()), r.body(RaiseQuery.class)))
        .get(
            "/api/customer/tickets/([^/]+)",
            r -> ticket(identity.customer(r.exchange()), TicketId.parse(r.group(1))))
        .post(
            "/api/customer/tickets/([^/]+)/messages",
            r ->
                reply(
                    identity.customer(r.exchange()),
                    TicketId.parse(r.group(1)),
                    r.body(Reply.class)))
        .post(
            "/api/customer/tickets/([^/]+)/accept",
            r -> {
              Actor.Customer me = identity.customer(r.exchange());
              String article = r.body(Accept.class).articleId();
              return views.summary(
                  desk.acceptAnswer(
                      me,
                      TicketId.parse(r.group(1)),
                      ArticleId.of(article == null ? "" : article)));
            })
        .post(
            "/api/customer/tickets/([^/]+)/rating",
            r -> {
              Actor.Customer me = identity.customer(r.exchange());
              Rate rate = r.body(Rate.class);
              return views.summary(
                  desk.rate(me, TicketId.parse(r.group(1)), rating(rate.rating()), rate.comment()));
            })
        .get(
            // The help centre's articles are public, as on any travel site.
            "/api/articles/([^/]+)",
            r ->
                articles
                    .byId(ArticleId.of(r.group(1)))
                    .map(a -> new ArticleView(a.id().value(), a.title(), a.body()))
                    .orElseThrow(
                        () -> new dev.helpdesk.common.NotFoundException("article", r.group(1))))
        .get(
            "/api/customer/tickets/([^/]+)/events",
            r -> {
              Actor.Customer me = identity.customer(r.exchange());
              EventStream stream = new EventStream(r.exchange());
              // Refused before the stream begins, so the page gets a proper 403 or 404.
              try (Live.Watch watching = live.watchTicket(me, TicketId.parse(r.group(1)), stream)) {
                stream.pump(Duration.ofSeconds(15));
              }
              return Router.STREAMED;
            });
  }

  private Me me(Actor.Customer me) {
    var c = bookings.customer(me.id().value()).orElseThrow();
    return new Me(
        new PersonView(c.id(), c.name(), c.email()),
        bookings.of(c.id()).stream().map(Views::booking).toList());
  }

  private Raised raise(Actor.Customer me, RaiseQuery q) {
    Ticket t = site.raise(me.id().value(), q.bookingReference(), q.subject(), q.description());
    return new Raised(
        views.summary(t), desk.firstReplyDue(me, t.id()).orElse(null), suggestions(me, t.id()));
  }

  private TicketView ticket(Actor.Customer me, TicketId id) {
    TicketDetails d = desk.ticket(me, id);
    Ticket t = d.ticket();
    BookingView booking =
        t.bookingReference()
            .flatMap(bookings::find)
            .filter(b -> b.customerId().equals(me.id().value()))
            .map(Views::booking)
            .orElse(null);
    return new TicketView(
        views.summary(t),
        booking,
        views.messages(d.conversation(), t),
        desk.firstReplyDue(me, id).orElse(null),
        t.status().isUnsolved() ? suggestions(me, id) : List.of(),
        t.status() == Status.SOLVED && latestRating(d.history()).isEmpty(),
        latestRating(d.history()).orElse(null));
  }

  /** The rating given since the ticket was last solved; a reopening and new solve asks anew. */
  private static Optional<RatingView> latestRating(List<TicketEvent> history) {
    RatingView found = null;
    for (TicketEvent e : history) {
      if (e instanceof TicketEvent.StatusChanged s && s.to() == Status.SOLVED) {
        found = null;
      } else if (e instanceof TicketEvent.Rated r) {
        found = new RatingView(r.rating().name(), r.comment());
      }
    }
    return Optional.ofNullable(found);
  }

  private static Rating rating(String name) {
    for (Rating r : Rating.values()) {
      if (r.name().equals(name)) {
        return r;
      }
    }
    throw new ValidationException("rating", "must be GOOD or BAD (was '" + name + "')");
  }

  private List<Suggestion> suggestions(Actor.Customer me, TicketId id) {
    return desk.suggestedAnswers(me, id).stream().map(Suggestion::of).toList();
  }

  private ReplyPosted reply(Actor.Customer me, TicketId id, Reply reply) {
    Posted p = desk.reply(me, id, reply.body());
    return new ReplyPosted(
        views.summary(p.ticket()),
        views.message(p.message(), p.ticket().requester().name()),
        p.followUp());
  }
}
