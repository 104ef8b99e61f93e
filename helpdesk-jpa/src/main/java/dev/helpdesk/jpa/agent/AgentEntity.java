package dev.helpdesk.jpa.agent;

import dev.helpdesk.agent.Availability;
import dev.helpdesk.agent.Role;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.util.HashSet;
import java.util.Set;

/**
 * One row of {@code hd_agent}, its groups in {@code hd_agent_group} and its skills in {@code
 * hd_agent_skill}: tables rather than JSON columns, because routing asks "which agents are in group
 * X" and "who has skill Y". The per-channel capacity, never queried, is a JSON column.
 */
@Entity(name = "HdAgent")
@Table(name = "hd_agent")
class AgentEntity {

  @Id
  @Column(name = "agent_id", nullable = false, length = 128)
  String id;

  @Column(name = "name", nullable = false, length = 200)
  String name;

  @Column(name = "email", nullable = false, length = 254)
  String email;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "hd_agent_group", joinColumns = @JoinColumn(name = "agent_id"))
  @Column(name = "group_id", nullable = false, length = 64)
  Set<String> groups = new HashSet<>();

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "hd_agent_skill", joinColumns = @JoinColumn(name = "agent_id"))
  @Column(name = "skill", nullable = false, length = 50)
  Set<String> skills = new HashSet<>();

  /** {@link dev.helpdesk.agent.Capacity#UNLIMITED} for no limit. */
  @Column(name = "capacity_total", nullable = false)
  int capacityTotal;

  /** The per-channel limits as a JSON object, e.g. {@code {"CHAT":2}}. */
  @Column(name = "capacity_channels_json", nullable = false, length = 2000)
  String capacityChannels;

  @Enumerated(EnumType.STRING)
  @Column(name = "availability", nullable = false, length = 16)
  Availability availability;

  @Column(name = "escalation_group_id", length = 64)
  String escalationGroup;

  @Enumerated(EnumType.STRING)
  @Column(name = "role", nullable = false, length = 16)
  Role role;

  protected AgentEntity() {}
}
