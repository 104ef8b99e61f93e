package dev.helpdesk.spring;

import dev.helpdesk.mail.MailSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The desk's settings under {@code helpdesk.*}. Every one has a working default; a desk needs none
 * of them, mail needs {@code helpdesk.mail.host}, {@code helpdesk.mail.from} and {@code
 * helpdesk.mail.ticket-link}. Values are checked when the application starts, and a wrong one stops
 * it with a message that names the property.
 */
@ConfigurationProperties(prefix = "helpdesk")
public class HelpDeskProperties {

  /** Whether to configure a desk at all. */
  private boolean enabled = true;

  /** The prefix of ticket keys such as HD-1000. */
  private String ticketKeyPrefix = "HD";

  /** How long a solved ticket waits before the close sweep closes it; empty: the desk's default. */
  private Duration closeSolvedAfter;

  /**
   * After how many months the personal data of CLOSED tickets is erased (the retention job); empty:
   * never, the desk's default.
   */
  private Integer closedTicketRetentionMonths;

  private final Schema schema = new Schema();
  private final Jobs jobs = new Jobs();
  private final Mail mail = new Mail();
  private final Sla sla = new Sla();
  private final Live live = new Live();
  private final Outbox outbox = new Outbox();
  private final Roles roles = new Roles();
  private final Attachments attachments = new Attachments();
  private final Assignment assignment = new Assignment();
  private final Notifications notifications = new Notifications();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getTicketKeyPrefix() {
    return ticketKeyPrefix;
  }

  public void setTicketKeyPrefix(String ticketKeyPrefix) {
    this.ticketKeyPrefix = ticketKeyPrefix;
  }

  public Duration getCloseSolvedAfter() {
    return closeSolvedAfter;
  }

  public void setCloseSolvedAfter(Duration closeSolvedAfter) {
    this.closeSolvedAfter = closeSolvedAfter;
  }

  public Integer getClosedTicketRetentionMonths() {
    return closedTicketRetentionMonths;
  }

  public void setClosedTicketRetentionMonths(Integer months) {
    this.closedTicketRetentionMonths = months;
  }

  public Schema getSchema() {
    return schema;
  }

  public Jobs getJobs() {
    return jobs;
  }

  public Mail getMail() {
    return mail;
  }

  public Attachments getAttachments() {
    return attachments;
  }

  public Sla getSla() {
    return sla;
  }

  public Live getLive() {
    return live;
  }

  /**
   * Live updates and the assignment roster across the application's instances: how each instance
   * hears of the changes the others store.
   */
  public static class Live {

    /**
     * How instances hear of each other's changes: AUTO (PostgreSQL LISTEN/NOTIFY on PostgreSQL,
     * polling on other databases, none without a database), POSTGRESQL, POLLING, or NONE (a single
     * instance).
     */
    private Relay relay = Relay.AUTO;

    /** How often the polling relay reads the changes of the last moments. */
    private Duration pollInterval = Duration.ofMillis(250);

    public Relay getRelay() {
      return relay;
    }

    public void setRelay(Relay relay) {
      this.relay = relay;
    }

    public Duration getPollInterval() {
      return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
    }
  }

  /** The change relays {@code helpdesk.live.relay} chooses from. */
  public enum Relay {
    /** PostgreSQL LISTEN/NOTIFY on PostgreSQL, polling on other databases, none in memory. */
    AUTO,
    /** PostgreSQL LISTEN/NOTIFY. */
    POSTGRESQL,
    /** Polling the event table. */
    POLLING,
    /** None: this instance sees its own changes only. */
    NONE
  }

  public Outbox getOutbox() {
    return outbox;
  }

  public Roles getRoles() {
    return roles;
  }

  public Assignment getAssignment() {
    return assignment;
  }

  /**
   * Assignment rules set by properties; they apply to the desk's assignment policy (an {@code
   * AssignmentPolicy} bean, one built around an {@code AssignmentStrategy} bean, or by hand only).
   */
  public static class Assignment {

    /**
     * Business time (the SLA calendar; every hour without SLAs) an assigned NEW or OPEN ticket may
     * wait for its agent's first public reply before the no-reply rule moves it to another agent,
     * or escalates it (the escalation job); empty: no rule, or the policy bean's own.
     */
    private Duration noReplyWithin;

    /**
     * How many times the no-reply rule moves an unanswered ticket to another agent before it
     * escalates it to the supervisor group; 0 escalates at once. Needs
     * helpdesk.assignment.no-reply-within.
     */
    private int noReplyReassignments = 0;

