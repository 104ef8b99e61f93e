package dev.helpdesk.web;

import dev.helpdesk.knowledge.Article;
import dev.helpdesk.knowledge.InMemoryKnowledgeBase;
import dev.helpdesk.knowledge.KnowledgeBase;
import dev.helpdesk.macro.Macro;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.Status;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A host application: its own pages and its own security (a public path, everything else behind
 * HTTP Basic), the starter's desk in memory, and the web module.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class WebTestApplication {

  /** A Monday morning in business hours, so SLA timers run at once. */
  @Bean
  SettableClock clock() {
    return SettableClock.at("2026-03-02T09:00:00Z");
  }

  @Bean
  SlaPolicy standardSla() {
    return SlaPolicy.named("standard").firstReply(Duration.ofHours(4)).build();
  }

  @Bean
  KnowledgeBase knowledge() {
    return InMemoryKnowledgeBase.of(
        Article.of(
            "kb-seats",
            "Seats missing on the confirmation",
            "Seats are assigned at check-in; the confirmation shows no seat before then.",
            Locale.ENGLISH));
  }

  @Bean
  Macro seatMacro() {
    return Macro.builder("seat-info")
        .reply("Hello {{customer.name}}, seats for {{booking_reference}} come at check-in.")
        .status(Status.PENDING)
        .field("seat_info", "sent")
        .build();
  }

  /** The host's users; the desk maps them by name and role. */
  @Bean
  UserDetailsService users() {
    return new InMemoryUserDetailsManager(
        User.withUsername("ana@example.com").password("{noop}ana-pw").roles("USER").build(),
        User.withUsername("ben@example.com").password("{noop}ben-pw").roles("USER").build(),
        User.withUsername("agent-1").password("{noop}agent-pw").roles("HELPDESK_AGENT").build());
  }

  /** Scripts and tests outside a browser sign in to the desk's API with HTTP Basic. */
  @Bean
  HelpDeskWebSecurityCustomizer basicForTheDesk() {
    return http -> http.httpBasic(Customizer.withDefaults());
  }

  /** The host's own chain: it rules every path but the desk's. */
  @Bean
  SecurityFilterChain hostChain(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(
            a -> a.requestMatchers("/public/**").permitAll().anyRequest().authenticated())
        .httpBasic(Customizer.withDefaults())
        .build();
  }

  /** The host's own pages (a member class: registered with the configuration). */
  @RestController
  static class HostPages {
    @GetMapping("/public/hello")
    String publicHello() {
      return "hello";
    }

    @GetMapping("/private/hello")
    String privateHello() {
      return "private";
    }
  }
}
