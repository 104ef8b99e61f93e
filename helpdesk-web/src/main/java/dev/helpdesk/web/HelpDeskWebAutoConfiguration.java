package dev.helpdesk.web;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.spring.HelpDeskAutoConfiguration;
import jakarta.servlet.ServletContext;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Serves the desk's HTTP API under {@code helpdesk.web.base-path} (default {@code /helpdesk}) in a
 * Spring MVC application with Spring Security, once the starter has built the desk. Every bean
 * backs off when the application declares its own; {@code helpdesk.web.enabled=false} turns the
 * module off.
 *
 * <p>Its filter chain matches the base path only, so the application's own chains keep ruling every
 * other path; under the base path every request must be authenticated by the application's login
 * (its session, or what a {@link HelpDeskWebSecurityCustomizer} adds), except reading the customer
 * widget's static files under {@code <base-path>/assets/}.
 */
@AutoConfiguration(
    after = HelpDeskAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
      "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration"
    })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, SecurityFilterChain.class})
@ConditionalOnBooleanProperty(name = "helpdesk.web.enabled", matchIfMissing = true)
@ConditionalOnBean(HelpDesk.class)
@EnableConfigurationProperties(HelpDeskWebProperties.class)
public class HelpDeskWebAutoConfiguration {

  /** The order of the desk's filter chain: before the application's catch-all chains. */
  public static final int SECURITY_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

  private static final Pattern BASE_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

  /** Created by Spring Boot. */
  HelpDeskWebAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean
  ActorResolver helpDeskActorResolver(HelpDesk desk, HelpDeskWebProperties properties) {
    String authority = properties.getAgentAuthority();
    if (authority == null || authority.isBlank()) {
      throw invalid("helpdesk.web.agent-authority", authority, "must name an authority");
    }
    return new DefaultActorResolver(desk, authority);
  }

  @Bean
  @ConditionalOnMissingBean
  DeskCalls helpDeskWebCalls(
      HelpDesk desk,
      ActorResolver actors,
      HelpDeskWebProperties properties,
      ObjectProvider<PlatformTransactionManager> transactions,
      ObjectProvider<ServletContext> servlet) {
    PlatformTransactionManager manager = transactions.getIfUnique();
    TransactionOperations tx =
        manager == null
            ? TransactionOperations.withoutTransaction()
            : new TransactionTemplate(manager);
    String context = servlet.getIfAvailable() == null ? "" : servlet.getObject().getContextPath();
    return new DeskCalls(desk, actors, tx, context + basePath(properties) + "/api");
  }

  @Bean
  @ConditionalOnMissingBean
  CreationLimiter helpDeskCreationLimiter(HelpDesk desk, HelpDeskWebProperties properties) {
    HelpDeskWebProperties.TicketCreation limit = properties.getTicketCreation();
    positive("helpdesk.web.ticket-creation.limit", limit.getLimit());
    positive("helpdesk.web.ticket-creation.period", limit.getPeriod());
    return new CreationLimiter(limit.getLimit(), limit.getPeriod(), desk.clock());
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  LiveStreams helpDeskLiveStreams(HelpDeskWebProperties properties) {
    HelpDeskWebProperties.Streams s = properties.getStreams();
    positive("helpdesk.web.streams.per-principal", s.getPerPrincipal());
    positive("helpdesk.web.streams.total", s.getTotal());
    positive("helpdesk.web.streams.timeout", s.getTimeout());
    positive("helpdesk.web.streams.heartbeat", s.getHeartbeat());
    return new LiveStreams(s.getPerPrincipal(), s.getTotal(), s.getTimeout(), s.getHeartbeat());
  }

  @Bean
  @ConditionalOnMissingBean
  TicketEndpoints helpDeskTicketEndpoints(
      DeskCalls calls, CreationLimiter limiter, LiveStreams streams) {
    return new TicketEndpoints(calls, limiter, streams);
  }

  @Bean
  @ConditionalOnMissingBean
  StaffEndpoints helpDeskStaffEndpoints(DeskCalls calls, LiveStreams streams) {
    return new StaffEndpoints(calls, streams);
  }

  @Bean
  @ConditionalOnMissingBean
  OpenApiEndpoint helpDeskOpenApiEndpoint(HelpDeskWebProperties properties) {
    return new OpenApiEndpoint(basePath(properties));
  }

  @Bean
  @ConditionalOnMissingBean
  WidgetAssets helpDeskWidgetAssets(HelpDeskWebProperties properties) {
    return new WidgetAssets(basePath(properties));
  }

  @Bean
  @ConditionalOnMissingBean
  Problems helpDeskProblems() {
    return new Problems();
  }

  @Bean
  @Order(SECURITY_ORDER)
  @ConditionalOnMissingBean(name = "helpDeskSecurityFilterChain")
  SecurityFilterChain helpDeskSecurityFilterChain(
      HttpSecurity http,
      HelpDeskWebProperties properties,
      ObjectProvider<HelpDeskWebSecurityCustomizer> customizers)
      throws Exception {
    SecurityProblems problems = new SecurityProblems();
    http.securityMatcher(basePath(properties) + "/**")
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        // Cookie sessions need CSRF protection: the token travels in a cookie the page's script
        // reads (XSRF-TOKEN) and comes back in a header (X-XSRF-TOKEN).
        .csrf(csrf -> csrf.spa())
        .addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class)
        // An API answers 401 rather than redirecting to a login page it does not know.
        .requestCache(cache -> cache.disable())
        .exceptionHandling(
            errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems));
    for (HelpDeskWebSecurityCustomizer customizer : customizers.orderedStream().toList()) {
      customizer.customize(http);
    }
    return http.build();
  }

  /**
   * The widget's static files hold no data, so a host page may load them before its login: this
   * chain, ahead of the desk's, lets anyone GET {@code <base-path>/assets/**} and nothing else. It
   * keeps no session and writes no cookie (not even the CSRF one the desk's chain writes on every
   * answer), so caches may share the files.
   */
  @Bean
  @Order(SECURITY_ORDER - 1)
  @ConditionalOnMissingBean(name = "helpDeskAssetsFilterChain")
  SecurityFilterChain helpDeskAssetsFilterChain(HttpSecurity http, HelpDeskWebProperties properties)
      throws Exception {
    return http.securityMatcher(
            PathPatternRequestMatcher.withDefaults()
                .matcher(HttpMethod.GET, WidgetAssets.pattern(basePath(properties))))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  /** Spring Security's filter chain, when the application has not switched it on itself. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(name = "springSecurityFilterChain")
  @EnableWebSecurity
  static class WebSecurityEnabler {}

  static String basePath(HelpDeskWebProperties properties) {
    String path = properties.getBasePath();
    if (path == null || !BASE_PATH.matcher(path).matches()) {
      throw invalid(
          "helpdesk.web.base-path",
          path,
          "must be a path such as /helpdesk: segments of letters, digits, '.', '_', '~' or '-',"
              + " with no trailing '/'");
    }
    return path;
  }

  private static void positive(String property, int value) {
    if (value < 1) {
      throw invalid(property, value, "must be at least 1");
    }
  }

  private static void positive(String property, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw invalid(property, value, "must be a positive duration");
    }
  }

  private static InvalidConfigurationPropertyValueException invalid(
      String property, Object value, String reason) {
    return new InvalidConfigurationPropertyValueException(
        property, value == null ? "(not set)" : value, reason);
  }
}