    public Duration getNoReplyWithin() {
      return noReplyWithin;
    }

    public void setNoReplyWithin(Duration noReplyWithin) {
      this.noReplyWithin = noReplyWithin;
    }

    public int getNoReplyReassignments() {
      return noReplyReassignments;
    }

    public void setNoReplyReassignments(int noReplyReassignments) {
      this.noReplyReassignments = noReplyReassignments;
    }
  }

  public Notifications getNotifications() {
    return notifications;
  }

  /**
   * Which rules of the notification table send (each on by default) and how long a notification
   * waits to be merged with later ones for the same person and ticket; see docs/notifications.md.
   */
  public static class Notifications {

    /**
     * How long a notification waits for later changes of the same ticket for the same recipient,
     * which then go out in the same mail; zero sends at once. At most one hour.
     */
    private Duration coalescingWindow = Duration.ofMinutes(1);

    /** Tells the customer: we received your request. */
    private final Rule customerReceived = new Rule();

    /** Tells the customer: an agent's public reply. */
    private final Rule customerAgentReply = new Rule();

    /** Tells the customer: the ticket is waiting for their reply, or solved. */
    private final Rule customerPendingSolved = new Rule();

    /** Tells the customer: a reminder that a pending ticket still waits for them. */
    private final Rule customerPendingReminder = new Rule();

    /** Tells the customer of a merged duplicate: where the conversation goes on. */
    private final Rule customerMerged = new Rule();

    /** Tells the agent assigned, unless they took the ticket themselves. */
    private final Rule assigneeAssigned = new Rule();

    /** Tells the assignee: the customer's public reply. */
    private final Rule assigneeCustomerReply = new Rule();

    /** Tells the assignee: a solved ticket was opened again. */
    private final Rule assigneeReopened = new Rule();

    /** Tells the agent who had the ticket: the customer rated it bad. */
    private final Rule assigneeBadRating = new Rule();

    /** Tells the assignee: the priority changed. */
    private final Rule assigneePriority = new Rule();

    /** Tells the assignee: the ticket was routed to another group. */
    private final Rule assigneeGroup = new Rule();

    /** Tells every agent of the ticket's group: a ticket without an assignee arrived in it. */
    private final Rule groupUnassigned = new Rule();

    public Duration getCoalescingWindow() {
      return coalescingWindow;
    }

    public void setCoalescingWindow(Duration coalescingWindow) {
      this.coalescingWindow = coalescingWindow;
    }

    public Rule getCustomerReceived() {
      return customerReceived;
    }

    public Rule getCustomerAgentReply() {
      return customerAgentReply;
    }

    public Rule getCustomerPendingSolved() {
      return customerPendingSolved;
    }

    public Rule getCustomerPendingReminder() {
      return customerPendingReminder;
    }

    public Rule getCustomerMerged() {
      return customerMerged;
    }

    public Rule getAssigneeAssigned() {
      return assigneeAssigned;
    }

    public Rule getAssigneeCustomerReply() {
      return assigneeCustomerReply;
    }

    public Rule getAssigneeReopened() {
      return assigneeReopened;
    }

    public Rule getAssigneeBadRating() {
      return assigneeBadRating;
    }

    public Rule getAssigneePriority() {
      return assigneePriority;
    }

    public Rule getAssigneeGroup() {
      return assigneeGroup;
    }

    public Rule getGroupUnassigned() {
      return groupUnassigned;
    }

    /** Each rule by its name in the core's table ({@code NotificationRule.name()}). */
    java.util.Map<String, Rule> byName() {
      return java.util.Map.ofEntries(
          java.util.Map.entry("customer-received", customerReceived),
          java.util.Map.entry("customer-agent-reply", customerAgentReply),
          java.util.Map.entry("customer-pending-solved", customerPendingSolved),
          java.util.Map.entry("customer-pending-reminder", customerPendingReminder),
          java.util.Map.entry("customer-merged", customerMerged),
          java.util.Map.entry("assignee-assigned", assigneeAssigned),
          java.util.Map.entry("assignee-customer-reply", assigneeCustomerReply),
          java.util.Map.entry("assignee-reopened", assigneeReopened),
          java.util.Map.entry("assignee-bad-rating", assigneeBadRating),
          java.util.Map.entry("assignee-priority", assigneePriority),
          java.util.Map.entry("assignee-group", assigneeGroup),
          java.util.Map.entry("group-unassigned", groupUnassigned));
    }
  }

