package dev.helpdesk.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.common.ValidationException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DeskSchedulerTest {

  private static final Duration SHORT = Duration.ofMillis(5);

  private static DeskJob counting(String name, CountDownLatch runs) {
    return new DeskJob(
        name,
        SHORT,
        () -> {
          runs.countDown();
          return 1;
        });
  }

  private static boolean await(CountDownLatch latch) throws InterruptedException {
    return latch.await(10, TimeUnit.SECONDS);
  }

  @Test
  void eachJobRunsRepeatedly() throws Exception {
    CountDownLatch dispatch = new CountDownLatch(3);
    CountDownLatch queue = new CountDownLatch(3);
    try (DeskScheduler scheduler =
        DeskScheduler.start(List.of(counting("dispatch", dispatch), counting("queue", queue)))) {
      assertTrue(await(dispatch));
      assertTrue(await(queue));
      assertEquals(
          List.of("dispatch", "queue"), scheduler.jobs().stream().map(DeskJob::name).toList());
    }
  }

  @Test
  void aFailingJobKeepsRunning() throws Exception {
    CountDownLatch runs = new CountDownLatch(3);
    DeskJob failing =
        new DeskJob(
            "failing",
            SHORT,
            () -> {
              runs.countDown();
              throw new IllegalStateException("mail server down");
            });
    DeskScheduler scheduler = DeskScheduler.start(List.of(failing));
    try {
      assertTrue(await(runs), "runs again after failing");
    } finally {
      scheduler.close();
    }
  }

  @Test
  void jobsRunOnDaemonThreadsNamedAfterTheJob() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    AtomicReference<Thread> thread = new AtomicReference<>();
    AtomicReference<String> name = new AtomicReference<>();
    DeskJob job =
        new DeskJob(
            "close-sweep",
            SHORT,
            () -> {
              thread.set(Thread.currentThread());
              name.set(Thread.currentThread().getName());
              ran.countDown();
              return 0;
            });
    DeskScheduler scheduler = DeskScheduler.start(List.of(job));
    try {
      assertTrue(await(ran));
    } finally {
      scheduler.close();
    }
    assertEquals("helpdesk-job-close-sweep", name.get());
    assertTrue(thread.get().isDaemon());
  }

  @Test
  void closeStopsTheRunsAndMayBeCalledAgain() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch twice = new CountDownLatch(2);
    DeskScheduler scheduler =
        DeskScheduler.start(
            List.of(
                new DeskJob(
                    "dispatch",
                    SHORT,
                    () -> {
                      twice.countDown();
                      return runs.incrementAndGet();
                    })));
    assertTrue(await(twice));
    scheduler.close();
    int atClose = runs.get();
    // Another scheduler's runs measure time passing, without a sleep: many of its intervals later,
    // the closed one has not run again.
    CountDownLatch later = new CountDownLatch(20);
    DeskScheduler witness = DeskScheduler.start(List.of(counting("witness", later)));
    try {
      assertTrue(await(later));
    } finally {
      witness.close();
    }
    assertEquals(atClose, runs.get());
    scheduler.close();
  }

  @Test
  void closeWaitsForARunInProgress() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean finished = new AtomicBoolean();
    DeskJob slow =
        new DeskJob(
            "slow",
            SHORT,
            () -> {
              started.countDown();
              try {
                if (release.await(20, TimeUnit.SECONDS)) {
                  finished.set(true);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return 1;
            });
    DeskScheduler scheduler =
        DeskScheduler.builder().job(slow).shutdownWait(Duration.ofSeconds(20)).start();
    assertTrue(await(started));
    Thread closing = Thread.currentThread();
    // Releases the run once close() is waiting for it.
    Thread releaser =
        new Thread(
            () -> {
              while (closing.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
              }
              release.countDown();
            });
    releaser.setDaemon(true);
    releaser.start();
    scheduler.close();
    assertTrue(finished.get(), "the run finished before close() returned, uninterrupted");
  }

  @Test
  void closeInterruptsARunStillGoingAfterTheShutdownWait() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    DeskJob stuck =
        new DeskJob(
            "stuck",
            SHORT,
            () -> {
              started.countDown();
              try {
                new CountDownLatch(1).await();
              } catch (InterruptedException e) {
                interrupted.countDown();
              }
              return 0;
            });
    DeskScheduler scheduler =
        DeskScheduler.builder().job(stuck).threads(1).shutdownWait(Duration.ZERO).start();
    assertTrue(await(started));
    scheduler.close();
    assertTrue(await(interrupted));
  }

  @Test
  void theBuilderValidates() {
    DeskJob job = new DeskJob("dispatch", SHORT, () -> 0);
    assertEquals(
        "jobs",
        assertThrows(ValidationException.class, () -> DeskScheduler.start(List.of(job, job)))
            .field());
    assertEquals(
        "threads",
        assertThrows(ValidationException.class, () -> DeskScheduler.builder().threads(0)).field());
    assertEquals(
        "shutdownWait",
        assertThrows(
                ValidationException.class,
                () -> DeskScheduler.builder().shutdownWait(Duration.ofSeconds(-1)))
            .field());
    assertEquals(
        "jobs",
        assertThrows(ValidationException.class, () -> DeskScheduler.builder().jobs(null)).field());
  }

  @Test
  void aSchedulerWithoutJobsStartsAndCloses() {
    DeskScheduler scheduler = DeskScheduler.start(List.of());
    assertTrue(scheduler.jobs().isEmpty());
    scheduler.close();
    assertFalse(Thread.currentThread().isInterrupted());
  }
}
