package dev.helpdesk.web;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * The application's word on the security of the desk's paths: declare beans of this type to add a
 * login mechanism the API should accept (HTTP Basic, a bearer token), open a path, or change CSRF
 * handling. They run in their {@code Ordered} order after the module configured its filter chain
 * (only the base path, every request authenticated, CSRF tokens in a cookie, problem answers for
 * 401 and 403) and before it is built.
 */
@FunctionalInterface
public interface HelpDeskWebSecurityCustomizer {

  /** Changes the desk's filter chain, which matches the base path only. */
  void customize(HttpSecurity http) throws Exception;
}
