package dev.helpdesk.web;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.conversation.Attachment;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.live.LiveUpdate;
import dev.helpdesk.macro.Macro;
import dev.helpdesk.metrics.DurationStats;
import dev.helpdesk.metrics.MetricsReport;
import dev.helpdesk.metrics.SatisfactionScore;
import dev.helpdesk.search.Page;
import dev.helpdesk.sla.SlaStatus;
import dev.helpdesk.ticket.Cc;
import dev.helpdesk.ticket.FieldDefinition;
import dev.helpdesk.ticket.Posted;
import dev.helpdesk.ticket.SuggestedAnswer;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketDetails;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketLink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON the API answers with: records built from the desk's values, with stable names, times as
 * ISO-8601 text and ids as text, so that neither the desk's internal types nor the application's
 * JSON settings shape the wire format. The OpenAPI document describes these.
 */
final class Views {

  private Views() {}

  /** Who acted: {@code customer}, {@code agent} or {@code system}, and their id. */
  record ActorView(String kind, String id) {
    static ActorView of(Actor actor) {
      if (actor instanceof Actor.Customer c) {
        return new ActorView("customer", c.id().value());
      }
      if (actor instanceof Actor.Agent a) {
        return new ActorView("agent", a.id().value());
      }
      return new ActorView("system", ((Actor.System) actor).name());
    }
  }

  /** The person who raised the ticket. */
  record RequesterView(String id, String name, String email) {}

  /** A person copied on a ticket; {@code name} is null when none is known. */
  record CcView(String email, String name) {
    static List<CcView> all(List<Cc> ccs) {
      return ccs.stream().map(c -> new CcView(c.email().value(), c.name().orElse(null))).toList();
    }
  }

  /** A ticket without its conversation, as listings show it. */
  record TicketView(
      String id,
      String key,
      String subject,
      String description,
      String status,
      String priority,
      String channel,
      RequesterView requester,
      String assignee,
      String group,
      List<String> tags,
      List<CcView> ccs,
      Map<String, String> fields,
      String bookingReference,
      String followUpOf,
      String createdAt,
      String updatedAt,
      String solvedAt,
      long version) {

    /** Customers get the ticket as the desk shows it to them (no tags, no group). */
    static TicketView of(Ticket ticket, Actor viewer) {
      Ticket t = viewer instanceof Actor.Customer ? ticket.forCustomer() : ticket;
      return new TicketView(
          t.id().toString(),
          t.key().value(),
          t.subject(),
          t.description(),
          t.status().name(),
          t.priority().name(),
          t.channel().name(),
          new RequesterView(
              t.requester().id().value(), t.requester().name(), t.requester().email().value()),
          t.assignee().map(AgentId::value).orElse(null),
          t.group().map(GroupId::value).orElse(null),
          List.copyOf(t.tags()),
          CcView.all(t.ccs()),
          t.customFields(),
          t.bookingReference().orElse(null),
          t.followUpOf().map(TicketId::toString).orElse(null),
          text(t.createdAt()),
          text(t.updatedAt()),
          t.solvedAt().map(Views::text).orElse(null),
          t.version());
    }

    static List<TicketView> all(List<Ticket> tickets, Actor viewer) {
      return tickets.stream().map(t -> of(t, viewer)).toList();
    }
  }

  /** One page of tickets found, and the cursor of the next page (null on the last). */
  record TicketPageView(List<TicketView> items, String next) {
    static TicketPageView of(Page<Ticket> page, Actor viewer) {
      return new TicketPageView(TicketView.all(page.items(), viewer), page.next().orElse(null));
    }
  }

  /** A file on a message; {@code href} downloads it. */
  record AttachmentView(int index, String name, String mediaType, long size, String href) {}

  /** One message of the conversation. */
  record MessageView(
      String id,
      ActorView author,
      String visibility,
      String body,
      String at,
      List<AttachmentView> attachments) {

    static MessageView of(Message message, TicketId ticket, String apiPath) {
      List<AttachmentView> files = new ArrayList<>();
      for (int i = 0; i < message.attachments().size(); i++) {
        Attachment a = message.attachments().get(i);
        files.add(
            new AttachmentView(
                i,
                a.name(),
                a.mediaType(),
                a.size(),
                apiPath
                    + "/tickets/"
                    + ticket
                    + "/messages/"
                    + message.id()
                    + "/attachments/"
                    + i));
      }
      return new MessageView(
          message.id().toString(),
          ActorView.of(message.author()),
          message.visibility().name(),
          message.body(),
          text(message.at()),
          files);
    }
  }

