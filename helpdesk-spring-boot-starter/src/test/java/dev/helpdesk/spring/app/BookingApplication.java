package dev.helpdesk.spring.app;

import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.Notifier;
import dev.helpdesk.ticket.TicketEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** A booking application with the starter: its own table, its own migrations, a desk. */
@SpringBootApplication
public class BookingApplication {

  /** What the application heard from the desk, and whether its transaction was still open. */
  public record Heard(TicketEvent event, boolean synchronizationActive) {}

  public final List<Heard> heard = new CopyOnWriteArrayList<>();
  public final List<Notification> delivered = new CopyOnWriteArrayList<>();

  @EventListener
  void on(TicketEvent event) {
    heard.add(new Heard(event, TransactionSynchronizationManager.isSynchronizationActive()));
  }

  /** The application's notifier: records what the desk's dispatch job delivers. */
  @Bean
  Notifier recordingNotifier() {
    return delivered::add;
  }
}
