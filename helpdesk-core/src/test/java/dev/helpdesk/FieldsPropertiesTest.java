package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ANA;
import static dev.helpdesk.DeskFixture.BEA;
import static dev.helpdesk.DeskFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.common.ValidationException;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.ticket.FieldDefinition;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Ticket;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Whatever values a ticket is opened or edited with, either they suit the declared fields and are
 * stored, or a {@link ValidationException} names one of the keys given (or the missing required
 * one) and nothing is stored; a stored ticket always satisfies the schema.
 */
class FieldsPropertiesTest {

  private static final List<FieldDefinition> SCHEMA =
      List.of(
          FieldsTest.SEAT_CLASS,
          FieldsTest.FARE,
          FieldsTest.TRAVEL_DATE,
          FieldsTest.TRAIN,
          FieldsTest.PNR);

  private final DeskFixture f =
      new DeskFixture(b -> b.fields(SCHEMA.toArray(FieldDefinition[]::new)));
  private final AtomicInteger customers = new AtomicInteger();

  private static Gen<String> values() {
    Gen<String> numbers =
        integers().between(-100_000, 100_000).map(i -> i / 100 + "." + Math.abs(i % 100));
    Gen<String> dates =
        integers().between(-1000, 40_000).map(d -> LocalDate.ofEpochDay(d).toString());
    Gen<String> choices = Generate.pick(List.of("first", "second", "third", "First"));
    Gen<String> text = strings().basicLatinAlphabet().ofLengthBetween(0, 12);
    Gen<String> dateLike =
        integers().between(0, 9999).map(i -> String.format("2026-%02d-%02d", i / 100, i % 100));
    return numbers.mix(dates).mix(choices).mix(text).mix(dateLike);
  }

  private static Gen<Map<String, String>> fieldMaps() {
    Gen<String> keys =
        Generate.pick(
            List.of(
                "seat_class",
                "fare",
                "travel_date",
                "train",
                "pnr",
                "colour",
                Ticket.BOOKING_REFERENCE));
    Gen<Map.Entry<String, String>> entries = keys.zip(values(), Map::entry);
    return lists()
        .of(entries)
        .ofSizeBetween(0, 6)
        .map(
            es -> {
              Map<String, String> m = new LinkedHashMap<>();
              es.forEach(e -> m.put(e.getKey(), e.getValue()));
              return m;
            });
  }

  /**
   * Whether the stored fields satisfy the schema: every key declared or the desk's own, every value
   * checked, the required present.
   */
  private static void assertSatisfiesSchema(Map<String, String> stored) {
    for (Map.Entry<String, String> e : stored.entrySet()) {
      Optional<FieldDefinition> d =
          SCHEMA.stream().filter(x -> x.key().equals(e.getKey())).findFirst();
      if (d.isPresent()) {
        assertEquals(e.getValue(), d.get().check(e.getValue()));
      } else {
        assertEquals(Ticket.BOOKING_REFERENCE, e.getKey());
      }
    }
    assertTrue(stored.containsKey("seat_class"), stored.toString());
  }

  private static void assertNamesAKeyGiven(ValidationException e, Map<String, String> given) {
    String field = e.field();
    assertTrue(field.startsWith("customFields."), field);
    String key = field.substring("customFields.".length());
    assertTrue(given.containsKey(key) || key.equals("seat_class"), field + " for " + given);
  }

  @Test
  void openingEitherStoresValuesThatSuitTheSchemaOrNamesTheKeyAndStoresNothing() {
    qt().withExamples(300)
        .forAll(fieldMaps())
        .checkAssert(
            fields -> {
              String customer = "c-" + customers.incrementAndGet();
              Actor actor = Actor.customer(customer);
              Ticket opened;
              try {
                NewTicket.Builder r = request(customer);
                fields.forEach(r::field);
                opened = f.desk.open(actor, r.build());
              } catch (ValidationException e) {
                assertNamesAKeyGiven(e, fields);
                assertEquals(List.of(), f.desk.ticketsOf(BEA, CustomerId.of(customer)));
                return;
              }
              Ticket stored = f.desk.ticket(BEA, opened.id()).ticket();
              assertEquals(Map.copyOf(fields), stored.customFields());
              assertSatisfiesSchema(stored.customFields());
            });
  }

  @Test
  void editingEitherStoresValuesThatSuitTheSchemaOrNamesTheKeyAndStoresNothing() {
    Ticket t =
        f.desk
            .ticket(
                BEA, f.desk.open(ANA, request("c-ana").field("seat_class", "first").build()).id())
            .ticket();
    qt().withExamples(300)
        .forAll(fieldMaps())
        .checkAssert(
            fields -> {
              Ticket before = f.desk.ticket(BEA, t.id()).ticket();
              Ticket after;
              try {
                after = f.desk.setFields(BEA, t.id(), fields);
              } catch (ValidationException e) {
                assertNamesAKeyGiven(e, fields);
                assertEquals(before, f.desk.ticket(BEA, t.id()).ticket());
                return;
              }
              Map<String, String> expected = new LinkedHashMap<>(before.customFields());
              expected.putAll(fields);
              assertEquals(expected, after.customFields());
              assertEquals(after, f.desk.ticket(BEA, t.id()).ticket());
              assertSatisfiesSchema(after.customFields());
            });
  }

  @Test
  void aNumberIsWhatBigDecimalReads() {
    qt().forAll(strings().basicLatinAlphabet().ofLengthBetween(1, 10))
        .checkAssert(
            s -> {
              boolean decimal;
              try {
                new BigDecimal(s);
                decimal = true;
              } catch (NumberFormatException e) {
                decimal = false;
              }
              boolean accepted;
              try {
                FieldsTest.FARE.check(s);
                accepted = true;
              } catch (ValidationException e) {
                assertEquals("customFields.fare", e.field());
                accepted = false;
              }
              assertEquals(decimal && !s.isBlank(), accepted, s);
            });
  }
}
