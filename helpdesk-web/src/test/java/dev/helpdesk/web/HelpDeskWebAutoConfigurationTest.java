package dev.helpdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.spring.HelpDeskAutoConfiguration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.security.web.SecurityFilterChain;

/** When the module switches on, what it backs off from, and which settings stop the start. */
class HelpDeskWebAutoConfigurationTest {

  private final WebApplicationContextRunner runner =
      new WebApplicationContextRunner()
          .withPropertyValues("helpdesk.jobs.enabled=false")
          .withConfiguration(
              AutoConfigurations.of(
                  HelpDeskAutoConfiguration.class,
                  WebMvcAutoConfiguration.class,
                  ServletWebSecurityAutoConfiguration.class,
                  HelpDeskWebAutoConfiguration.class));

  @Test
  void withTheStartersDeskTheApiIsServed() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(TicketEndpoints.class);
          assertThat(context).hasSingleBean(StaffEndpoints.class);
          assertThat(context).hasSingleBean(DefaultActorResolver.class);
          assertThat(context).hasSingleBean(WidgetAssets.class);
          assertThat(context).hasBean("helpDeskSecurityFilterChain");
          assertThat(context).hasBean("helpDeskAssetsFilterChain");
        });
  }

  @Test
  void enabledFalseServesNothing() {
    runner
        .withPropertyValues("helpdesk.web.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(TicketEndpoints.class);
              assertThat(context).doesNotHaveBean(WidgetAssets.class);
              assertThat(context).doesNotHaveBean("helpDeskSecurityFilterChain");
              assertThat(context).doesNotHaveBean("helpDeskAssetsFilterChain");
            });
  }

  @Test
  void withoutADeskThereIsNoApi() {
    runner
        .withPropertyValues("helpdesk.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(TicketEndpoints.class));
  }

  @Test
  void theApplicationsOwnResolverAndChainReplaceTheModules() {
    ActorResolver everyoneIsAgentOne = authentication -> Optional.of(Actor.agent("agent-1"));
    runner
        .withBean(ActorResolver.class, () -> everyoneIsAgentOne)
        .withBean(
            "helpDeskSecurityFilterChain",
            SecurityFilterChain.class,
            () -> new org.springframework.security.web.DefaultSecurityFilterChain(r -> false))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(ActorResolver.class)).isSameAs(everyoneIsAgentOne);
              assertThat(context).doesNotHaveBean(DefaultActorResolver.class);
              // The application's chain in place of the desk's; the widget's files stay open.
              assertThat(context.getBeansOfType(SecurityFilterChain.class))
                  .containsOnlyKeys("helpDeskSecurityFilterChain", "helpDeskAssetsFilterChain");
              assertThat(
                      context
                          .getBean("helpDeskSecurityFilterChain", SecurityFilterChain.class)
                          .getFilters())
                  .isEmpty();
            });
  }

  @Test
  void aWrongSettingStopsTheStartNamingTheProperty() {
    runner
        .withPropertyValues("helpdesk.web.base-path=helpdesk/")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("helpdesk.web.base-path"));
    runner
        .withPropertyValues("helpdesk.web.streams.total=0")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("helpdesk.web.streams.total"));
    runner
        .withPropertyValues("helpdesk.web.ticket-creation.period=0s")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("helpdesk.web.ticket-creation.period"));
  }
}
