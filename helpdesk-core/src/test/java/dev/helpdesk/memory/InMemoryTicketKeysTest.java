package dev.helpdesk.memory;

import dev.helpdesk.contract.TicketKeysContract;
import dev.helpdesk.ticket.TicketKeys;

class InMemoryTicketKeysTest extends TicketKeysContract {

  @Override
  protected TicketKeys keys() {
    return new InMemoryTicketKeys();
  }
}
