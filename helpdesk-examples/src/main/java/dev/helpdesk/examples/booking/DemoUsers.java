package dev.helpdesk.examples.booking;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.examples.booking.Bookings.Customer;
import dev.helpdesk.web.ActorResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may sign in to the demo, and who each user is at the desk. Customers sign in with their
 * e-mail address, agents and the operator with a short name; every demo user's password is {@code
 * demo}, kept only as a hash of the delegating password encoder (bcrypt).
 */
@Configuration
class DemoUsers {

  static final String PASSWORD = "demo";
  static final String CUSTOMER = "CUSTOMER";
  static final String AGENT = "HELPDESK_AGENT";
  static final String OPERATOR = "OPERATOR";

  /** Agents' login names and their ids at the desk. */
  static final Map<String, String> AGENTS =
      Map.of(
          "bea",
          DemoData.BEA.id().value(),
          "cal",
          DemoData.CAL.id().value(),
          "sue",
          DemoData.SUE.id().value());

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  UserDetailsService users(PasswordEncoder encoder) {
    String hash = encoder.encode(PASSWORD);
    List<UserDetails> users = new ArrayList<>();
    for (Customer c : List.of(DemoData.ANA, DemoData.BEN, DemoData.CHLOE)) {
      users.add(User.withUsername(c.email()).password(hash).roles(CUSTOMER).build());
    }
    AGENTS.keySet().stream()
        .sorted()
        .forEach(name -> users.add(User.withUsername(name).password(hash).roles(AGENT).build()));
    users.add(User.withUsername("operator").password(hash).roles(OPERATOR).build());
    return new InMemoryUserDetailsManager(users);
  }

  /** The demo's pages: the mailbox for the operator, the console for agents, all behind login. */
  @Bean
  SecurityFilterChain demoPages(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(
            pages ->
                pages
                    .requestMatchers("/mailbox", "/mailbox/**")
                    .hasRole(OPERATOR)
                    .requestMatchers("/agent", "/agent/**")
                    .hasRole(AGENT)
                    .anyRequest()
                    .authenticated())
        .formLogin(Customizer.withDefaults())
        .logout(Customizer.withDefaults())
        .build();
  }

  /**
   * Customers are the shop's customers (by their sign-in address), agents the desk's agents (by
   * their login name); the operator has no identity at the desk.
   */
  @Bean
  ActorResolver actorResolver(Bookings bookings) {
    return new ActorResolver() {
      @Override
      public Optional<Actor> resolve(Authentication user) {
        String agent = AGENTS.get(user.getName());
        if (agent != null && has(user, AGENT)) {
          return Optional.of(Actor.agent(agent));
        }
        return has(user, CUSTOMER)
            ? customer(user).map(c -> Actor.customer(c.id()))
            : Optional.empty();
      }

      @Override
      public Optional<dev.helpdesk.customer.Customer> requester(
          Authentication user, Actor.Customer customer) {
        return customer(user)
            .map(
                c ->
                    new dev.helpdesk.customer.Customer(
                        customer.id(), c.name(), EmailAddress.of(c.email())));
      }

      private Optional<Customer> customer(Authentication user) {
        return bookings.customers().stream()
            .filter(c -> c.email().equalsIgnoreCase(user.getName()))
            .findFirst();
      }
    };
  }

  static boolean has(Authentication user, String role) {
    return user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role));
  }
}
