package dev.helpdesk.internal.conversation;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.AttachmentContent;
import dev.helpdesk.conversation.AttachmentRef;
import dev.helpdesk.conversation.AttachmentStore;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.MessageDraft;
import dev.helpdesk.conversation.MessageId;
import dev.helpdesk.conversation.NewAttachment;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.internal.access.Access;
import dev.helpdesk.internal.access.TicketAccess;
import dev.helpdesk.internal.change.ChangePipeline;
import dev.helpdesk.internal.change.ChangePipeline.Then;
import dev.helpdesk.internal.intake.Intake;
import dev.helpdesk.macro.Macro;
import dev.helpdesk.store.Tickets;
import dev.helpdesk.ticket.Cc;
import dev.helpdesk.ticket.Posted;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The conversation on a ticket: public replies, internal notes, macros that reply, and the people
 * copied on it.
 */
public final class Conversation {

  private final ChangePipeline pipeline;
  private final Access access;
  private final Intake intake;
  private final AttachmentStore attachments;
  private final Tickets tickets;
  private final Map<String, Macro> macros;

  /** The conversation service over the desk's pipeline; {@code macros} in the order added. */
  public Conversation(
      ChangePipeline pipeline,
      Access access,
      Intake intake,
      AttachmentStore attachments,
      Tickets tickets,
      Map<String, Macro> macros) {
    this.pipeline = pipeline;
    this.access = access;
    this.intake = intake;
    this.attachments = attachments;
    this.tickets = tickets;
    this.macros = new LinkedHashMap<>(macros);
  }

  /** A public reply; a customer's reply to a CLOSED ticket starts a follow-up. */
  public Posted reply(Actor actor, TicketId ticketId, MessageDraft draft, boolean acknowledge) {
    Check.present("draft", draft);
    // A customer who reads the ticket as a member of its organisation may not write to it.
    Ticket ticket = access.writable(actor, ticketId, "reply to");
    List<Attachment> files = store(draft.attachments());
    try {
      if (ticket.status() == Status.CLOSED && actor instanceof Actor.Customer) {
        return intake.followUp(actor, ticket, draft.body(), files, acknowledge);
      }
      Message message =
          new Message(
              MessageId.random(),
              actor,
              Visibility.PUBLIC,
              draft.body(),
              files,
              pipeline.clock().instant());
      // The requester never changes, so the access check above holds for every retry.
      Ticket after =
          pipeline.change(actor, ticket, edit -> edit.addMessage(message), Then.SERVE_QUEUE);
      return new Posted(TicketAccess.view(actor, after), message, false);
    } catch (RuntimeException e) {
      files.forEach(f -> attachments.delete(f.ref()));
      throw e;
    }
  }

  /**
   * Copies a person on the ticket: its customer (not a colleague who reads it through the
   * organisation) or staff who may see it. Returns the ticket as the actor may see it.
   */
  public Ticket addCc(Actor actor, TicketId ticketId, Cc cc) {
    Check.present("cc", cc);
    Ticket ticket = access.writable(actor, ticketId, "add a CC to");
    Ticket after = pipeline.change(actor, ticket, edit -> edit.addCc(cc), Then.NOTHING);
    return TicketAccess.view(actor, after);
  }

  /** Stops copying an address on the ticket; the same actors as {@link #addCc} may. */
  public Ticket removeCc(Actor actor, TicketId ticketId, EmailAddress email) {
    Check.present("cc.email", email);
    Ticket ticket = access.writable(actor, ticketId, "remove a CC from");
    Ticket after = pipeline.change(actor, ticket, edit -> edit.removeCc(email), Then.NOTHING);
    return TicketAccess.view(actor, after);
  }

  /**
   * A public reply written by a person copied on the ticket, relayed by staff or a system (the mail
   * intake): the author is {@code cc} as a customer, whose address must be among the ticket's CCs
   * when the reply is decided. Unlike the requester's reply it never starts a follow-up.
   */
  public Posted replyFromCc(Actor actor, TicketId ticketId, Customer cc, MessageDraft draft) {
    Check.present("cc", cc);
    Check.present("draft", draft);
    Ticket ticket = access.forStaff(actor, ticketId, "relay a CC's reply on");
    requireCopied(ticket, cc);
    List<Attachment> files = store(draft.attachments());
    try {
      Actor author = Actor.customer(cc.id());
      Message message =
          new Message(
              MessageId.random(),
              author,
              Visibility.PUBLIC,
              draft.body(),
              files,
              pipeline.clock().instant());
      Ticket after =
          pipeline.change(
              actor,
              ticket,
              edit -> {
                // Checked again on the state the change is decided on: the CC may just have been
                // removed.
                requireCopied(edit.current(), cc);
                edit.addMessage(message);
              },
              Then.SERVE_QUEUE);
      return new Posted(after, message, false);
    } catch (RuntimeException e) {
      files.forEach(f -> attachments.delete(f.ref()));
      throw e;
    }
  }

