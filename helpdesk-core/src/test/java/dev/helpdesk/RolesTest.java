package dev.helpdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.AccessDeniedException;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.Availability;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.agent.Role;
import dev.helpdesk.assignment.AssignmentPolicy;
import dev.helpdesk.audit.AuditQuery;
import dev.helpdesk.audit.AuditRecord;
import dev.helpdesk.audit.StaffAction;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.OrganisationId;
import dev.helpdesk.live.LiveUpdate;
import dev.helpdesk.memory.InMemoryAgents;
import dev.helpdesk.search.Page;
import dev.helpdesk.search.TicketQuery;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Rating;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The role settings by example: the supervisor role, agents who see their groups' tickets, and
 * customers who read their organisation's. {@link HelpDeskModelTest} checks the same rules against
 * random operations by random actors.
 */
class RolesTest {

  private static final Actor ADMIN = Actor.system("admin");
  private static final Actor.Agent BEA = Actor.agent("a-bea"); // agent, group g-rail
  private static final Actor.Agent CAI = Actor.agent("a-cai"); // agent, group g-air
  private static final Actor.Agent SAM = Actor.agent("s-sam"); // supervisor, no group
  private static final Actor.Customer ANA = Actor.customer("c-ana"); // org-acme
  private static final Actor.Customer DAN = Actor.customer("c-dan"); // org-acme
  private static final Actor.Customer EVE = Actor.customer("c-eve"); // no organisation

  private final SettableClock clock = SettableClock.at(Instant.parse("2026-03-02T09:00:00Z"));
  private final InMemoryAgents agents = new InMemoryAgents();

  private HelpDesk desk(Consumer<HelpDeskBuilder> settings) {
    HelpDeskBuilder builder =
        HelpDesk.builder()
            .clock(clock)
            .agents(agents)
            .liveExecutor(Runnable::run) // live updates delivered before the change returns
            .notifier(n -> {})
            .assignment(
                AssignmentPolicy.builder()
                    .automatic(false)
                    .escalationGroup(GroupId.of("g-sup"))
                    .build());
    settings.accept(builder);
    HelpDesk desk = builder.build();
    desk.saveAgent(ADMIN, agent(BEA, "g-rail", Role.AGENT));
    desk.saveAgent(ADMIN, agent(CAI, "g-air", Role.AGENT));
    desk.saveAgent(ADMIN, agent(SAM, null, Role.SUPERVISOR));
    desk.saveCustomer(ADMIN, customer(ANA, "org-acme"));
    desk.saveCustomer(ADMIN, customer(DAN, "org-acme"));
    desk.saveCustomer(ADMIN, customer(EVE, null));
    return desk;
  }

  private static Agent agent(Actor.Agent who, String group, Role role) {
    String id = who.id().value();
    return Agent.of(id, "Agent " + id, id + "@desk.example")
        .withGroups(group == null ? Set.of() : Set.of(GroupId.of(group)))
        .withRole(role);
  }

  private static Customer customer(Actor.Customer who, String organisation) {
    String id = who.id().value();
    return new Customer(
        who.id(),
        "Customer " + id,
        EmailAddress.of(id + "@example.com"),
        Optional.ofNullable(organisation).map(OrganisationId::of));
  }

  private static Ticket open(HelpDesk desk, Actor.Customer who, String group) {
    String id = who.id().value();
    NewTicket.Builder request =
        NewTicket.builder()
            .requester(id, "Customer " + id, id + "@example.com")
            .subject("Booking question")
            .description("Where is my seat?");
    if (group != null) {
      request.group(group);
    }
    return desk.open(who, request.build());
  }

  // ---------------------------------------------------------------- without settings

  @Test
  void withoutSettingsEveryAgentMayDoAndSeeEverythingAsBefore() {
    HelpDesk desk = desk(b -> {});
    Ticket air = open(desk, ANA, "g-air");
    Ticket dup = open(desk, ANA, "g-air");

    assertEquals(air.id(), desk.ticket(BEA, air.id()).ticket().id(), "outside BEA's group");
    desk.assign(BEA, air.id(), CAI.id(), true);
    desk.merge(BEA, dup.id(), air.id());
    desk.escalate(BEA, air.id(), "Needs a supervisor");
    desk.saveAgent(BEA, agent(CAI, "g-air", Role.AGENT));
    desk.staffAudit(BEA, AuditQuery.newest(5));
    assertNotFound(() -> desk.ticket(DAN, air.id()), "a colleague, without the setting");
  }

  // ---------------------------------------------------------------- supervisor role