  /** One rule of the notification table. */
  public static class Rule {

    /** Whether this rule sends its notifications. */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** What agents and customers may do and see beyond their own tickets; see docs/roles.md. */
  public static class Roles {

    /**
     * Whether assigning over capacity, escalating, merging, saving agents and customers, setting
     * another agent's availability, reading metrics and the staff audit, and redelivering dead
     * letters are for supervisors (and system actors) only.
     */
    private boolean enforceSupervisorRole;

    /**
     * Whether an agent who is no supervisor sees and works only the tickets of their groups and
     * those assigned to them.
     */
    private boolean agentsSeeOwnGroups;

    /** Whether a customer also reads, finds and follows the tickets of their organisation. */
    private boolean customersSeeOrganisation;

    public boolean isEnforceSupervisorRole() {
      return enforceSupervisorRole;
    }

    public void setEnforceSupervisorRole(boolean enforceSupervisorRole) {
      this.enforceSupervisorRole = enforceSupervisorRole;
    }

    public boolean isAgentsSeeOwnGroups() {
      return agentsSeeOwnGroups;
    }

    public void setAgentsSeeOwnGroups(boolean agentsSeeOwnGroups) {
      this.agentsSeeOwnGroups = agentsSeeOwnGroups;
    }

    public boolean isCustomersSeeOrganisation() {
      return customersSeeOrganisation;
    }

    public void setCustomersSeeOrganisation(boolean customersSeeOrganisation) {
      this.customersSeeOrganisation = customersSeeOrganisation;
    }
  }

  /** How the desk delivers the notifications waiting in its outbox. */
  public static class Outbox {

    /** How many due notifications one dispatch pass claims at a time. */
    private int batchSize = 100;

    /**
     * How long a claimed notification is held for the dispatcher that claimed it; after that (say
     * the instance died mid-batch) another instance may send it.
     */
    private Duration lease = Duration.ofMinutes(5);

    /**
     * How many deliveries are acknowledged together at most: what a dispatcher killed mid-batch may
     * send twice.
     */
    private int ackMaxMessages = 10;

    /** How long the first delivery of an acknowledgement group may wait for the others. */
    private Duration ackMaxDelay = Duration.ofMillis(500);

    public int getBatchSize() {
      return batchSize;
    }

    public void setBatchSize(int batchSize) {
      this.batchSize = batchSize;
    }

    public Duration getLease() {
      return lease;
    }

    public void setLease(Duration lease) {
      this.lease = lease;
    }

    public int getAckMaxMessages() {
      return ackMaxMessages;
    }

    public void setAckMaxMessages(int ackMaxMessages) {
      this.ackMaxMessages = ackMaxMessages;
    }

    public Duration getAckMaxDelay() {
      return ackMaxDelay;
    }

    public void setAckMaxDelay(Duration ackMaxDelay) {
      this.ackMaxDelay = ackMaxDelay;
    }
  }

  /** The desk's tables on the application's database. */
  public static class Schema {

    /** Whether to create and upgrade the desk's tables at start-up with Flyway. */
    private boolean migrate = true;

    /**
     * The table in which Flyway records the desk's migrations, apart from the application's own
     * history table.
     */
    private String historyTable = "helpdesk_schema_history";

    public boolean isMigrate() {
      return migrate;
    }

    public void setMigrate(boolean migrate) {
      this.migrate = migrate;
    }

    public String getHistoryTable() {
      return historyTable;
    }

    public void setHistoryTable(String historyTable) {
      this.historyTable = historyTable;
    }
  }

  /** The desk's scheduled work, each job with its own interval, safe on several instances. */
  public static class Jobs {

    /** Whether to run the desk's jobs in this instance at all. */
    private boolean enabled = true;

    /** Delivering due notifications. */
    private final Job dispatch = new Job(Duration.ofSeconds(5));

    /** Recording SLA warnings and breaches as they fall due (with SLA policies only). */
    private final Job slaMonitor = new Job(Duration.ofSeconds(10));

    /** Assigning queued tickets to agents with free capacity. */
    private final Job queue = new Job(Duration.ofSeconds(30));

    /** Escalating tickets no agent replied to in time. */
    private final Job escalation = new Job(Duration.ofMinutes(5));

    /** Closing tickets solved long enough ago. */
    private final Job closeSweep = new Job(Duration.ofMinutes(15));

