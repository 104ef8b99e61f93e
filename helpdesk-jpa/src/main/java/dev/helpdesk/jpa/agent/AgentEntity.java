package dev.helpdesk.jpa.agent;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.util.HashSet;
import java.util.Set;

/**
 * One row of {@code hd_agent}, its groups in {@code hd_agent_group}: a table rather than a JSON
 * column, because routing by group asks "which agents are in group X".
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

  protected AgentEntity() {}
}
