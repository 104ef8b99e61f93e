package dev.helpdesk.examples.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BookingDemoMainTest {

  @Test
  void thePortIsTheSystemPropertyElseTheEnvironmentElse8080() {
    assertEquals(8080, BookingDemoMain.port(null, null));
    assertEquals(8080, BookingDemoMain.port(" ", ""));
    assertEquals(9090, BookingDemoMain.port(null, "9090"));
    assertEquals(7070, BookingDemoMain.port("7070", "9090"));
    assertEquals(0, BookingDemoMain.port("0", null), "any free port");
  }

  @Test
  void aPortThatIsNoPortIsRefusedWithWhatWasGiven() {
    for (String bad : new String[] {"http", "-1", "65536", "80.5"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> BookingDemoMain.port(bad, null));
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
  }
}
