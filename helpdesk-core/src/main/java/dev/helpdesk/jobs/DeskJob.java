package dev.helpdesk.jobs;

import dev.helpdesk.common.Check;
import dev.helpdesk.common.ValidationException;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * One piece of the desk's recurring work, run every {@code interval} by a {@link DeskScheduler}.
 *
 * @param name what logs and thread names call the job, e.g. {@code dispatch}; not blank
 * @param interval the delay between the end of one run and the start of the next; positive
 * @param work does the work once and returns how much it did (notifications sent, tickets closed)
 * @throws ValidationException if the name is blank, the interval not positive, or work missing
 */
public record DeskJob(String name, Duration interval, IntSupplier work) {

  /** Validates the job. */
  public DeskJob {
    Check.line("name", name, 100);
    Check.present("interval", interval);
    if (interval.isNegative() || interval.isZero()) {
      throw new ValidationException("interval", "must be positive (was " + interval + ")");
    }
    Check.present("work", work);
  }

  /**
   * Runs the work once, on the calling thread.
   *
   * @return how much it did, as the work reports it
   */
  public int runOnce() {
    return work.getAsInt();
  }
}
