package dev.helpdesk.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * The filter chain's refusals as problems, like the API's own: 401 {@code unauthenticated}, 403
 * {@code csrf} for a missing or forged CSRF token, 403 {@code forbidden} otherwise. Written by
 * hand: the filter chain runs before Spring MVC and its message converters.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    write(
        response,
        request,
        HttpStatus.UNAUTHORIZED,
        "unauthenticated",
        "sign in to the application first");
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    if (e instanceof CsrfException) {
      write(
          response,
          request,
          HttpStatus.FORBIDDEN,
          "csrf",
          "the request lacks the CSRF token of the XSRF-TOKEN cookie in its X-XSRF-TOKEN header");
    } else {
      write(response, request, HttpStatus.FORBIDDEN, "forbidden", "access denied");
    }
  }

  private static void write(
      HttpServletResponse response,
      HttpServletRequest request,
      HttpStatus status,
      String code,
      String detail)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response
        .getWriter()
        .write(
            "{\"type\":\"about:blank\",\"title\":\""
                + json(status.getReasonPhrase())
                + "\",\"status\":"
                + status.value()
                + ",\"detail\":\""
                + json(detail)
                + "\",\"instance\":\""
                + json(request.getRequestURI())
                + "\",\"code\":\""
                + code
                + "\"}");
  }

  /** Escapes a string for a JSON string literal. */
  static String json(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
