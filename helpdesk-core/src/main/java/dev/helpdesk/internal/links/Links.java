package dev.helpdesk.internal.links;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.internal.access.Access;
import dev.helpdesk.internal.access.TicketAccess;
import dev.helpdesk.internal.change.ChangePipeline;
import dev.helpdesk.internal.change.ChangePipeline.Then;
import dev.helpdesk.internal.change.TicketEdit;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.LinkKind;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketClosedException;
import dev.helpdesk.ticket.TicketDetails;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketLink;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Links between tickets, and merging a customer's duplicate into another of their tickets. */
public final class Links {

  /** The most links one ticket may have. */
  public static final int MAX_LINKS = 100;

  private final ChangePipeline pipeline;
  private final Access access;
  private final Tickets tickets;

  /** Links over the desk's pipeline and ticket store. */
  public Links(ChangePipeline pipeline, Access access, Tickets tickets) {
    this.pipeline = pipeline;
    this.access = access;
    this.tickets = tickets;
  }

  /**
   * Links two tickets: {@code from} follows up {@code to} ({@link LinkKind#FOLLOW_UP}), or they
   * concern the same matter ({@link LinkKind#RELATED}). The link is recorded in the histories of
   * both, in one atomic write, and shows in both tickets' {@link TicketDetails#links()}; a customer
   * sees it only when both tickets are theirs. One of the tickets may be CLOSED: its history does
   * not change (a closed ticket never does), but its links show the new one.
   *
   * @return {@code from} after the change
   * @throws AccessDeniedException if a customer tries
   * @throws NotFoundException if either ticket does not exist
   * @throws ValidationException if the tickets are the same or linked already ({@code to}), or
   *     either has {@value #MAX_LINKS} links ({@code links})
   * @throws dev.helpdesk.ticket.TicketClosedException if both are CLOSED
   */
  public Ticket link(Actor actor, TicketId from, TicketId to, LinkKind kind) {
    Ticket a = access.load(actor, from);
    TicketAccess.requireStaff(actor, a, "link tickets");
    Check.present("kind", kind);
    Ticket b = access.load(actor, to);
    if (a.id().equals(b.id())) {
      throw new ValidationException("to", "must be another ticket than from");
    }
    requireAnOpenEnd(a, b, "link");
    return pipeline
        .changeTogether(
            actor,
            List.of(a, b),
            edits -> {
              Ticket x = edits.get(0).current();
              Ticket y = edits.get(1).current();
              List<TicketLink> xLinks = tickets.links(x.id());
              if (xLinks.stream().anyMatch(l -> l.other().equals(y.id()))) {
                throw new ValidationException(
                    "to", "must not be linked already (" + x.key() + " and " + y.key() + " are)");
              }
              requireRoomForLink(x, xLinks);
              requireRoomForLink(y, tickets.links(y.id()));
              whileNotClosed(edits.get(0), e -> e.linked(TicketLink.outgoing(kind, y)));
              whileNotClosed(edits.get(1), e -> e.linked(TicketLink.incoming(kind, x)));
            },
            Then.SERVE_QUEUE)
        .get(0);
  }

  private static void requireRoomForLink(Ticket t, List<TicketLink> links) {
    if (links.size() >= MAX_LINKS) {
      throw new ValidationException(
          "links", "must be at most " + MAX_LINKS + " per ticket (" + t.key() + " has as many)");
    }
  }

  /** A link is recorded in the history of each end that is not CLOSED; one of them must be open. */
  private static void requireAnOpenEnd(Ticket a, Ticket b, String what) {
    if (a.status() == Status.CLOSED && b.status() == Status.CLOSED) {
      throw new TicketClosedException(a.key(), what + " it to another CLOSED ticket");
    }
  }

  private static void whileNotClosed(TicketEdit edit, Consumer<TicketEdit> operation) {
    if (edit.current().status() != Status.CLOSED) {
      operation.accept(edit);
    }
  }