  /** One entry of the ticket's history: what happened, when, by whom. */
  record EventView(String type, String at, ActorView actor) {
    static EventView of(TicketEvent event) {
      return new EventView(
          kebab(event.getClass().getSimpleName()), text(event.at()), ActorView.of(event.actor()));
    }
  }

  /** A link to another ticket. */
  record LinkView(String kind, boolean outgoing, String ticketId, String ticketKey) {
    static LinkView of(TicketLink link) {
      return new LinkView(
          link.kind().name(), link.outgoing(), link.other().toString(), link.otherKey().value());
    }
  }

  /** One ticket with what the viewer may see of its conversation, history and links. */
  record TicketDetailsView(
      TicketView ticket,
      List<MessageView> conversation,
      List<EventView> history,
      List<LinkView> links,
      String firstReplyDue) {

    static TicketDetailsView of(
        TicketDetails details, Actor viewer, Optional<Instant> firstReplyDue, String apiPath) {
      TicketId id = details.ticket().id();
      return new TicketDetailsView(
          TicketView.of(details.ticket(), viewer),
          details.conversation().stream().map(m -> MessageView.of(m, id, apiPath)).toList(),
          details.history().stream().map(EventView::of).toList(),
          details.links().stream().map(LinkView::of).toList(),
          firstReplyDue.map(Views::text).orElse(null));
    }
  }

  /** An answer from the knowledge base that may solve the ticket at once. */
  record SuggestedAnswerView(String articleId, String title, String excerpt) {
    static List<SuggestedAnswerView> all(List<SuggestedAnswer> answers) {
      return answers.stream()
          .map(a -> new SuggestedAnswerView(a.articleId().value(), a.title(), a.excerpt()))
          .toList();
    }
  }

  /**
   * What a customer sees right after raising a query: the ticket with its key, by when the first
   * reply is promised (null without an SLA), and answers that may solve it at once.
   */
  record AcknowledgementView(
      TicketView ticket, String firstReplyDue, List<SuggestedAnswerView> suggestedAnswers) {}

  /** A message just posted and the ticket after it; {@code followUp} when it opened a new one. */
  record PostedView(TicketView ticket, MessageView message, boolean followUp) {
    static PostedView of(Posted posted, Actor viewer, String apiPath) {
      return new PostedView(
          TicketView.of(posted.ticket(), viewer),
          MessageView.of(posted.message(), posted.ticket().id(), apiPath),
          posted.followUp());
    }
  }

  /** An SLA timer of a ticket as it stands now. */
  record SlaView(
      String target,
      int cycle,
      String state,
      String startedAt,
      String dueAt,
      long remainingSeconds,
      long pausedSeconds,
      String endedAt) {
    static SlaView of(SlaStatus s) {
      return new SlaView(
          s.target().name(),
          s.cycle(),
          s.state().name(),
          text(s.startedAt()),
          text(s.dueAt()),
          s.remaining().toSeconds(),
          s.pausedSoFar().toSeconds(),
          s.endedAt().map(Views::text).orElse(null));
    }
  }

  /** An agent as the console shows them. */
  record AgentView(String id, String name, String availability, List<String> groups) {
    static AgentView of(Agent agent) {
      return new AgentView(
          agent.id().value(),
          agent.name(),
          agent.availability().name(),
          agent.groups().stream().map(GroupId::value).sorted().toList());
    }
  }

  /** A macro agents may apply, and the fields it sets besides its reply. */
  record MacroView(
      String name,
      String reply,
      String status,
      String priority,
      String group,
      List<String> tags,
      Map<String, String> fields,
      List<String> placeholders) {
    static MacroView of(Macro m) {
      return new MacroView(
          m.name(),
          m.reply(),
          m.status().map(Enum::name).orElse(null),
          m.priority().map(Enum::name).orElse(null),
          m.group().map(GroupId::value).orElse(null),
          List.copyOf(m.tags()),
          m.fields(),
          List.copyOf(m.placeholders()));
    }
  }

