package dev.helpdesk.examples.booking;

import com.sun.net.httpserver.HttpExchange;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Agents;

/**
 * Who a request comes from. The demo has no passwords: the customer site and the agent console each
 * let you pick who you are, and remember it in a cookie of their own, so one browser can play both
 * parts. What that person may do is then decided by the desk, from the {@link Actor} built here: a
 * customer actor can only ever reach their own tickets, whatever ids a request names.
 */
final class Identity {

  static final String CUSTOMER_COOKIE = "hd_customer";
  static final String AGENT_COOKIE = "hd_agent";

  private final Bookings bookings;
  private final Agents agents;

  Identity(Bookings bookings, Agents agents) {
    this.bookings = bookings;
    this.agents = agents;
  }

  /** The signed-in customer of the support site. */
  Actor.Customer customer(HttpExchange exchange) {
    return Http.cookie(exchange, CUSTOMER_COOKIE)
        .flatMap(bookings::customer)
        .map(c -> Actor.customer(c.id()))
        .orElseThrow(() -> new Http.Unauthenticated("Pick a customer first."));
  }

  /** The signed-in agent of the console. */
  Actor.Agent agent(HttpExchange exchange) {
    return Http.cookie(exchange, AGENT_COOKIE)
        .filter(id -> !id.isBlank() && id.length() <= AgentId.MAX_LENGTH)
        .flatMap(id -> agents.byId(AgentId.of(id)))
        .map(a -> Actor.agent(a.id()))
        .orElseThrow(() -> new Http.Unauthenticated("Pick an agent first."));
  }

  /** Signs a customer in, if the shop knows them. */
  void signInCustomer(HttpExchange exchange, String customerId) {
    String id =
        bookings
            .customer(customerId == null ? "" : customerId)
            .orElseThrow(() -> new dev.helpdesk.common.NotFoundException("customer", customerId))
            .id();
    Http.setCookie(exchange, CUSTOMER_COOKIE, id);
  }

  /** Signs an agent in, if the desk knows them. */
  void signInAgent(HttpExchange exchange, String agentId) {
    if (agentId == null || agentId.isBlank() || agentId.length() > AgentId.MAX_LENGTH) {
      throw new dev.helpdesk.common.NotFoundException("agent", String.valueOf(agentId));
    }
    String id =
        agents
            .byId(AgentId.of(agentId))
            .orElseThrow(() -> new dev.helpdesk.common.NotFoundException("agent", agentId))
            .id()
            .value();
    Http.setCookie(exchange, AGENT_COOKIE, id);
  }
}
