package dev.helpdesk.search;

import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.sla.SlaState;
import dev.helpdesk.ticket.Channel;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * What to find: words of the conversation, filters, an order and a page. Every filter given must
 * hold (an empty set or an absent value does not filter); build one with {@link #builder()}, and
 * ask for the next page with {@link #after(String)} and the cursor of the page before.
 *
 * <p>The text matches a ticket when each of its words is a word of the ticket's subject or of one
 * of its messages that the reader may see (customers: public messages; staff: internal notes too),
 * as {@link SearchText} describes: whole words, case and accents as written, no stemming.
 *
 * @param text the words to look for, as typed; empty: no text filter
 * @param statuses the statuses allowed; empty: any
 * @param priorities the priorities allowed; empty: any
 * @param assignee only tickets assigned to this agent
 * @param unassigned only tickets nobody is assigned to (not together with {@code assignee})
 * @param group only tickets routed to this group
 * @param tags only tickets carrying every one of these tags
 * @param customer only tickets this customer raised
 * @param bookingReference only tickets about this booking (the custom field {@link
 *     Ticket#BOOKING_REFERENCE}), matched exactly
 * @param channels the channels allowed; empty: any
 * @param createdFrom only tickets opened at or after this instant
 * @param createdBefore only tickets opened before this instant
 * @param updatedFrom only tickets last changed at or after this instant
 * @param updatedBefore only tickets last changed before this instant
 * @param slaBreached only tickets whose latest cycle of some SLA target is breached ({@link
 *     SlaState#breached()}), fulfilled since or not
 * @param slaDueWithin only tickets with a running SLA timer due within this much of the search's
 *     instant: due at or before {@code now + slaDueWithin}, overdue ones that the monitor has not
 *     yet marked breached included ({@link SlaState#isDueBy}); positive, at most {@link
 *     #MAX_SLA_DUE_WITHIN}
 * @param sort the order
 * @param pageSize the most tickets one page holds, 1 to {@value #MAX_PAGE_SIZE}
 * @param after where the page before ended, decoded from its cursor; empty: the first page
 */
public record TicketQuery(
    Optional<String> text,
    Set<Status> statuses,
    Set<Priority> priorities,
    Optional<AgentId> assignee,
    boolean unassigned,
    Optional<GroupId> group,
    SortedSet<String> tags,
    Optional<CustomerId> customer,
    Optional<String> bookingReference,
    Set<Channel> channels,
    Optional<Instant> createdFrom,
    Optional<Instant> createdBefore,
    Optional<Instant> updatedFrom,
    Optional<Instant> updatedBefore,
    boolean slaBreached,
    Optional<Duration> slaDueWithin,
    TicketSort sort,
    int pageSize,
    Optional<SearchPosition> after) {

  /** The largest page. */
  public static final int MAX_PAGE_SIZE = 500;

  /** The page size unless one is given. */
  public static final int DEFAULT_PAGE_SIZE = 25;

  /** The longest text accepted. */
  public static final int MAX_TEXT_LENGTH = 1_000;

  /** The most words a text may hold. */
  public static final int MAX_WORDS = 32;

  /** The longest {@code slaDueWithin}: ten years, far beyond any SLA goal. */
  public static final Duration MAX_SLA_DUE_WITHIN = Duration.ofDays(3653);

  /** Validates the query and freezes its sets. */
  public TicketQuery {
    Check.present("text", text);
    text = text.map(t -> Check.line("text", t, MAX_TEXT_LENGTH).strip());
    if (text.isPresent()) {
      List<String> words = SearchText.words(text.get());
      if (words.isEmpty()) {
        throw new ValidationException(
            "text",
            "holds no word to search for (words of one letter and common words such as"
                + " 'the' are not indexed)");
      }
      if (words.size() > MAX_WORDS) {
        throw new ValidationException("text", "holds more than " + MAX_WORDS + " words");
      }
    }
    statuses = frozen("statuses", statuses, Status.class);
    priorities = frozen("priorities", priorities, Priority.class);
    Check.present("assignee", assignee);
    if (unassigned && assignee.isPresent()) {
      throw new ValidationException("assignee", "cannot be given for unassigned tickets");
    }
    Check.present("group", group);
    tags =
        Collections.unmodifiableSortedSet(
            new TreeSet<>(Ticket.checkTags(Check.present("tags", tags))));
    Check.present("customer", customer);
    Check.present("bookingReference", bookingReference);
    bookingReference =
        bookingReference.map(b -> Check.line("bookingReference", b, Ticket.MAX_FIELD_VALUE_LENGTH));
    channels = frozen("channels", channels, Channel.class);
    checkRange("createdFrom", createdFrom, createdBefore);
    checkRange("updatedFrom", updatedFrom, updatedBefore);
    Check.present("slaDueWithin", slaDueWithin);
    if (slaDueWithin.filter(d -> d.isNegative() || d.isZero()).isPresent()) {
      throw new ValidationException(
          "slaDueWithin", "must be positive (was " + slaDueWithin.get() + ")");
    }
    if (slaDueWithin.filter(d -> d.compareTo(MAX_SLA_DUE_WITHIN) > 0).isPresent()) {
      throw new ValidationException(
          "slaDueWithin", "must be at most " + MAX_SLA_DUE_WITHIN.toDays() + " days");
    }
    Check.present("sort", sort);
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new ValidationException(
          "pageSize", "must be 1 to " + MAX_PAGE_SIZE + " (was " + pageSize + ")");
    }
    Check.present("after", after);
  }

  private static <E extends Enum<E>> Set<E> frozen(String field, Set<E> values, Class<E> type) {
    Check.present(field, values);
    if (values.contains(null)) {
      throw new ValidationException(field, "must not contain null");
    }
    return values.isEmpty()
        ? Collections.unmodifiableSet(EnumSet.noneOf(type))
        : Collections.unmodifiableSet(EnumSet.copyOf(values));
  }

  private static void checkRange(String field, Optional<Instant> from, Optional<Instant> before) {
    Check.present(field, from);
    Check.present(field, before);
    if (from.isPresent() && before.isPresent() && !from.get().isBefore(before.get())) {
      throw new ValidationException(field, "must be before the end of the range");
    }
  }

  /** A builder: no text, no filter, {@link TicketSort#UPDATED_NEWEST}, pages of 25. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The same query, for the page after the one whose {@link Page#next() cursor} is given.
   *
   * @throws ValidationException naming {@code cursor} when it was altered or belongs to a query
   *     with other filters or another sort
   */
  public TicketQuery after(String cursor) {
    return withAfter(Optional.of(Cursor.decode(fingerprint(), Check.present("cursor", cursor))));
  }

  /** The same query from its first page. */
  public TicketQuery firstPage() {
    return withAfter(Optional.empty());
  }

  /** The same query with pages of {@code size}. */
  public TicketQuery withPageSize(int size) {
    return new TicketQuery(
        text,
        statuses,
        priorities,
        assignee,
        unassigned,
        group,
        tags,
        customer,
        bookingReference,
        channels,
        createdFrom,
        createdBefore,
        updatedFrom,
        updatedBefore,
        slaBreached,
        slaDueWithin,
        sort,
        size,
        after);
  }

  /** The same query restricted to one customer's tickets. */
  public TicketQuery withCustomer(CustomerId customer) {
    return new TicketQuery(
        text,
        statuses,
        priorities,
        assignee,
        unassigned,
        group,
        tags,
        Optional.of(customer),
        bookingReference,
        channels,
        createdFrom,
        createdBefore,
        updatedFrom,
        updatedBefore,
        slaBreached,
        slaDueWithin,
        sort,
        pageSize,
        after);
  }

  private TicketQuery withAfter(Optional<SearchPosition> position) {
    return new TicketQuery(
        text,
        statuses,
        priorities,
        assignee,
        unassigned,
        group,
        tags,
        customer,
        bookingReference,
        channels,
        createdFrom,
        createdBefore,
        updatedFrom,
        updatedBefore,
        slaBreached,
        slaDueWithin,
        sort,
        pageSize,
        position);
  }

  /** The cursor of a page of this query that ends with {@code last}. */
  public String cursorAfter(SearchHit last) {
    return Cursor.encode(fingerprint(), SearchPosition.of(Check.present("last", last)));
  }

  /**
   * The latest SLA due instant a ticket may have to pass {@code slaDueWithin} when searching at
   * {@code now}; empty without that filter.
   */
  public Optional<Instant> slaDueBy(Instant now) {
    Check.present("now", now);
    return slaDueWithin.map(now::plus);
  }

  /** The distinct words of the text; empty without text. */
  public List<String> words() {
    return text.map(SearchText::words).orElse(List.of());
  }

  /**
   * Whether the hit passes every filter but the text and the position, searching at {@code now}
   * (which {@code slaDueWithin} counts from): for stores that filter in memory, and for tests.
   */
  public boolean matchesFields(SearchHit hit, Instant now) {
    Ticket t = Check.present("hit", hit).ticket();
    SlaState sla = hit.sla();
    return (!slaBreached || sla.breached())
        && slaDueBy(now).map(sla::isDueBy).orElse(true)
        && (statuses.isEmpty() || statuses.contains(t.status()))
        && (priorities.isEmpty() || priorities.contains(t.priority()))
        && assignee.map(a -> t.assignee().equals(Optional.of(a))).orElse(true)
        && (!unassigned || t.assignee().isEmpty())
        && group.map(g -> t.group().equals(Optional.of(g))).orElse(true)
        && t.tags().containsAll(tags)
        && customer.map(c -> t.requester().id().equals(c)).orElse(true)
        && bookingReference.map(b -> t.bookingReference().equals(Optional.of(b))).orElse(true)
        && (channels.isEmpty() || channels.contains(t.channel()))
        && createdFrom.map(f -> !t.createdAt().isBefore(f)).orElse(true)
        && createdBefore.map(b -> t.createdAt().isBefore(b)).orElse(true)
        && updatedFrom.map(f -> !t.updatedAt().isBefore(f)).orElse(true)
        && updatedBefore.map(b -> t.updatedAt().isBefore(b)).orElse(true);
  }

  /**
   * A digest of the sort and the filters (not the page size or position), which a cursor carries so
   * that it is not used with another query.
   */
  private long fingerprint() {
    String canonical =
        String.join(
            "\u0000",
            sort.name(),
            String.join(" ", words()),
            new TreeSet<>(statuses).toString(),
            new TreeSet<>(priorities).toString(),
            assignee.map(AgentId::value).orElse("-"),
            Boolean.toString(unassigned),
            group.map(GroupId::value).orElse("-"),
            tags.toString(),
            customer.map(CustomerId::value).orElse("-"),
            bookingReference.orElse("-"),
            new TreeSet<>(channels).toString(),
            createdFrom.map(Instant::toString).orElse("-"),
            createdBefore.map(Instant::toString).orElse("-"),
            updatedFrom.map(Instant::toString).orElse("-"),
            updatedBefore.map(Instant::toString).orElse("-"),
            Boolean.toString(slaBreached),
            slaDueWithin.map(Duration::toString).orElse("-"));
    CRC32 crc = new CRC32();
    crc.update(canonical.getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }

  /** Builds a {@link TicketQuery}; {@link #build()} validates. */
  public static final class Builder {
    private String text;
    private final Set<Status> statuses = EnumSet.noneOf(Status.class);
    private final Set<Priority> priorities = EnumSet.noneOf(Priority.class);
    private AgentId assignee;
    private boolean unassigned;
    private GroupId group;
    private final SortedSet<String> tags = new TreeSet<>();
    private CustomerId customer;
    private String bookingReference;
    private final Set<Channel> channels = EnumSet.noneOf(Channel.class);
    private Instant createdFrom;
    private Instant createdBefore;
    private Instant updatedFrom;
    private Instant updatedBefore;
    private boolean slaBreached;
    private Duration slaDueWithin;
    private TicketSort sort = TicketSort.UPDATED_NEWEST;
    private int pageSize = DEFAULT_PAGE_SIZE;
    private String cursor;

    private Builder() {}

    /** The words to look for; {@code null} for none. */
    public Builder text(String text) {
      this.text = text;
      return this;
    }

    /** Allows these statuses (added to those allowed before). */
    public Builder status(Status... statuses) {
      this.statuses.addAll(List.of(statuses));
      return this;
    }

    /** Allows the statuses that still need work: NEW, OPEN, PENDING, ON_HOLD. */
    public Builder unsolved() {
      for (Status s : Status.values()) {
        if (s.isUnsolved()) {
          statuses.add(s);
        }
      }
      return this;
    }

    /** Allows these priorities (added to those allowed before). */
    public Builder priority(Priority... priorities) {
      this.priorities.addAll(List.of(priorities));
      return this;
    }

    /** Only tickets assigned to this agent. */
    public Builder assignee(AgentId agent) {
      this.assignee = Check.present("assignee", agent);
      return this;
    }

    /** Only tickets nobody is assigned to. */
    public Builder unassigned() {
      this.unassigned = true;
      return this;
    }

    /** Only tickets routed to this group. */
    public Builder group(GroupId group) {
      this.group = Check.present("group", group);
      return this;
    }

    /** Only tickets carrying this tag (and the others asked for). */
    public Builder tag(String tag) {
      tags.add(tag);
      return this;
    }

    /** Only tickets this customer raised. */
    public Builder customer(CustomerId customer) {
      this.customer = Check.present("customer", customer);
      return this;
    }

    /** Only tickets about this booking. */
    public Builder bookingReference(String reference) {
      this.bookingReference = Check.present("bookingReference", reference);
      return this;
    }

    /** Allows these channels (added to those allowed before). */
    public Builder channel(Channel... channels) {
      this.channels.addAll(List.of(channels));
      return this;
    }

    /** Only tickets opened in {@code [from, before)}; either may be {@code null} for open. */
    public Builder created(Instant from, Instant before) {
      this.createdFrom = from;
      this.createdBefore = before;
      return this;
    }

    /** Only tickets last changed in {@code [from, before)}; either may be {@code null}. */
    public Builder updated(Instant from, Instant before) {
      this.updatedFrom = from;
      this.updatedBefore = before;
      return this;
    }

    /** Only tickets with a breached SLA target ({@link SlaState#breached()}). */
    public Builder slaBreached() {
      this.slaBreached = true;
      return this;
    }

    /**
     * Only tickets with a running SLA timer due within {@code duration} of the search's instant,
     * overdue ones included; positive, at most {@link #MAX_SLA_DUE_WITHIN}.
     */
    public Builder slaDueWithin(Duration duration) {
      this.slaDueWithin = Check.present("slaDueWithin", duration);
      return this;
    }

    /** The order; default {@link TicketSort#UPDATED_NEWEST}. */
    public Builder sort(TicketSort sort) {
      this.sort = sort;
      return this;
    }

    /** The most tickets per page, 1 to {@value #MAX_PAGE_SIZE}; default 25. */
    public Builder pageSize(int size) {
      this.pageSize = size;
      return this;
    }

    /** Starts after the page whose {@link Page#next() cursor} this is. */
    public Builder after(String cursor) {
      this.cursor = cursor;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws ValidationException naming the field at fault, {@code cursor} for a cursor that was
     *     altered or belongs to another query
     */
    public TicketQuery build() {
      TicketQuery query =
          new TicketQuery(
              Optional.ofNullable(text),
              statuses,
              priorities,
              Optional.ofNullable(assignee),
              unassigned,
              Optional.ofNullable(group),
              tags,
              Optional.ofNullable(customer),
              Optional.ofNullable(bookingReference),
              channels,
              Optional.ofNullable(createdFrom),
              Optional.ofNullable(createdBefore),
              Optional.ofNullable(updatedFrom),
              Optional.ofNullable(updatedBefore),
              slaBreached,
              Optional.ofNullable(slaDueWithin),
              sort,
              pageSize,
              Optional.empty());
      return cursor == null ? query : query.after(cursor);
    }
  }
}