  @Test
  void onlySupervisorsAndSystemsMayTakeSupervisoryActions() {
    HelpDesk desk = desk(b -> b.enforceSupervisorRole(true));
    Ticket t = open(desk, ANA, null);
    Ticket dup = open(desk, ANA, null);
    long version = desk.ticket(ADMIN, t.id()).ticket().version();

    assertRefused(() -> desk.assign(BEA, t.id(), CAI.id(), true), "over capacity");
    assertRefused(() -> desk.escalate(BEA, t.id(), "Angry customer"), "escalate");
    assertRefused(() -> desk.merge(BEA, dup.id(), t.id()), "merge");
    assertRefused(
        () -> desk.saveAgent(BEA, agent(BEA, "g-rail", Role.SUPERVISOR)), "save an agent");
    assertRefused(
        () -> desk.setAvailability(BEA, CAI.id(), Availability.OFFLINE), "another's availability");
    assertRefused(() -> desk.saveCustomer(BEA, customer(EVE, "org-acme")), "save a customer");
    assertRefused(() -> desk.staffAudit(BEA, AuditQuery.newest(5)), "read the staff audit");
    assertRefused(() -> desk.metrics(BEA, clock.instant().minusSeconds(60), clock.instant()), "");
    assertEquals(version, desk.ticket(ADMIN, t.id()).ticket().version(), "nothing stored");
    assertEquals(Role.AGENT, agentOf(desk, BEA).role(), "BEA did not make herself a supervisor");
    assertEquals(Availability.ONLINE, agentOf(desk, CAI).availability());

    desk.assign(BEA, t.id(), CAI.id(), false); // within capacity: any agent's work
    desk.setAvailability(BEA, BEA.id(), Availability.OFFLINE); // one's own: any agent's
    desk.assign(SAM, t.id(), BEA.id(), true);
    desk.merge(SAM, dup.id(), t.id());
    desk.escalate(SAM, t.id(), "Angry customer");
    desk.setAvailability(SAM, CAI.id(), Availability.OFFLINE);
    desk.staffAudit(SAM, AuditQuery.newest(5));
    desk.escalate(ADMIN, t.id(), "Still angry");
    assertEquals(Optional.of(GroupId.of("g-sup")), desk.ticket(SAM, t.id()).ticket().group());
  }

  // ---------------------------------------------------------------- agents see their groups

  @Test
  void anAgentSeesOnlyTheirGroupsAndTheirOwnTicketsAndIsToldOfNoOther() {
    HelpDesk desk = desk(b -> b.agentsSeeOwnGroups(true));
    Ticket rail = open(desk, ANA, "g-rail");
    Ticket air = open(desk, ANA, "g-air");
    Ticket none = open(desk, EVE, null);

    assertEquals(rail.id(), desk.ticket(BEA, rail.id()).ticket().id());
    assertNotFound(() -> desk.ticket(BEA, air.id()), "another group's");
    assertNotFound(() -> desk.ticket(BEA, air.key()), "by key too");
    assertNotFound(() -> desk.ticket(BEA, none.id()), "in no group");
    assertNotFound(() -> desk.reply(BEA, air.id(), "Hello"), "nor works it");
    assertNotFound(() -> desk.note(BEA, air.id(), "Hm"), "");
    assertNotFound(() -> desk.changeStatus(BEA, air.id(), Status.PENDING), "");
    assertNotFound(() -> desk.assign(BEA, air.id(), BEA.id()), "");
    assertNotFound(() -> desk.subscribe(BEA, air.id(), u -> {}), "");
    assertEquals(keys(rail), keys(desk.unassignedQueue(BEA)));
    assertEquals(keys(rail), keys(desk.ticketsOf(BEA, ANA.id())));
    assertEquals(keys(rail, air, none), keys(desk.unassignedQueue(SAM)), "a supervisor sees all");

    desk.assign(SAM, none.id(), BEA.id());
    assertEquals(none.id(), desk.ticket(BEA, none.id()).ticket().id(), "assigned to her");
    desk.changeGroup(BEA, rail.id(), GroupId.of("g-air")); // handed over: out of her sight
    assertNotFound(() -> desk.ticket(BEA, rail.id()), "handed to another group");
    assertEquals(rail.id(), desk.ticket(CAI, rail.id()).ticket().id());

    assertRefused(() -> desk.subscribeQueue(BEA, CAI.id(), u -> {}), "another's queue");
    desk.subscribeQueue(BEA, BEA.id(), u -> {}).close();
    desk.subscribeQueue(SAM, CAI.id(), u -> {}).close();
  }

