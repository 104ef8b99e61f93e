package dev.helpdesk.jpa.ticket;

import dev.helpdesk.jpa.store.PriorityRank;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Status;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code hd_ticket}. The surrogate {@code id} comes from a pooled sequence; the domain's
 * {@code ticket_id} (a UUID) is a unique key that conversation and history rows refer to. {@code
 * version} is the domain's version, checked and raised by JPA optimistic locking.
 */
@Entity(name = "HdTicket")
@Table(name = "hd_ticket")
class TicketEntity {

  // The SLA columns (sla_due_at, sla_breached) are not mapped: the SLA timers adapter writes them,
  // and a ticket's own saves must neither write them back nor hand out a managed row's outdated
  // copy of them. Searches read them with the ticket's columns (TicketRows).

  @Id
  @SequenceGenerator(name = "hd_ticket_seq", sequenceName = "hd_ticket_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "hd_ticket_seq")
  @Column(name = "id", nullable = false)
  Long id;

  @Version
  @Column(name = "version", nullable = false)
  Long version;

  @Column(name = "ticket_id", nullable = false, unique = true)
  UUID ticketId;

  @Column(name = "ticket_key", nullable = false, unique = true, length = 29)
  String key;

  @Column(name = "subject", nullable = false, length = 200)
  String subject;

  @Column(name = "description", nullable = false, length = 65_536)
  String description;

  @Column(name = "requester_id", nullable = false, length = 128)
  String requesterId;

  @Column(name = "requester_name", nullable = false, length = 200)
  String requesterName;

  @Column(name = "requester_email", nullable = false, length = 254)
  String requesterEmail;

  /** The requester's organisation when the ticket was opened; null for none. */
  @Column(name = "requester_organisation", length = 128)
  String requesterOrganisation;

  @Enumerated(EnumType.STRING)
  @Column(name = "channel", nullable = false, length = 16)
  Channel channel;

  @Convert(converter = PriorityRank.class)
  @Column(name = "priority", nullable = false)
  Priority priority;

  @Column(name = "tags_json", nullable = false, length = 4000)
  String tagsJson;

  @Column(name = "custom_fields_json", nullable = false, length = 1_048_576)
  String customFieldsJson;

  /**
   * The people copied on the ticket as a JSON array of {@code {"email":..,"name":..}}, in order;
   * null for none (most tickets, and every ticket stored before {@code V15__ccs.sql}).
   */
  @Column(name = "ccs_json", length = 1_048_576)
  String ccsJson;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 16)
  Status status;

  /** Whether the status is one that still needs work; the queue indexes lead with it. */
  @Column(name = "unsolved", nullable = false)
  boolean unsolved;

  @Column(name = "assignee_id", length = 128)
  String assigneeId;

  @Column(name = "group_id", length = 64)
  String groupId;

  @Column(name = "follow_up_of")
  UUID followUpOf;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  @Column(name = "solved_at")
  Instant solvedAt;

  /** When the desk erased the ticket's personal data; null while it has it. */
  @Column(name = "erased_at")
  Instant erasedAt;

  /** The custom field {@code booking_reference}, copied out for an indexed look-up. */
  @Column(name = "booking_reference", length = 1000)
  String bookingReference;

  /** The words of the subject and public messages, as {@code SearchText.joined} writes them. */
  @Column(name = "search_public", nullable = false, length = 1_048_576)
  String searchPublic;

  /** Those and the words of internal notes. */
  @Column(name = "search_all", nullable = false, length = 1_048_576)
  String searchAll;

  protected TicketEntity() {}
}
