package dev.helpdesk.jpa.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Agents;
import dev.helpdesk.agent.Capacity;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.jpa.store.Json;
import dev.helpdesk.jpa.store.Transactions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Agents in {@code hd_agent}, {@code hd_agent_group} and {@code hd_agent_skill}: groups, skills,
 * capacity, availability, escalation group and role.
 */
public final class JpaAgents implements Agents {

  private final Transactions transactions;

  /**
   * @param transactions where saves and reads run
   */
  public JpaAgents(Transactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  @Override
  public void save(Agent agent) {
    Check.present("agent", agent);
    transactions.inTransaction(
        em -> {
          AgentEntity row = em.find(AgentEntity.class, agent.id().value());
          boolean fresh = row == null;
          if (fresh) {
            row = new AgentEntity();
            row.id = agent.id().value();
          }
          row.name = agent.name();
          row.email = agent.email().value();
          row.groups.clear();
          for (GroupId g : agent.groups()) {
            row.groups.add(g.value());
          }
          row.skills.clear();
          row.skills.addAll(agent.skills());
          row.capacityTotal = agent.capacity().total();
          ObjectNode channels = Json.object();
          agent.capacity().perChannel().forEach(channels::put);
          row.capacityChannels = Json.write(channels);
          row.availability = agent.availability();
          row.escalationGroup = agent.escalationGroup().map(GroupId::value).orElse(null);
          row.role = agent.role();
          if (fresh) {
            em.persist(row);
          }
          return null;
        });
  }

  @Override
  public Optional<Agent> byId(AgentId id) {
    Check.present("agentId", id);
    return transactions.read(
        em -> Optional.ofNullable(em.find(AgentEntity.class, id.value())).map(JpaAgents::toAgent));
  }

  @Override
  public List<Agent> all() {
    return transactions.read(
        em ->
            em
                .createQuery(
                    "select distinct a from HdAgent a left join fetch a.groups left join fetch a.skills"
                        + " order by a.id",
                    AgentEntity.class)
                .getResultList()
                .stream()
                .map(JpaAgents::toAgent)
                .toList());
  }

  private static Agent toAgent(AgentEntity row) {
    return new Agent(
        AgentId.of(row.id),
        row.name,
        EmailAddress.of(row.email),
        row.groups.stream().map(GroupId::of).collect(Collectors.toSet()),
        Set.copyOf(row.skills),
        new Capacity(row.capacityTotal, channels(row.capacityChannels)),
        row.availability,
        Optional.ofNullable(row.escalationGroup).map(GroupId::of),
        row.role);
  }

  private static Map<String, Integer> channels(String json) {
    Map<String, Integer> limits = new TreeMap<>();
    Json.parse(json).fields().forEachRemaining(e -> limits.put(e.getKey(), e.getValue().asInt()));
    return limits;
  }
}
