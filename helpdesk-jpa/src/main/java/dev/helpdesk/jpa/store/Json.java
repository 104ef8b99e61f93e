package dev.helpdesk.jpa.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON the adapters store: flat string lists and string maps (tags, custom fields, notification
 * values) and the event payload documents. Jackson's tree model keeps the documents explicit: what
 * is stored is written out field by field by the mappers, so a renamed record component cannot
 * silently change the stored format.
 */
public final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** A new empty object node. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Parses a stored document. */
  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored JSON is not readable: " + e.getOriginalMessage(), e);
    }
  }

  /** Writes a document. */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write JSON", e);
    }
  }

  /** A JSON array of the strings, in iteration order. */
  public static String strings(Collection<String> values) {
    return write(stringArray(values));
  }

  /** A JSON array node of the strings. */
  public static JsonNode stringArray(Collection<String> values) {
    var array = MAPPER.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  /** The strings of a JSON array, in order. */
  public static List<String> strings(String json) {
    // Most rows store no tags: every listing reads one such array per row, and Jackson's parser
    // costs more than the rest of the row.
    if ("[]".equals(json)) {
      return new ArrayList<>(0);
    }
    return strings(parse(json));
  }

  /** The strings of a JSON array node, in order. */
  public static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>(array.size());
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  /** A JSON object of the string map, in iteration order. */
  public static String stringMap(Map<String, String> values) {
    return write(stringMapNode(values));
  }

  /** A JSON object node of the string map. */
  public static ObjectNode stringMapNode(Map<String, String> values) {
    ObjectNode node = object();
    values.forEach(node::put);
    return node;
  }

  /** The string map of a JSON object, in document order. */
  public static Map<String, String> stringMap(String json) {
    if ("{}".equals(json)) {
      return new LinkedHashMap<>();
    }
    return stringMap(parse(json));
  }

  /** The string map of a JSON object node, in document order. */
  public static Map<String, String> stringMap(JsonNode object) {
    Map<String, String> values = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
    return values;
  }
}