  @Test
  void aScopedSearchFillsEveryPageAndItsCursorsLeadOnWithinTheGroups() {
    HelpDesk desk = desk(b -> b.agentsSeeOwnGroups(true));
    List<String> rail = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      Ticket t = open(desk, EVE, i % 3 == 0 ? "g-rail" : "g-air");
      if (i % 3 == 0) {
        rail.add(t.key().value());
      }
      clock.advance(java.time.Duration.ofMinutes(1));
    }
    TicketQuery query = TicketQuery.builder().pageSize(2).build();
    Page<Ticket> first = desk.search(BEA, query);
    assertEquals(2, first.items().size(), "full, although most tickets are another group's");
    Page<Ticket> second = desk.search(BEA, query.after(first.next().orElseThrow()));
    assertEquals(1, second.items().size());
    assertEquals(Optional.empty(), second.next());
    List<String> found = new ArrayList<>(keys(first.items()));
    found.addAll(keys(second.items()));
    java.util.Collections.reverse(rail); // newest first
    assertEquals(rail, found);
  }

  // ---------------------------------------------------------------- customer organisations

  @Test
  void aCustomerReadsTheirOrganisationsTicketsButNeverItsNotesAndDoesNotWriteToThem() {
    HelpDesk desk = desk(b -> b.customersSeeOrganisation(true));
    Ticket anas = open(desk, ANA, null);
    Ticket eves = open(desk, EVE, null);
    desk.note(SAM, anas.id(), "Internal: refund approved");
    desk.reply(SAM, anas.id(), "We are on it");
    List<LiveUpdate> seen = new CopyOnWriteArrayList<>();
    desk.subscribe(DAN, anas.id(), seen::add);

    assertEquals(
        Optional.of(OrganisationId.of("org-acme")), anas.requester().organisation(), "kept");
    assertEquals(
        List.of("Where is my seat?", "We are on it"),
        desk.ticket(DAN, anas.id()).conversation().stream().map(m -> m.body()).toList());
    assertEquals(keys(anas), keys(desk.search(DAN, TicketQuery.builder().build()).items()));
    assertEquals(keys(anas), keys(desk.ticketsOf(DAN, ANA.id())), "a colleague's listing");
    assertNotFound(() -> desk.ticket(DAN, eves.id()), "not of the organisation");
    assertNotFound(() -> desk.ticket(EVE, anas.id()), "in no organisation");
    assertRefused(() -> desk.reply(DAN, anas.id(), "Me too"), "reply to a colleague's");
    assertRefused(() -> desk.note(DAN, anas.id(), "Me too"), "");
    desk.note(SAM, anas.id(), "Another internal note");
    desk.reply(SAM, anas.id(), "Solved soon");
    assertEquals(
        List.of("Solved soon"),
        seen.stream()
            .filter(u -> u instanceof LiveUpdate.MessagePosted)
            .map(u -> ((LiveUpdate.MessagePosted) u).message().body())
            .toList(),
        "the colleague follows it live, without notes");
    desk.assign(SAM, anas.id(), BEA.id());
    desk.changeStatus(SAM, anas.id(), Status.SOLVED);
    assertRefused(() -> desk.rate(DAN, anas.id(), Rating.GOOD, null), "rate a colleague's");

    desk.saveCustomer(ADMIN, customer(DAN, null));
    assertNotFound(() -> desk.ticket(DAN, anas.id()), "once DAN left the organisation");
  }

  @Test
  void openingATicketNeverMovesACustomerIntoAnOrganisation() {
    HelpDesk desk = desk(b -> b.customersSeeOrganisation(true));
    NewTicket joining =
        NewTicket.builder()
            .requester(customer(EVE, "org-acme"))
            .subject("Let me in")
            .description("Please")
            .build();

    ValidationException e = assertThrows(ValidationException.class, () -> desk.open(EVE, joining));
    assertEquals("requester.organisation", e.field());
    e = assertThrows(ValidationException.class, () -> desk.open(ADMIN, joining));
    assertEquals("requester.organisation", e.field());
    assertEquals(List.of(), desk.ticketsOf(ADMIN, EVE.id()), "nothing stored");

    Ticket anas = open(desk, ANA, null); // the request names none: the stored one is kept
    assertEquals(Optional.of(OrganisationId.of("org-acme")), anas.requester().organisation());
    assertEquals(anas.id(), desk.ticket(DAN, anas.id()).ticket().id());
  }

  @Test
  void savingACustomerIsRecordedWithTheirOrganisationOnly() {
    HelpDesk desk = desk(b -> {});
    desk.saveCustomer(SAM, customer(EVE, "org-acme"));

    AuditRecord r = desk.staffAudit(ADMIN, AuditQuery.newest(1)).get(0);
    assertEquals(StaffAction.CUSTOMER_SAVED, r.action());
    assertEquals("c-eve", r.subject());
    assertEquals(Map.of("organisation", ""), r.before());
    assertEquals(Map.of("organisation", "org-acme"), r.after());
    assertRefused(() -> desk.saveCustomer(EVE, customer(EVE, null)), "a customer");
  }

  // ---------------------------------------------------------------- helpers

  private Agent agentOf(HelpDesk desk, Actor.Agent who) {
    return agents.byId(who.id()).orElseThrow();
  }

  private static List<String> keys(Ticket... tickets) {
    return keys(List.of(tickets));
  }

  private static List<String> keys(List<Ticket> tickets) {
    return tickets.stream().map(t -> t.key().value()).toList();
  }

  private static void assertNotFound(Runnable call, String why) {
    assertThrows(NotFoundException.class, call::run, why);
  }

  private static void assertRefused(Runnable call, String why) {
    AccessDeniedException e = assertThrows(AccessDeniedException.class, call::run, why);
    assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), why);
  }
}
