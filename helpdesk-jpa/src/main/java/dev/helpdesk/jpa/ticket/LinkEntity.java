package dev.helpdesk.jpa.ticket;

import dev.helpdesk.ticket.LinkKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One row of {@code hd_ticket_link}: one end of a link, as {@link #ticketId} sees it. */
@Entity(name = "HdTicketLink")
@Table(name = "hd_ticket_link")
class LinkEntity {

  @Id
  @SequenceGenerator(
      name = "hd_ticket_link_seq",
      sequenceName = "hd_ticket_link_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "hd_ticket_link_seq")
  @Column(name = "id", nullable = false)
  Long id;

  @Column(name = "ticket_id", nullable = false)
  UUID ticketId;

  @Column(name = "other_id", nullable = false)
  UUID otherId;

  @Enumerated(EnumType.STRING)
  @Column(name = "kind", nullable = false, length = 16)
  LinkKind kind;

  @Column(name = "outgoing", nullable = false)
  boolean outgoing;

  @Column(name = "other_key", nullable = false, length = 29)
  String otherKey;

  @Column(name = "other_requester", nullable = false, length = 128)
  String otherRequester;

  @Column(name = "linked_at", nullable = false)
  Instant linkedAt;

  protected LinkEntity() {}
}