  /** A custom field the desk declares: what the console's field form offers and checks. */
  record FieldView(
      String key,
      String label,
      String type,
      boolean required,
      List<String> choices,
      int maxLength) {
    static FieldView of(FieldDefinition f) {
      return new FieldView(
          f.key(),
          f.label(),
          f.type().name(),
          f.required(),
          List.copyOf(f.choices()),
          f.maxLength());
    }
  }

  /** Who the caller is at the desk. */
  record MeView(String kind, String id) {}

  /** Count, average and longest of a duration, in seconds (null with no data). */
  record DurationView(long count, Long averageSeconds, Long maxSeconds) {
    static DurationView of(DurationStats d) {
      return new DurationView(
          d.count(),
          d.average().map(Duration::toSeconds).orElse(null),
          d.max().map(Duration::toSeconds).orElse(null));
    }
  }

  /** Good and bad ratings. */
  record ScoreView(long good, long bad) {
    static ScoreView of(SatisfactionScore s) {
      return new ScoreView(s.good(), s.bad());
    }
  }

  /** SLA targets met and breached. */
  record ComplianceView(long met, long breached) {}

  /** The desk's figures over a range, and its load now. */
  record MetricsView(
      String from,
      String to,
      long opened,
      long reopens,
      DurationView firstReply,
      DurationView resolution,
      Map<String, ComplianceView> sla,
      ScoreView satisfaction,
      Map<String, ScoreView> satisfactionByAgent,
      Map<String, ScoreView> satisfactionByGroup,
      Map<String, Long> loadByAgent,
      Map<String, Long> queueByPriority,
      Map<String, Long> unsolvedByPriority) {
    static MetricsView of(MetricsReport r) {
      return new MetricsView(
          text(r.range().from()),
          text(r.range().to()),
          r.opened(),
          r.reopens(),
          DurationView.of(r.firstReply()),
          DurationView.of(r.resolution()),
          keyed(r.sla(), Enum::name, c -> new ComplianceView(c.met(), c.breached())),
          ScoreView.of(r.satisfaction()),
          keyed(r.satisfactionByAgent(), AgentId::value, ScoreView::of),
          keyed(r.satisfactionByGroup(), GroupId::value, ScoreView::of),
          keyed(r.loadByAgent(), AgentId::value, n -> n),
          keyed(r.queueByPriority(), Enum::name, n -> n),
          keyed(r.unsolvedByPriority(), Enum::name, n -> n));
    }
  }

  /** A live update as the {@code data} of a Server-Sent Event; the event's name is its type. */
  record UpdateView(
      String type, String ticketId, MessageView message, String from, String to, Long dropped) {

    static UpdateView of(LiveUpdate update, String apiPath) {
      if (update instanceof LiveUpdate.MessagePosted m) {
        return new UpdateView(
            "message",
            m.ticketId().toString(),
            MessageView.of(m.message(), m.ticketId(), apiPath),
            null,
            null,
            null);
      }
      if (update instanceof LiveUpdate.StatusChanged s) {
        return new UpdateView(
            "status", s.ticketId().toString(), null, s.from().name(), s.to().name(), null);
      }
      if (update instanceof LiveUpdate.AssigneeChanged a) {
        return new UpdateView(
            "assignee",
            a.ticketId().toString(),
            null,
            a.from().map(AgentId::value).orElse(null),
            a.to().map(AgentId::value).orElse(null),
            null);
      }
      return new UpdateView(
          "overflow", null, null, null, null, ((LiveUpdate.Overflow) update).dropped());
    }
  }

  static String text(Instant at) {
    return at.toString();
  }

  private static <K, V, W> Map<String, W> keyed(
      Map<K, V> values, Function<K, String> key, Function<V, W> value) {
    Map<String, W> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(key.apply(k), value.apply(v)));
    return out;
  }

  /** {@code StatusChanged} becomes {@code status-changed}. */
  static String kebab(String name) {
    StringBuilder out = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        out.append('-');
      }
      out.append(Character.toLowerCase(c));
    }
    return out.toString();
  }
}
