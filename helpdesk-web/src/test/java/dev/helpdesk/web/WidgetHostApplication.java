package dev.helpdesk.web;

import dev.helpdesk.knowledge.Article;
import dev.helpdesk.knowledge.InMemoryKnowledgeBase;
import dev.helpdesk.knowledge.KnowledgeBase;
import dev.helpdesk.macro.Macro;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.FieldDefinition;
import dev.helpdesk.ticket.Status;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A host application for the customer widget and the agent console: its own form login with two
 * customers and an agent, a booking page that includes the widget and a staff page that includes
 * the console, each with one script tag and one element, the starter's desk in memory with a macro,
 * and the desk under a base path of its own ({@code /support}), which both find from their script's
 * address.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class WidgetHostApplication {

  /** A Monday morning in business hours: the first reply is promised by 13:00 UTC. */
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
            Locale.ENGLISH),
        Article.of(
            "kb-sitzplatz",
            "Sitzplatz fehlt auf der Buchungsbestätigung",
            "Sitzplätze werden beim Check-in vergeben; vorher zeigt die Bestätigung keinen Platz.",
            Locale.GERMAN));
  }

  @Bean
  Macro seatMacro() {
    return Macro.builder("seat-info")
        .reply("Hello {{customer.name}}, seats for {{booking_reference}} come at check-in.")
        .status(Status.PENDING)
        .build();
  }

  /**
   * The fields the host declares: the widget's booking context ({@code flight}, {@code seat}) and
   * what agents file in the console.
   */
  @Bean
  FieldDefinition flight() {
    return FieldDefinition.text("flight", "Flight").withMaxLength(10);
  }

  @Bean
  FieldDefinition seat() {
    return FieldDefinition.text("seat", "Seat");
  }

  @Bean
  FieldDefinition seatClass() {
    return FieldDefinition.choice("seat_class", "Seat class", "economy", "business");
  }

  @Bean
  FieldDefinition fare() {
    return FieldDefinition.number("fare", "Fare paid");
  }

  @Bean
  FieldDefinition travelDate() {
    return FieldDefinition.date("travel_date", "Travel date");
  }

  @Bean
  UserDetailsService users() {
    return new InMemoryUserDetailsManager(
        User.withUsername("ana@example.com").password("{noop}ana-pw").roles("USER").build(),
        User.withUsername("ben@example.com").password("{noop}ben-pw").roles("USER").build(),
        User.withUsername("agent-1").password("{noop}agent-pw").roles("HELPDESK_AGENT").build());
  }

  /** The host's own chain: every page behind its form login, but a public help page. */
  @Bean
  SecurityFilterChain hostChain(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(
            a -> a.requestMatchers("/public/**").permitAll().anyRequest().authenticated())
        .formLogin(Customizer.withDefaults())
        .build();
  }

  /** The host's staff page, with the console: one script tag, one element. */
  @RestController
  static class ConsolePage {

    @GetMapping(path = "/console", produces = MediaType.TEXT_HTML_VALUE)
    String console(@RequestParam(name = "lang", defaultValue = "en") String lang) {
      if (!lang.matches("en|en-GB|de")) {
        throw new IllegalArgumentException("no such console page");
      }
      return """
          <!doctype html>
          <html lang="%1$s">
          <head>
            <meta charset="utf-8">
            <title>Support console</title>
            <script src="/support/assets/helpdesk-console.js" defer></script>
            <style>
              body { font-family: sans-serif; margin: 1rem 2rem; }
              helpdesk-console { --helpdesk-radius: 6px; }
            </style>
          </head>
          <body>
            <main>
              <h1>Support</h1>
              <helpdesk-console lang="%1$s" page-size="10" refresh-seconds="2"></helpdesk-console>
            </main>
          </body>
          </html>
          """
          .formatted(lang);
    }
  }

  /** The host's booking page, with the widget: one script tag, one element. */
  @RestController
  static class BookingPage {

    /** The same page, open to visitors who have not signed in. */
    @GetMapping(path = "/public/bookings/{reference}", produces = MediaType.TEXT_HTML_VALUE)
    String publicBooking(@PathVariable("reference") String reference) {
      return booking(reference, "en");
    }

    @GetMapping(path = "/bookings/{reference}", produces = MediaType.TEXT_HTML_VALUE)
    String booking(
        @PathVariable("reference") String reference,
        @RequestParam(name = "lang", defaultValue = "en") String lang) {
      if (!reference.matches("[A-Z0-9-]{1,20}") || !lang.matches("en|en-GB|de")) {
        throw new IllegalArgumentException("no such booking page");
      }
      return """
          <!doctype html>
          <html lang="%2$s">
          <head>
            <meta charset="utf-8">
            <title>Booking %1$s</title>
            <script src="/support/assets/helpdesk-widget.js" defer></script>
            <style>
              body { font-family: sans-serif; margin: 2rem; }
              helpdesk-widget { --helpdesk-radius: 6px; }
            </style>
          </head>
          <body>
            <main>
              <h1>Booking %1$s</h1>
              <p>Flight LH 123, Frankfurt to Lisbon, 2 March 2026.</p>
              <helpdesk-widget booking-reference="%1$s"
                               booking-context='{"flight": "LH 123", "seat": "none"}'
                               lang="%2$s"></helpdesk-widget>
            </main>
          </body>
          </html>
          """
          .formatted(reference, lang);
    }
  }
}
