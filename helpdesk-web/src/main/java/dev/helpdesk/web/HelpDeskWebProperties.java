package dev.helpdesk.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The web module's settings under {@code helpdesk.web.*}. Every one has a working default; a wrong
 * value stops the application at start-up with the property's name.
 */
@ConfigurationProperties(prefix = "helpdesk.web")
public class HelpDeskWebProperties {

  /** Whether to serve the desk's HTTP API at all. */
  private boolean enabled = true;

  /** The path under which the API, its streams and its OpenAPI document are served. */
  private String basePath = "/helpdesk";

  /** The authority that makes an authenticated user an agent; everyone else is a customer. */
  private String agentAuthority = "ROLE_HELPDESK_AGENT";

  private final TicketCreation ticketCreation = new TicketCreation();
  private final Streams streams = new Streams();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getBasePath() {
    return basePath;
  }

  public void setBasePath(String basePath) {
    this.basePath = basePath;
  }

  public String getAgentAuthority() {
    return agentAuthority;
  }

  public void setAgentAuthority(String agentAuthority) {
    this.agentAuthority = agentAuthority;
  }

  public TicketCreation getTicketCreation() {
    return ticketCreation;
  }

  public Streams getStreams() {
    return streams;
  }

  /** How many tickets one principal may open in a sliding window. */
  public static class TicketCreation {

    /** The most tickets one principal may open within {@code period}. */
    private int limit = 10;

    /** The sliding window the limit counts in. */
    private Duration period = Duration.ofHours(1);

    public int getLimit() {
      return limit;
    }

    public void setLimit(int limit) {
      this.limit = limit;
    }

    public Duration getPeriod() {
      return period;
    }

    public void setPeriod(Duration period) {
      this.period = period;
    }
  }

  /** Live update streams (Server-Sent Events). */
  public static class Streams {

    /** The most streams one principal may hold open at once. */
    private int perPrincipal = 4;

    /** The most streams this instance holds open at once, for all principals together. */
    private int total = 500;

    /** How long a stream stays open; the browser's EventSource reconnects after it ends. */
    private Duration timeout = Duration.ofMinutes(30);

    /** How often an idle stream sends a comment line, so proxies keep it and dead peers show. */
    private Duration heartbeat = Duration.ofSeconds(20);

    public int getPerPrincipal() {
      return perPrincipal;
    }

    public void setPerPrincipal(int perPrincipal) {
      this.perPrincipal = perPrincipal;
    }

    public int getTotal() {
      return total;
    }

    public void setTotal(int total) {
      this.total = total;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    public Duration getHeartbeat() {
      return heartbeat;
    }

    public void setHeartbeat(Duration heartbeat) {
      this.heartbeat = heartbeat;
    }
  }
}