  /**
   * Removes the link between two tickets, whichever way it points, from both.
   *
   * @return {@code from} after the change
   * @throws AccessDeniedException if a customer tries
   * @throws NotFoundException if either ticket does not exist, or they are not linked
   * @throws dev.helpdesk.ticket.TicketClosedException if both are CLOSED
   */
  public Ticket unlink(Actor actor, TicketId from, TicketId to) {
    Ticket a = access.load(actor, from);
    TicketAccess.requireStaff(actor, a, "unlink tickets");
    Ticket b = access.load(actor, to);
    requireAnOpenEnd(a, b, "unlink");
    return pipeline
        .changeTogether(
            actor,
            List.of(a, b),
            edits -> {
              Ticket x = edits.get(0).current();
              Ticket y = edits.get(1).current();
              TicketLink link =
                  linkTo(x, y.id())
                      .orElseThrow(() -> new NotFoundException("link", x.key() + " - " + y.key()));
              TicketLink back = linkTo(y, x.id()).orElse(link.reversed(x));
              whileNotClosed(edits.get(0), e -> e.unlinked(link));
              whileNotClosed(edits.get(1), e -> e.unlinked(back));
            },
            Then.SERVE_QUEUE)
        .get(0);
  }

  private Optional<TicketLink> linkTo(Ticket t, TicketId other) {
    return tickets.links(t.id()).stream().filter(l -> l.other().equals(other)).findFirst();
  }

  /**
   * Merges a customer's duplicate ticket into another of theirs, in one atomic write of both: the
   * duplicate's public messages are added to the other's conversation (new ids, but their original
   * authors, times, texts and attachments; the {@link TicketEvent.Merged} event lists them), the
   * duplicate is closed, and the two are linked ({@link LinkKind#RELATED}). Each history keeps its
   * events and records the merge ({@link TicketEvent.Merged}, {@link TicketEvent.MergedInto}).
   * Internal notes stay on the duplicate. The carried messages are no new replies: they do not
   * reopen the ticket, and SLA timers and metrics do not count them.
   *
   * @return the ticket merged into, after the merge
   * @throws AccessDeniedException if a customer tries
   * @throws NotFoundException if either ticket does not exist
   * @throws ValidationException if the tickets are the same or have different requesters ({@code
   *     into})
   * @throws dev.helpdesk.ticket.TicketClosedException if either is CLOSED (which every merged
   *     duplicate is)
   */
  public Ticket merge(Actor actor, TicketId duplicate, TicketId into) {
    Ticket d = access.load(actor, duplicate);
    TicketAccess.requireStaff(actor, d, "merge tickets");
    access.requireSupervisor(actor, "merge tickets");
    Ticket i = access.load(actor, into);
    if (d.id().equals(i.id())) {
      throw new ValidationException("into", "must be another ticket than the duplicate");
    }
    if (!d.requester().id().equals(i.requester().id())) {
      throw new ValidationException(
          "into",
          "must have the same requester as the duplicate ("
              + d.key()
              + " is "
              + d.requester().id()
              + "'s, "
              + i.key()
              + " is "
              + i.requester().id()
              + "'s)");
    }
    return pipeline
        .changeTogether(
            actor,
            List.of(d, i),
            edits -> {
              TicketEdit dup = edits.get(0);
              TicketEdit target = edits.get(1);
              Ticket dn = dup.current();
              Ticket in = target.current();
              List<Message> carried =
                  tickets.conversation(dn.id()).stream()
                      .filter(Message::isPublic)
                      .map(
                          m ->
                              new Message(
                                  MessageId.random(),
                                  m.author(),
                                  Visibility.PUBLIC,
                                  m.body(),
                                  m.attachments(),
                                  m.at()))
                      .toList();
              target.merged(dn, carried);
              if (linkTo(dn, in.id()).isEmpty()) {
                // Linked before it is closed: a closed ticket records nothing more.
                dup.linked(TicketLink.outgoing(LinkKind.RELATED, in));
                target.linked(TicketLink.incoming(LinkKind.RELATED, dn));
              }
              dup.mergedInto(in);
            },
            Then.SERVE_QUEUE)
        .get(1);
  }
}
