package dev.helpdesk.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Agents;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.agent.Role;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Agents} adapter must do.
 *
 * <p>To run it against an adapter, extend it in the adapter module's tests (the class ships in the
 * core's test-jar, {@code dev.helpdesk:helpdesk-core:test-jar}) and implement {@link #agents()}:
 *
 * <pre>{@code
 * class JpaAgentsTest extends AgentsContract {
 *   protected Agents agents() { return JpaStore.freshH2().agents(); }
 * }
 * }</pre>
 *
 * <p>The suite calls {@link #agents()} once before each test.
 */
public abstract class AgentsContract {

  /** An agent store holding no agents, fresh for the current test. */
  protected abstract Agents agents();

  private Agents store;

  @BeforeEach
  void createStore() {
    store = agents();
  }

  @Test
  void savedAgentCanBeReadByIdWithItsGroups() {
    Agent ana =
        Agent.of("a-1", "Ana Lima", "ana@desk.example.com")
            .withGroups(Set.of(GroupId.of("refunds"), GroupId.of("rail")));

    store.save(ana);

    assertEquals(Optional.of(ana), store.byId(AgentId.of("a-1")));
  }

  @Test
  void theRoleIsKeptAndReplacedBySavingAgain() {
    Agent sam = Agent.of("s-1", "Sam Chief", "sam@desk.example.com");
    assertEquals(Role.AGENT, sam.role(), "an agent's role unless given");

    store.save(sam.withRole(Role.SUPERVISOR));
    assertEquals(Optional.of(sam.withRole(Role.SUPERVISOR)), store.byId(AgentId.of("s-1")));
    assertEquals(List.of(sam.withRole(Role.SUPERVISOR)), store.all());

    store.save(sam);
    assertEquals(Role.AGENT, store.byId(AgentId.of("s-1")).orElseThrow().role());
  }

  @Test
  void savingUnderTheSameIdReplacesTheAgent() {
    store.save(Agent.of("a-1", "Ana Lima", "ana@desk.example.com"));
    Agent renamed =
        Agent.of("a-1", "Ana Souza", "ana.souza@desk.example.com")
            .withGroups(Set.of(GroupId.of("refunds")));

    store.save(renamed);

    assertEquals(Optional.of(renamed), store.byId(AgentId.of("a-1")));
    assertEquals(List.of(renamed), store.all());
  }

  @Test
  void groupsCanBeRemovedBySavingAgain() {
    Agent inGroups =
        Agent.of("a-1", "Ana Lima", "ana@desk.example.com")
            .withGroups(Set.of(GroupId.of("refunds"), GroupId.of("rail")));
    store.save(inGroups);

    store.save(inGroups.withGroups(Set.of()));

    assertEquals(Set.of(), store.byId(AgentId.of("a-1")).orElseThrow().groups());
  }

  @Test
  void allListsEveryAgentOrderedById() {
    Agent c = Agent.of("c-agent", "Carla", "carla@desk.example.com");
    Agent a = Agent.of("a-agent", "Ana", "ana@desk.example.com");
    Agent b = Agent.of("b-agent", "Bruno", "bruno@desk.example.com");
    store.save(c);
    store.save(a);
    store.save(b);

    assertEquals(List.of(a, b, c), store.all());
  }

  @Test
  void unknownAgentIsEmpty() {
    store.save(Agent.of("a-1", "Ana Lima", "ana@desk.example.com"));

    assertEquals(Optional.empty(), store.byId(AgentId.of("a-2")));
  }

  @Test
  void emptyStoreListsNoAgents() {
    assertEquals(List.of(), store.all());
  }
}
