package dev.helpdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.testing.SettableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CreationLimiterTest {

  final SettableClock clock = SettableClock.at("2026-03-02T09:00:00Z");
  final CreationLimiter limiter = new CreationLimiter(2, Duration.ofMinutes(10), clock);

  @Test
  void theWindowSlides() {
    assertThat(limiter.tryAcquire("ana")).isEmpty();
    clock.advance(Duration.ofMinutes(4));
    assertThat(limiter.tryAcquire("ana")).isEmpty();
    // Full: the oldest creation leaves the window six minutes from now.
    assertThat(limiter.tryAcquire("ana")).contains(Duration.ofMinutes(6));
    assertThat(limiter.tryAcquire("ben")).isEmpty();
    clock.advance(Duration.ofMinutes(6));
    assertThat(limiter.tryAcquire("ana")).isEmpty();
    assertThat(limiter.tryAcquire("ana")).contains(Duration.ofMinutes(4));
  }

  @Test
  void aCreationTheDeskRefusedIsGivenBack() {
    assertThat(limiter.tryAcquire("ana")).isEmpty();
    assertThat(limiter.tryAcquire("ana")).isEmpty();
    limiter.release("ana");
    assertThat(limiter.tryAcquire("ana")).isEmpty();
    assertThat(limiter.tryAcquire("ana")).isPresent();
  }

  @Test
  void retryAfterIsInWholeSecondsRoundedUp() {
    assertThat(WebRefusal.seconds(Duration.ofMillis(1500))).isEqualTo(2);
    assertThat(WebRefusal.seconds(Duration.ZERO)).isEqualTo(1);
    assertThat(WebRefusal.seconds(Duration.ofMinutes(10))).isEqualTo(600);
  }

  @Test
  void ifMatchComparesStrongTagsOnly() {
    assertThat(ETags.matches("\"3\"", 3)).isTrue();
    assertThat(ETags.matches("\"2\", \"3\"", 3)).isTrue();
    assertThat(ETags.matches("*", 3)).isTrue();
    assertThat(ETags.matches("W/\"3\"", 3)).isFalse();
    assertThat(ETags.matches("\"2\"", 3)).isFalse();
    assertThat(ETags.matches("3", 3)).isFalse();
  }
}