    /**
     * Reminding the customers of tickets waiting in PENDING and solving those that waited long
     * enough (with a pending follow-up configured only; none is by default).
     */
    private final Job pendingFollowUp = new Job(Duration.ofMinutes(5));

    /**
     * Erasing the personal data of tickets closed longer ago than the retention (with
     * helpdesk.closed-ticket-retention-months only).
     */
    private final Job retention = new Job(Duration.ofHours(1));

    /** Reading the support mailbox (with helpdesk.mail.imap.host only). */
    private final Job mailPoll = new Job(Duration.ofSeconds(30));

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Job getDispatch() {
      return dispatch;
    }

    public Job getSlaMonitor() {
      return slaMonitor;
    }

    public Job getQueue() {
      return queue;
    }

    public Job getEscalation() {
      return escalation;
    }

    public Job getCloseSweep() {
      return closeSweep;
    }

    public Job getPendingFollowUp() {
      return pendingFollowUp;
    }

    public Job getRetention() {
      return retention;
    }

    public Job getMailPoll() {
      return mailPoll;
    }
  }

  /** One scheduled job. */
  public static class Job {

    /** Whether the job runs. */
    private boolean enabled = true;

    /** The pause between the end of one run and the start of the next. */
    private Duration interval;

    public Job() {}

    Job(Duration interval) {
      this.interval = interval;
    }

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getInterval() {
      return interval;
    }

    public void setInterval(Duration interval) {
      this.interval = interval;
    }
  }

  /** Where attachment bytes are kept. */
  public static class Attachments {

    /**
     * A directory to keep attachment bytes in, one file each (FileSystemAttachments); empty: the
     * desk's store keeps them (the database with JPA, else memory). Ignored when the application
     * declares its own AttachmentStore bean.
     */
    private Path directory;

    /** The largest file the directory store accepts. */
    private DataSize maxFileSize = DataSize.ofMegabytes(10);

    public Path getDirectory() {
      return directory;
    }

    public void setDirectory(Path directory) {
      this.directory = directory;
    }

    public DataSize getMaxFileSize() {
      return maxFileSize;
    }

    public void setMaxFileSize(DataSize maxFileSize) {
      this.maxFileSize = maxFileSize;
    }
  }

  /** Mail: notifications by SMTP, and replies read from IMAP when an IMAP host is set. */
  public static class Mail {

    /** The SMTP host; mail is off until it is set. */
    private String host;

    /** The SMTP port. */
    private int port = 587;

    /** How the SMTP connection is protected; NONE only for a relay on the same host. */
    private MailSettings.Security security = MailSettings.Security.STARTTLS;

    /** The SMTP login, if the server wants one. */
    private String username;

    /** The SMTP password, with the username. */
    private String password;

    /** The address mail is from. */
    private String from;

    /** The display name of the from address. */
    private String fromName = "Support";

    /** Where replies go: the support mailbox the IMAP poll reads; default: the from address. */
    private String replyTo;

    /** The domain of the desk's Message-IDs; default: the domain of the from address. */
    private String messageIdDomain;

    /** A link to a ticket in the customer's pages, with {key} or {id} replaced. */
    private String ticketLink;

    /** A link to a ticket in the agents' console, with {key} or {id} replaced. */
    private String agentTicketLink;

    /** A link to rate a solved ticket, with {key} or {id} replaced; empty: no survey. */
    private String satisfactionLink;

    /**
     * The most a reply's files may add up to for its mail to carry them; over it the mail lists
     * them (linked through attachment-link, if set) instead. 0B: never attach.
     */
    private DataSize attachmentLimit = DataSize.ofMegabytes(10);

    /**
     * A link to one file of a reply, for files a mail does not carry: with {id} or {key}, and
     * {message} with {index} (helpdesk-web's
     * /api/tickets/{id}/messages/{message}/attachments/{index}) or {ref}; empty: such files are
     * named, and the mail points to the ticket's page.
     */
    private String attachmentLink;

    /** The language mails are written in. */
    private Locale locale = Locale.ENGLISH;

    /** The time zone in which mails show times. */
    private ZoneId zone = ZoneId.of("UTC");

    private final Imap imap = new Imap();

    public String getHost() {
      return host;
    }

    public void setHost(String host) {
      this.host = host;
    }

    public int getPort() {
      return port;
    }

    public void setPort(int port) {
      this.port = port;
    }

