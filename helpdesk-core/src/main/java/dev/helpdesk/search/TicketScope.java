package dev.helpdesk.search;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.Check;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.customer.OrganisationId;
import dev.helpdesk.ticket.Ticket;
import java.util.Optional;
import java.util.Set;

/**
 * The tickets a reader may see, which the desk keeps a search within (see {@link TicketSearch}): a
 * store applies it in the query itself, like any filter, so that pages stay full and cursors
 * stable. {@link #includes} is the rule every store must implement.
 */
public sealed interface TicketScope
    permits TicketScope.Everything, TicketScope.Requester, TicketScope.Groups {

  /** Every ticket: staff on a desk without scoped visibility, supervisors, systems. */
  static TicketScope everything() {
    return Everything.INSTANCE;
  }

  /** Whether the reader may see {@code ticket}. */
  boolean includes(Ticket ticket);

  /** Every ticket. */
  enum Everything implements TicketScope {
    /** The one instance. */
    INSTANCE;

    @Override
    public boolean includes(Ticket ticket) {
      return true;
    }
  }

  /**
   * The tickets a customer raised, and with an organisation, the tickets whose requester belonged
   * to it when they were opened ({@code ticket.requester().organisation()}).
   *
   * @param customer the reading customer
   * @param organisation the organisation whose tickets they see too; empty: their own only
   */
  record Requester(CustomerId customer, Optional<OrganisationId> organisation)
      implements TicketScope {
    /** Validates the scope. */
    public Requester {
      Check.present("customer", customer);
      Check.present("organisation", organisation);
    }

    @Override
    public boolean includes(Ticket ticket) {
      return ticket.requester().id().equals(customer)
          || (organisation.isPresent() && ticket.requester().organisation().equals(organisation));
    }
  }

  /**
   * The tickets routed to one of the groups, and those assigned to the agent: what an agent sees
   * when agents see only their groups' tickets.
   *
   * @param agent the reading agent
   * @param groups the agent's groups (may be empty: then only the agent's own tickets)
   */
  record Groups(AgentId agent, Set<GroupId> groups) implements TicketScope {
    /** Validates the scope and freezes the groups. */
    public Groups {
      Check.present("agent", agent);
      groups = Set.copyOf(Check.present("groups", groups));
    }

    @Override
    public boolean includes(Ticket ticket) {
      return ticket.assignee().filter(agent::equals).isPresent()
          || ticket.group().filter(groups::contains).isPresent();
    }
  }
}
