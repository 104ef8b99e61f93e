package dev.helpdesk.spring;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.spring.HelpDeskAutoConfiguration.DeskStorage;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The desk's health indicator ({@code helpDesk} in {@code /actuator/health}) and Micrometer meters,
 * when the application has Spring Boot's health support and Micrometer.
 */
@AutoConfiguration(after = HelpDeskAutoConfiguration.class)
@ConditionalOnBean(HelpDesk.class)
public class HelpDeskActuatorAutoConfiguration {

  /** Created by Spring Boot. */
  HelpDeskActuatorAutoConfiguration() {}

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  static class HealthConfiguration {

    @Bean
    @ConditionalOnEnabledHealthIndicator("helpdesk")
    @ConditionalOnMissingBean(name = "helpDeskHealthIndicator")
    HelpDeskHealthIndicator helpDeskHealthIndicator(
        HelpDesk desk, DeskStorage storage, ObjectProvider<HelpDeskJobs> jobs) {
      return new HelpDeskHealthIndicator(
          desk, storage.outbox(), Optional.ofNullable(jobs.getIfAvailable()));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  static class MetricsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    HelpDeskMeters helpDeskMeters(ObjectProvider<HelpDesk> desk, DeskStorage storage) {
      return new HelpDeskMeters(desk, storage.outbox());
    }
  }
}