  private static void requireCopied(Ticket ticket, Customer cc) {
    if (ticket.cc(cc.email()).isEmpty()) {
      throw new ValidationException("cc", cc.email() + " is not copied on ticket " + ticket.key());
    }
  }

  /**
   * An internal note, for staff only, with files stored like a reply's; a customer never reads them
   * (see {@link #attachment}).
   */
  public Message note(Actor actor, TicketId ticketId, MessageDraft draft) {
    Check.present("draft", draft);
    // Checked before anything is stored: a customer must learn they may not, not that a file is
    // too large, and must leave no bytes behind.
    Ticket ticket = access.forStaff(actor, ticketId, "write an internal note");
    List<Attachment> files = store(draft.attachments());
    try {
      Message note =
          new Message(
              MessageId.random(),
              actor,
              Visibility.INTERNAL,
              draft.body(),
              files,
              pipeline.clock().instant());
      pipeline.change(actor, ticket, edit -> edit.addMessage(note), Then.SERVE_QUEUE);
      return note;
    } catch (RuntimeException e) {
      files.forEach(f -> attachments.delete(f.ref()));
      throw e;
    }
  }

  /**
   * A file attached to a message of the ticket, for an actor who may see that message: a customer
   * only the files of public messages of their own tickets.
   *
   * @throws NotFoundException naming {@code attachment} if no message the actor may see carries it
   */
  public AttachmentContent attachment(Actor actor, TicketId ticketId, AttachmentRef ref) {
    Check.present("ref", ref);
    access.readable(actor, ticketId);
    Attachment file =
        TicketAccess.visibleMessages(actor, tickets.conversation(ticketId)).stream()
            .flatMap(m -> m.attachments().stream())
            .filter(a -> a.ref().equals(ref))
            .findFirst()
            .orElseThrow(() -> new NotFoundException("attachment", ref.value()));
    byte[] bytes =
        attachments.read(ref).orElseThrow(() -> new NotFoundException("attachment", ref.value()));
    return new AttachmentContent(file, bytes);
  }

  /** The macros agents may apply, in the order they were added. */
  public List<Macro> macros() {
    return List.copyOf(macros.values());
  }

  /** Posts a macro's reply and sets its fields in one change. */
  public Posted applyMacro(Actor actor, TicketId ticketId, String macroName) {
    Check.present("macroName", macroName);
    Ticket ticket = access.forStaff(actor, ticketId, "apply a macro");
    Macro macro =
        Optional.ofNullable(macros.get(macroName))
            .orElseThrow(() -> new NotFoundException("macro", macroName));
    String author = access.displayName(actor);
    Message[] posted = new Message[1];
    Ticket after =
        pipeline.change(
            actor,
            ticket,
            edit -> {
              Message reply =
                  new Message(
                      MessageId.random(),
                      actor,
                      Visibility.PUBLIC,
                      macro.replyFor(edit.current(), author),
                      List.of(),
                      edit.at());
              edit.macroApplied(macro.name()).addMessage(reply);
              macro.priority().ifPresent(edit::changePriority);
              macro.group().ifPresent(g -> edit.changeGroup(Optional.of(g)));
              edit.addTags(macro.tags());
              // Checked against the desk's declared fields when the desk was built.
              edit.changeFields(macro.fields(), Set.of());
              macro.status().ifPresent(edit::changeStatus);
              posted[0] = reply;
            },
            Then.SERVE_QUEUE);
    return new Posted(after, posted[0], false);
  }

  private List<Attachment> store(List<NewAttachment> files) {
    List<Attachment> stored = new ArrayList<>();
    try {
      for (NewAttachment f : files) {
        stored.add(attachments.store(f));
      }
    } catch (RuntimeException e) {
      stored.forEach(a -> attachments.delete(a.ref()));
      throw e;
    }
    return stored;
  }
}
