package dev.helpdesk.jpa.agent;

import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Agents;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.jpa.store.Transactions;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** Agents in {@code hd_agent} and {@code hd_agent_group}. */
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
                    "select distinct a from HdAgent a left join fetch a.groups order by a.id",
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
        row.groups.stream().map(GroupId::of).collect(Collectors.toSet()));
  }
}
