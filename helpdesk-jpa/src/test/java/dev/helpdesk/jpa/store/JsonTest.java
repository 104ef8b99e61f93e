package dev.helpdesk.jpa.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.maps;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the adapters store as JSON reads back as it was written, empty documents included. */
class JsonTest {

  @Test
  void stringListsReadBackInOrder() {
    qt().forAll(lists().of(strings().allPossible().ofLengthBetween(0, 12)).ofSizeBetween(0, 6))
        .checkAssert(values -> assertEquals(values, Json.strings(Json.strings(values))));
  }

  @Test
  void stringMapsReadBackInOrder() {
    qt().forAll(
            maps()
                .of(
                    strings().allPossible().ofLengthBetween(0, 8),
                    strings().allPossible().ofLengthBetween(0, 12))
                .ofSizeBetween(0, 6))
        .checkAssert(
            values -> {
              Map<String, String> read = Json.stringMap(Json.stringMap(values));
              assertEquals(values, read);
              assertEquals(new ArrayList<>(values.keySet()), new ArrayList<>(read.keySet()));
            });
  }

  @Test
  void anEmptyDocumentReadsAsACollectionTheReaderMayFill() {
    List<String> tags = Json.strings("[]");
    tags.add("refund");
    assertEquals(List.of("refund"), tags);
    Map<String, String> fields = Json.stringMap("{}");
    fields.put("cause", "delay");
    assertEquals(Map.of("cause", "delay"), fields);
    assertEquals(List.of(), Json.strings(" [ ] "));
  }
}
