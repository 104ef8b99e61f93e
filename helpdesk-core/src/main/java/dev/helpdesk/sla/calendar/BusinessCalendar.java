package dev.helpdesk.sla.calendar;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When people work: intervals per weekday in a time zone, minus holidays. SLA targets are business
 * durations, and this class turns them into instants ({@link #add}) and back ({@link #between}).
 *
 * <p>Local times become instants by the zone's rules at that date, so an interval on a day the
 * clocks change lasts what it really lasts: {@code 00:00-06:00} on the night clocks spring forward
 * is 5 hours of business time, on the night they fall back 7. A local time that does not exist (in
 * the spring gap) counts as the moment the clocks jump; one that exists twice (in the autumn
 * overlap) as its earlier occurrence.
 *
 * <p>Where no holiday and no change of UTC offset is near, adding and measuring take constant time
 * whatever the amount: running totals of a regular week's working time turn both into a division
 * and two binary searches. Near a holiday or a clock change the calendar walks those days and skips
 * the whole weeks and days between them by their nominal length (see {@code docs/sla.md}).
 * Immutable and thread-safe.
 */
public final class BusinessCalendar {

  /** The longest duration {@link #add} accepts. */
  public static final Duration MAX_AMOUNT = Duration.ofDays(366L * 20);

  /** How many days in a row without working time {@link #add} walks before giving up. */
  static final int MAX_IDLE_DAYS = 3_660;

  private static final long WEEK_NANOS = Duration.ofDays(7).toNanos();

  /** Margin around a range within which no offset change may fall for the stretch arithmetic. */
  private static final long MARGIN_SECONDS = 3 * 86_400L;

  /** Longest range (in weeks of calendar time) the stretch arithmetic handles without overflow. */
  private static final long MAX_STRETCH_WEEKS = 10_000;

  private static final WorkingHours[] NO_HOURS = new WorkingHours[0];
  private static final BusinessCalendar ALWAYS_OPEN =
      new BusinessCalendar(ZoneOffset.UTC, List.of(), Holidays.NONE, true);

  private final ZoneId zone;
  private final ZoneRules rules;
  private final List<WorkingHours> hours;
  private final WorkingHours[][] byDay;
  private final long[] dayNanos = new long[7];
  private final Holidays holidays;
  private final long weekNanos;
  private final boolean alwaysOpen;

  /**
   * The working time of a regular week as pieces on a week that begins Monday 00:00 local time (an
   * interval running past Sunday midnight is split in two): {@code pieceFrom[i]} and {@code
   * pieceTo[i]} in nanoseconds, ordered, and {@code pieceBefore[i]} the working time of the week
   * before piece {@code i}. With them, the business time up to any point of a regular stretch is a
   * division by the week plus one binary search, whatever the length.
   */
  private final long[] pieceFrom;

  private final long[] pieceTo;
  private final long[] pieceBefore;

  private BusinessCalendar(
      ZoneId zone, List<WorkingHours> hours, Holidays holidays, boolean alwaysOpen) {
    this.zone = zone;
    this.rules = zone.getRules();
    this.holidays = holidays;
    this.alwaysOpen = alwaysOpen;
    List<WorkingHours> sorted = new ArrayList<>(hours);
    sorted.sort(Comparator.comparingLong(WorkingHours::weekStart));
    this.hours = List.copyOf(sorted);
    this.byDay = new WorkingHours[7][];
    long week = 0;
    for (DayOfWeek day : DayOfWeek.values()) {
      byDay[day.getValue() - 1] =
          sorted.stream().filter(h -> h.day() == day).toArray(WorkingHours[]::new);
    }
    for (WorkingHours h : sorted) {
      week += h.nominalLength().toNanos();
      dayNanos[h.day().getValue() - 1] += h.nominalLength().toNanos();
    }
    this.weekNanos = alwaysOpen ? WEEK_NANOS : week;
    List<long[]> pieces = new ArrayList<>();
    for (WorkingHours h : sorted) {
      long from = h.weekStart();
      long to = from + h.nominalLength().toNanos();
      if (to > WEEK_NANOS) {
        pieces.add(new long[] {from, WEEK_NANOS});
        pieces.add(new long[] {0, to - WEEK_NANOS});
      } else {
        pieces.add(new long[] {from, to});
      }
    }
    pieces.sort(Comparator.comparingLong(p -> p[0]));
    int n = pieces.size();
    this.pieceFrom = new long[n];
    this.pieceTo = new long[n];
    this.pieceBefore = new long[n];
    long before = 0;
    for (int i = 0; i < n; i++) {
      pieceFrom[i] = pieces.get(i)[0];
      pieceTo[i] = pieces.get(i)[1];
      pieceBefore[i] = before;
      before += pieceTo[i] - pieceFrom[i];
    }
  }

  /** Every instant is business time: targets are plain durations. */
  public static BusinessCalendar alwaysOpen() {
    return ALWAYS_OPEN;
  }

  /** Starts a calendar in {@code zone}; add working hours, optionally holidays, then build. */
  public static Builder builder(ZoneId zone) {
    return new Builder(Check.present("zone", zone));
  }

  /** The time zone the working hours and holidays are read in. */
  public ZoneId zone() {
    return zone;
  }

  /** The working intervals, ordered through the week from Monday; empty when always open. */
  public List<WorkingHours> hours() {
    return hours;
  }

  /** Whether every instant is business time. */
  public boolean isAlwaysOpen() {
    return alwaysOpen;
  }

  /** The business time of a week without holidays or clock changes. */
  public Duration nominalWeek() {
    return Duration.ofNanos(weekNanos);
  }

  /**
   * The instant at which {@code amount} of business time has passed since {@code start}: the
   * earliest {@code t} with {@code between(start, t) == amount}. Zero returns {@code start}; a
   * target that ends exactly when an interval ends is due at that interval's end.
   *
   * @throws ValidationException if {@code amount} is negative or longer than {@link #MAX_AMOUNT}
   */
  public Instant add(Instant start, Duration amount) {
    Check.present("start", start);
    Check.present("amount", amount);
    if (amount.isNegative()) {
      throw new ValidationException("amount", "must not be negative (was " + amount + ")");
    }
    if (amount.compareTo(MAX_AMOUNT) > 0) {
      throw new ValidationException(
          "amount", "must be at most " + MAX_AMOUNT + " (was " + amount + ")");
    }
    if (amount.isZero()) {
      return start;
    }
    if (alwaysOpen) {
      return start.plus(amount);
    }
    Instant fast = addInRegularStretch(start, amount.toNanos());
    return fast != null ? fast : addByWalking(start, amount.toNanos());
  }

  /**
   * {@link #add} by walking: days one by one, whole weeks and whole regular days skipped by their
   * nominal length. Used when a holiday or a change of UTC offset lies near the range, where the
   * regular-stretch arithmetic does not hold.
   */
  private Instant addByWalking(Instant start, long amountNanos) {
    long remaining = amountNanos;
    // The day before may hold an overnight interval that is still running at start.
    LocalDate day = LocalDate.ofInstant(start, zone).minusDays(1);
    LocalDate firstWhole = day.plusDays(2);
    Transitions transitions = new Transitions();
    int idle = 0;
    while (true) {
      if (!day.isBefore(firstWhole)) {
        if (remaining > weekNanos) {
          long weeks = regularWeeks(day, (remaining - 1) / weekNanos, transitions);
          remaining -= weeks * weekNanos;
          day = day.plusWeeks(weeks);
        }
        // A whole day that does not finish the amount: subtract its nominal length.
        if (transitions.regular(day)) {
          long whole = workNanos(day);
          if (whole < remaining) {
            remaining -= whole;
            idle = whole > 0 ? 0 : idle + 1;
            day = nextDay(day, idle);
            continue;
          }
        }
      }
      boolean worked = false;
      for (WorkingHours h : hoursOn(day)) {
        Instant end = end(day, h);
        if (!end.isAfter(start)) {
          continue;
        }
        Instant from = max(start(day, h), start);
        long available = from.until(end, ChronoUnit.NANOS);
        if (available <= 0) {
          continue;
        }
        worked = true;
        if (remaining <= available) {
          return from.plusNanos(remaining);
        }
        remaining -= available;
      }
      idle = worked ? 0 : idle + 1;
      day = nextDay(day, idle);
    }
  }

  private static LocalDate nextDay(LocalDate day, int idle) {
    if (idle > MAX_IDLE_DAYS) {
      throw new ValidationException(
          "holidays", "leave no working time for " + MAX_IDLE_DAYS + " days up to " + day);
    }
    return day.plusDays(1);
  }

  /** The nominal business time of a day: its intervals' lengths, none on a holiday. */
  private long workNanos(LocalDate day) {
    long n = dayNanos[day.getDayOfWeek().getValue() - 1];
    return n == 0 || holidays.isHoliday(day) ? 0 : n;
  }

  /**
   * Which days no change of UTC offset touches, so that their business time is their nominal
   * length. Remembers the next transition, so that a walk asks the zone rules about once per
   * transition, not once per day.
   */
  private final class Transitions {
    private LocalDate next;

    /**
     * The local date of the first offset change from the start of {@code day} on ({@link
     * LocalDate#MAX} if none); asked in increasing days.
     */
    LocalDate next(LocalDate day) {
      if (next == null || next.isBefore(day)) {
        ZoneOffsetTransition t = rules.nextTransition(local(day, LocalTime.MIDNIGHT).minusNanos(1));
        next = t == null ? LocalDate.MAX : LocalDate.ofInstant(t.getInstant(), zone);
      }
      return next;
    }

    /** Whether no transition falls from the start of {@code day} to the end of the next day. */
    boolean regular(LocalDate day) {
      return !next(day).isBefore(day.plusDays(2));
    }
  }

  /**
   * The business time in {@code [from, to)}; zero when {@code to} is not after {@code from}.
   * Inverse of {@link #add}: {@code between(s, add(s, d)) == d}.
   */
  public Duration between(Instant from, Instant to) {
    Check.present("from", from);
    Check.present("to", to);
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    if (alwaysOpen) {
      return Duration.between(from, to);
    }
    long fast = betweenInRegularStretch(from, to);
    return Duration.ofNanos(fast >= 0 ? fast : betweenByWalking(from, to));
  }

  /** {@link #between} by walking, skipping as {@link #addByWalking} does. */
  private long betweenByWalking(Instant from, Instant to) {
    long total = 0;
    LocalDate day = LocalDate.ofInstant(from, zone).minusDays(1);
    LocalDate firstWhole = day.plusDays(2);
    LocalDate lastDay = LocalDate.ofInstant(to, zone);
    Transitions transitions = new Transitions();
    while (!day.isAfter(lastDay)) {
      // Days up to lastDay - 2 end (even overnight) before lastDay begins, so before `to`.
      if (!day.isBefore(firstWhole) && day.isBefore(lastDay.minusDays(1))) {
        long maxWeeks = ChronoUnit.DAYS.between(day, lastDay.minusDays(1)) / 7;
        if (maxWeeks > 0) {
          long weeks = regularWeeks(day, maxWeeks, transitions);
          total += weeks * weekNanos;
          day = day.plusWeeks(weeks);
        }
        if (day.isBefore(lastDay.minusDays(1)) && transitions.regular(day)) {
          total += workNanos(day);
          day = day.plusDays(1);
          continue;
        }
      }
      for (WorkingHours h : hoursOn(day)) {
        Instant s = max(start(day, h), from);
        Instant e = min(end(day, h), to);
        if (e.isAfter(s)) {
          total += s.until(e, ChronoUnit.NANOS);
        }
      }
      day = day.plusDays(1);
    }
    return total;
  }

  /*
   * The regular stretch. Where one UTC offset holds from three days before to three days after a
   * range, and no day that owns an interval in it is a holiday, local time is instant + offset
   * everywhere that matters and every week repeats the nominal one. Business time from the Monday
   * 00:00 (local) of the start's week to a local point p is then
   *
   *   floor(p / week) * weekNanos + worked(p mod week)
   *
   * with worked() one binary search over the pieces. Adding and measuring are a constant number of
   * such steps plus one zone-rules and one holiday look-up, whatever the length; the result is
   * checked against the stretch afterwards, and when it leaves it the walk takes over.
   */

  /**
   * {@link #add} in a regular stretch, or {@code null} when the range is not one (a holiday or an
   * offset change near it, or an extremely long range); package-private so that a property can
   * compare it with a reference walk.
   */
  Instant addInRegularStretch(Instant start, long amountNanos) {
    ZoneOffset offset = rules.getOffset(start);
    long localSecond = start.getEpochSecond() + offset.getTotalSeconds();
    long epochDay = Math.floorDiv(localSecond, 86_400L);
    long mondayDay = epochDay - Math.floorMod(epochDay + 3, 7L); // 1970-01-01 was a Thursday
    long inWeek = (localSecond - mondayDay * 86_400L) * 1_000_000_000L + start.getNano();
    long target = worked(inWeek) + amountNanos;
    long weeks = (target - 1) / weekNanos;
    if (weeks > MAX_STRETCH_WEEKS) {
      return null;
    }
    long endInWeek = reach(target - weeks * weekNanos);
    long endSecond =
        mondayDay * 86_400L
            + weeks * 7 * 86_400L
            + endInWeek / 1_000_000_000L
            - offset.getTotalSeconds();
    Instant end = Instant.ofEpochSecond(endSecond, endInWeek % 1_000_000_000L);
    long endDay = Math.floorDiv(endSecond + offset.getTotalSeconds(), 86_400L);
    return regular(start, end, epochDay - 1, endDay) ? end : null;
  }

  /**
   * {@link #between} in a regular stretch (with {@code to} after {@code from}), or -1 when the
   * range is not one.
   */
  long betweenInRegularStretch(Instant from, Instant to) {
    long seconds = to.getEpochSecond() - from.getEpochSecond();
    if (seconds > MAX_STRETCH_WEEKS * 7 * 86_400L) {
      return -1;
    }
    ZoneOffset offset = rules.getOffset(from);
    long localSecond = from.getEpochSecond() + offset.getTotalSeconds();
    long epochDay = Math.floorDiv(localSecond, 86_400L);
    long mondayDay = epochDay - Math.floorMod(epochDay + 3, 7L);
    long fromInWeek = (localSecond - mondayDay * 86_400L) * 1_000_000_000L + from.getNano();
    long toPoint = fromInWeek + seconds * 1_000_000_000L + (to.getNano() - from.getNano());
    long total =
        Math.floorDiv(toPoint, WEEK_NANOS) * weekNanos
            + worked(Math.floorMod(toPoint, WEEK_NANOS))
            - worked(fromInWeek);
    long endDay = Math.floorDiv(to.getEpochSecond() + offset.getTotalSeconds(), 86_400L);
    return regular(from, to, epochDay - 1, endDay) ? total : -1;
  }

  /**
   * Whether no offset change falls within {@link #MARGIN_SECONDS} of {@code [from, to]} and no
   * epoch day from {@code firstDay} to {@code lastDay} (local) is a holiday.
   */
  private boolean regular(Instant from, Instant to, long firstDay, long lastDay) {
    if (!rules.isFixedOffset()) {
      ZoneOffsetTransition next = rules.nextTransition(from.minusSeconds(MARGIN_SECONDS));
      if (next != null
          && next.getInstant().getEpochSecond() <= to.getEpochSecond() + MARGIN_SECONDS) {
        return false;
      }
    }
    return holidays == Holidays.NONE
        || holidays
            .firstBetween(LocalDate.ofEpochDay(firstDay), LocalDate.ofEpochDay(lastDay + 1))
            .isEmpty();
  }

  /** The working time of a regular week from Monday 00:00 to {@code point} (0 to a week). */
  private long worked(long point) {
    int i = Arrays.binarySearch(pieceFrom, point);
    if (i < 0) {
      i = -i - 2; // the last piece starting before point
    }
    if (i < 0) {
      return 0;
    }
    return pieceBefore[i] + Math.min(point, pieceTo[i]) - pieceFrom[i];
  }

  /**
   * The earliest point of a regular week by which {@code work} (1 to a week's worth) has been
   * worked: inside, or at the end of, the first piece whose end reaches it.
   */
  private long reach(long work) {
    int lo = 0;
    int hi = pieceFrom.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (pieceBefore[mid] + pieceTo[mid] - pieceFrom[mid] >= work) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return pieceFrom[lo] + work - pieceBefore[lo];
  }

  /**
   * How many of the next {@code maxWeeks} weeks from {@code day} hold exactly the nominal business
   * time: no holiday among their days and no offset change from the start of their first day to the
   * end of the day after their last (an overnight interval reaches into the next day).
   */
  private long regularWeeks(LocalDate day, long maxWeeks, Transitions transitions) {
    if (maxWeeks <= 0) {
      return 0;
    }
    LocalDate limit = day.plusWeeks(maxWeeks);
    LocalDate changeDay = transitions.next(day).minusDays(1);
    if (changeDay.isBefore(limit)) {
      limit = changeDay;
    }
    Optional<LocalDate> holiday = holidays.firstBetween(day, limit);
    if (holiday.isPresent()) {
      limit = holiday.get();
    }
    return limit.isAfter(day) ? ChronoUnit.DAYS.between(day, limit) / 7 : 0;
  }

  private WorkingHours[] hoursOn(LocalDate day) {
    WorkingHours[] h = byDay[day.getDayOfWeek().getValue() - 1];
    return h.length == 0 || holidays.isHoliday(day) ? NO_HOURS : h;
  }

  private Instant start(LocalDate day, WorkingHours h) {
    return local(day, h.start());
  }

  private Instant end(LocalDate day, WorkingHours h) {
    return local(h.overnight() ? day.plusDays(1) : day, h.end());
  }

  /**
   * The instant of a local date and time: in a gap, the moment of the jump (so that the mapping
   * never runs backwards); in an overlap, the earlier occurrence.
   */
  private Instant local(LocalDate day, LocalTime time) {
    LocalDateTime ldt = day.atTime(time);
    List<ZoneOffset> offsets = rules.getValidOffsets(ldt);
    if (offsets.isEmpty()) {
      return rules.getTransition(ldt).getInstant();
    }
    return ldt.toInstant(offsets.get(0));
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  @Override
  public String toString() {
    return alwaysOpen ? "BusinessCalendar[24/7]" : "BusinessCalendar[" + zone + " " + hours + "]";
  }

  /** Collects working hours and holidays; {@link #build()} checks them. */
  public static final class Builder {

    private final ZoneId zone;
    private final List<WorkingHours> hours = new ArrayList<>();
    private Holidays holidays = Holidays.NONE;

    private Builder(ZoneId zone) {
      this.zone = zone;
    }

    /** Adds one interval; several a day are fine (around a lunch break), overlaps are not. */
    public Builder hours(DayOfWeek day, LocalTime start, LocalTime end) {
      hours.add(new WorkingHours(day, start, end));
      return this;
    }

    /** Adds {@code start-end} on each of {@code days}. */
    public Builder hours(List<DayOfWeek> days, LocalTime start, LocalTime end) {
      Check.present("days", days).forEach(d -> hours(d, start, end));
      return this;
    }

    /** Adds {@code start-end} Monday to Friday. */
    public Builder weekdays(LocalTime start, LocalTime end) {
      return hours(
          List.of(
              DayOfWeek.MONDAY,
              DayOfWeek.TUESDAY,
              DayOfWeek.WEDNESDAY,
              DayOfWeek.THURSDAY,
              DayOfWeek.FRIDAY),
          start,
          end);
    }

    /** The holidays; default none. */
    public Builder holidays(Holidays holidays) {
      this.holidays = Check.present("holidays", holidays);
      return this;
    }

    /**
     * Builds the calendar.
     *
     * @throws ValidationException {@code workingHours} "must contain some working time" when no
     *     interval was given, or "must not overlap" naming two intervals that do (an overnight
     *     interval overlapping the next morning's counts, and Sunday night reaches Monday)
     */
    public BusinessCalendar build() {
      if (hours.isEmpty()) {
        throw new ValidationException("workingHours", "must contain some working time");
      }
      requireNoOverlap(hours);
      return new BusinessCalendar(zone, hours, holidays, false);
    }

    private static void requireNoOverlap(List<WorkingHours> hours) {
      // Each interval as [start, end) on a one-week circle, split where it wraps past Sunday.
      record Piece(long from, long to, WorkingHours of) {}
      List<Piece> pieces = new ArrayList<>();
      for (WorkingHours h : hours) {
        long from = h.weekStart();
        long to = from + h.nominalLength().toNanos();
        if (to > WEEK_NANOS) {
          pieces.add(new Piece(from, WEEK_NANOS, h));
          pieces.add(new Piece(0, to - WEEK_NANOS, h));
        } else {
          pieces.add(new Piece(from, to, h));
        }
      }
      pieces.sort(Comparator.comparingLong(Piece::from));
      for (int i = 1; i < pieces.size(); i++) {
        Piece a = pieces.get(i - 1);
        Piece b = pieces.get(i);
        if (b.from() < a.to()) {
          throw new ValidationException(
              "workingHours", "must not overlap (" + a.of() + " and " + b.of() + ")");
        }
      }
    }
  }
}
