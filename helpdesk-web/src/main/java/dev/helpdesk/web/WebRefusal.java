package dev.helpdesk.web;

import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * A refusal of the web layer itself (not of the desk): a stale {@code If-Match}, a rate limit, a
 * stream bound, a user without a desk identity. Answered as a problem with its status and code.
 */
final class WebRefusal extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final transient Optional<Duration> retryAfter;

  WebRefusal(HttpStatus status, String code, String detail, Optional<Duration> retryAfter) {
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }

  static WebRefusal stale(long current) {
    return new WebRefusal(
        HttpStatus.PRECONDITION_FAILED,
        "stale-version",
        "the ticket is at version " + current + ", not the one If-Match names; reload it",
        Optional.empty());
  }

  static WebRefusal noIdentity() {
    return new WebRefusal(
        HttpStatus.FORBIDDEN,
        "no-desk-identity",
        "the signed-in user is neither a customer nor an agent of the desk",
        Optional.empty());
  }

  static WebRefusal rateLimited(Duration retryAfter) {
    return new WebRefusal(
        HttpStatus.TOO_MANY_REQUESTS,
        "rate-limited",
        "too many tickets raised; try again in " + seconds(retryAfter) + " s",
        Optional.of(retryAfter));
  }

  static WebRefusal tooManyStreams(String which, Duration retryAfter) {
    return new WebRefusal(
        HttpStatus.TOO_MANY_REQUESTS,
        "too-many-streams",
        "too many live streams open " + which + "; close one or try again later",
        Optional.of(retryAfter));
  }

  static WebRefusal shuttingDown() {
    return new WebRefusal(
        HttpStatus.SERVICE_UNAVAILABLE,
        "shutting-down",
        "this server is shutting down; open the stream again on another",
        Optional.of(Duration.ofSeconds(1)));
  }

  HttpStatus status() {
    return status;
  }

  String code() {
    return code;
  }

  Optional<Duration> retryAfter() {
    return retryAfter;
  }

  /** Whole seconds, rounded up, at least one: the value of a Retry-After header. */
  static long seconds(Duration d) {
    long s = d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
    return Math.max(1, s);
  }
}