    public MailSettings.Security getSecurity() {
      return security;
    }

    public void setSecurity(MailSettings.Security security) {
      this.security = security;
    }

    public String getUsername() {
      return username;
    }

    public void setUsername(String username) {
      this.username = username;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }

    public String getFrom() {
      return from;
    }

    public void setFrom(String from) {
      this.from = from;
    }

    public String getFromName() {
      return fromName;
    }

    public void setFromName(String fromName) {
      this.fromName = fromName;
    }

    public String getReplyTo() {
      return replyTo;
    }

    public void setReplyTo(String replyTo) {
      this.replyTo = replyTo;
    }

    public String getMessageIdDomain() {
      return messageIdDomain;
    }

    public void setMessageIdDomain(String messageIdDomain) {
      this.messageIdDomain = messageIdDomain;
    }

    public String getTicketLink() {
      return ticketLink;
    }

    public void setTicketLink(String ticketLink) {
      this.ticketLink = ticketLink;
    }

    public String getAgentTicketLink() {
      return agentTicketLink;
    }

    public void setAgentTicketLink(String agentTicketLink) {
      this.agentTicketLink = agentTicketLink;
    }

    public DataSize getAttachmentLimit() {
      return attachmentLimit;
    }

    public void setAttachmentLimit(DataSize attachmentLimit) {
      this.attachmentLimit = attachmentLimit;
    }

    public String getAttachmentLink() {
      return attachmentLink;
    }

    public void setAttachmentLink(String attachmentLink) {
      this.attachmentLink = attachmentLink;
    }

    public String getSatisfactionLink() {
      return satisfactionLink;
    }

    public void setSatisfactionLink(String satisfactionLink) {
      this.satisfactionLink = satisfactionLink;
    }

    public Locale getLocale() {
      return locale;
    }

    public void setLocale(Locale locale) {
      this.locale = locale;
    }

    public ZoneId getZone() {
      return zone;
    }

    public void setZone(ZoneId zone) {
      this.zone = zone;
    }

    public Imap getImap() {
      return imap;
    }
  }

  /** The support mailbox that customers' replies arrive in. */
  public static class Imap {

    /** The IMAP host; reading mail is off until it is set. */
    private String host;

    /** The IMAP port. */
    private int port = 993;

    /** The mailbox login. */
    private String username;

    /** The mailbox password. */
    private String password;

    /** Whether the connection is TLS from the first byte (false only for a local test server). */
    private boolean ssl = true;

    /**
     * How long one instance holds the mailbox's lease without renewing it: while it polls, the
     * other instances skip their polls; after a crash, they wait this long before taking over.
     */
    private Duration lease = Duration.ofMinutes(5);

    /**
     * The name this instance holds the mailbox's lease by, unique among the instances; default the
     * host name, the process id and a random suffix.
     */
    private String owner;

    public String getHost() {
      return host;
    }

    public void setHost(String host) {
      this.host = host;
    }

    public int getPort() {
      return port;
    }

    public void setPort(int port) {
      this.port = port;
    }

    public String getUsername() {
      return username;
    }

    public void setUsername(String username) {
      this.username = username;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }

    public boolean isSsl() {
      return ssl;
    }

    public void setSsl(boolean ssl) {
      this.ssl = ssl;
    }

    public Duration getLease() {
      return lease;
    }

    public void setLease(Duration lease) {
      this.lease = lease;
    }

    public String getOwner() {
      return owner;
    }

    public void setOwner(String owner) {
      this.owner = owner;
    }
  }

  /**
   * The business calendar of SLA policies declared as beans, when no {@code BusinessCalendar} or
   * {@code SlaSettings} bean is declared.
   */
  public static class Sla {

    /** The zone of the business hours. */
    private ZoneId zone = ZoneId.of("UTC");

    /** When the working day starts, Monday to Friday. */
    private LocalTime opens = LocalTime.of(9, 0);

    /** When the working day ends, Monday to Friday. */
    private LocalTime closes = LocalTime.of(17, 0);

    public ZoneId getZone() {
      return zone;
    }

    public void setZone(ZoneId zone) {
      this.zone = zone;
    }

    public LocalTime getOpens() {
      return opens;
    }

    public void setOpens(LocalTime opens) {
      this.opens = opens;
    }

    public LocalTime getCloses() {
      return closes;
    }

    public void setCloses(LocalTime closes) {
      this.closes = closes;
    }
  }
}
