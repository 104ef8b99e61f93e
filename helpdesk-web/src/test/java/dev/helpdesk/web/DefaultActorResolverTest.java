package dev.helpdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.ticket.NewTicket;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

class DefaultActorResolverTest {

  final HelpDesk desk = HelpDesk.builder().build();
  final DefaultActorResolver resolver = new DefaultActorResolver(desk, "ROLE_STAFF");

  static Authentication user(String name, String... authorities) {
    TestingAuthenticationToken token = new TestingAuthenticationToken(name, "pw", authorities);
    token.setAuthenticated(true);
    return token;
  }

  @Test
  void theAgentAuthorityMakesAnAgentNamedAfterTheUser() {
    assertThat(resolver.resolve(user("alex", "ROLE_USER", "ROLE_STAFF")))
        .contains(Actor.agent("alex"));
  }

  @Test
  void anyoneElseIsACustomerKnownByAddressOrByName() {
    desk.open(
        Actor.customer("c-17"),
        NewTicket.builder()
            .requester("c-17", "Ana Traveller", "ana@example.com")
            .subject("Seat")
            .build());
    assertThat(resolver.resolve(user("ana@example.com"))).contains(Actor.customer("c-17"));
    assertThat(resolver.requester(user("ana@example.com"), Actor.customer("c-17")))
        .map(Customer::name)
        .contains("Ana Traveller");
    assertThat(resolver.resolve(user("ben@example.com")))
        .contains(Actor.customer("ben@example.com"));
    assertThat(resolver.requester(user("ben@example.com"), Actor.customer("ben@example.com")))
        .map(c -> c.email().value())
        .contains("ben@example.com");
    assertThat(resolver.resolve(user("plain"))).contains(Actor.customer("plain"));
    assertThat(resolver.requester(user("plain"), Actor.customer("plain"))).isEmpty();
  }

  @Test
  void anonymousAndUnauthenticatedUsersAreNobody() {
    assertThat(resolver.resolve(null)).isEmpty();
    assertThat(
            resolver.resolve(
                new AnonymousAuthenticationToken(
                    "key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"))))
        .isEmpty();
    TestingAuthenticationToken notSignedIn = new TestingAuthenticationToken("ana", "pw");
    notSignedIn.setAuthenticated(false);
    assertThat(resolver.resolve(notSignedIn)).isEmpty();
  }
}
