package dev.helpdesk.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The visitor is exhaustive: one abstract method per permitted event type and nothing else, so a
 * new event type cannot be added without a visitor method, and each event calls its own method.
 */
class TicketEventVisitorTest {

  private static final Set<Class<?>> TYPES = Set.of(TicketEvent.class.getPermittedSubclasses());

  private static List<Method> visitorMethods() {
    return Arrays.stream(TicketEvent.Visitor.class.getDeclaredMethods())
        .filter(m -> !m.isSynthetic())
        .toList();
  }

  @Test
  void everyPermittedEventTypeHasExactlyOneVisitorMethod() {
    Map<Class<?>, Long> methodsPerType =
        visitorMethods().stream()
            .filter(m -> m.getParameterCount() == 1)
            .collect(Collectors.groupingBy(m -> m.getParameterTypes()[0], Collectors.counting()));
    for (Class<?> type : TYPES) {
      assertEquals(1L, methodsPerType.getOrDefault(type, 0L), "visitor methods for " + type);
    }
    assertEquals(TYPES, methodsPerType.keySet());
  }

  @Test
  void theVisitorHasNoDefaultOrExtraMethods() {
    // A default method would let an implementation skip a type and compile all the same.
    for (Method m : visitorMethods()) {
      assertTrue(Modifier.isAbstract(m.getModifiers()), m + " must be abstract");
      assertFalse(m.isDefault(), m + " must not be a default method");
      assertEquals(1, m.getParameterCount(), m.toString());
    }
    assertEquals(TYPES.size(), visitorMethods().size());
    assertEquals(0, TicketEvent.Visitor.class.getInterfaces().length);
  }

  @Test
  void eachEventCallsTheVisitorMethodOfItsOwnType() {
    @SuppressWarnings("unchecked")
    TicketEvent.Visitor<Method> called =
        (TicketEvent.Visitor<Method>)
            Proxy.newProxyInstance(
                TicketEvent.Visitor.class.getClassLoader(),
                new Class<?>[] {TicketEvent.Visitor.class},
                (proxy, method, args) -> method);
    List<TicketEvent> events = EventFixtures.oneOfEach();
    assertEquals(TYPES, events.stream().map(Object::getClass).collect(Collectors.toSet()));
    Map<Class<?>, Method> dispatched =
        events.stream()
            .collect(Collectors.toMap(Object::getClass, e -> e.accept(called), (a, b) -> a));
    dispatched.forEach(
        (type, method) -> assertEquals(List.of(type), List.of(method.getParameterTypes())));
    assertEquals(TYPES.size(), Set.copyOf(dispatched.values()).size());
  }
}
