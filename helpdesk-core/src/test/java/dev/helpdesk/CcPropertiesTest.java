package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.ticket.Cc;
import dev.helpdesk.ticket.Ticket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Whatever adds and removes are made, in whatever case, a ticket copies each address at most once,
 * at most {@value Ticket#MAX_CCS} of them, in the order first added, exactly as a list model says;
 * an add beyond the limit is refused naming {@code ccs}; and a staff reply reaches each CC once.
 */
class CcPropertiesTest {

  /** One step: add or remove one of 30 addresses, written in upper or lower case. */
  private record Step(boolean add, int person, boolean upper) {
    String address() {
      String a = "p" + person + "@example.org";
      return upper ? a.toUpperCase(Locale.ROOT) : a;
    }
  }

  private static Gen<List<Step>> steps() {
    Gen<Step> step =
        booleans()
            .all()
            .zip(integers().between(0, 29), booleans().all(), (a, p, u) -> new Step(a, p, u));
    return lists().of(step).ofSizeBetween(0, 80);
  }

  @Test
  void theCcsFollowAListModelWhateverTheStepsAndCase() {
    qt().withExamples(60)
        .forAll(steps())
        .checkAssert(
            steps -> {
              DeskFixture f = new DeskFixture();
              Ticket t = f.openAssigned();
              List<String> model = new ArrayList<>();
              for (Step s : steps) {
                String key = s.address().toLowerCase(Locale.ROOT);
                if (s.add()) {
                  try {
                    f.desk.addCc(ANA, t.id(), Cc.of(s.address()));
                    if (!model.contains(key)) {
                      model.add(key);
                    }
                  } catch (ValidationException e) {
                    assertEquals("ccs", e.field());
                    assertEquals(Ticket.MAX_CCS, model.size(), "refused only when full");
                    assertTrue(!model.contains(key));
                  }
                } else {
                  f.desk.removeCc(BEA, t.id(), EmailAddress.of(s.address()));
                  model.remove(key);
                }
              }
              List<Cc> ccs = f.desk.ticket(BEA, t.id()).ticket().ccs();
              assertEquals(
                  model,
                  ccs.stream().map(c -> c.email().value().toLowerCase(Locale.ROOT)).toList());
              assertTrue(ccs.size() <= Ticket.MAX_CCS);

              f.deliver();
              f.desk.reply(BEA, t.id(), "Answer");
              List<String> to =
                  f.deliverHeld().stream()
                      .filter(n -> n.kind() == NotificationKind.AGENT_REPLIED)
                      .map(n -> n.recipient().email().value().toLowerCase(Locale.ROOT))
                      .toList();
              Set<String> expected = new HashSet<>(model);
              expected.add("c-ana@example.com");
              assertEquals(expected, Set.copyOf(to));
              assertEquals(expected.size(), to.size(), "each once");
            });
  }
}
