package io.peerscope.agent.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Collection;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Turns Jackson's binding errors into an operator's sentence about one key. */
final class ConfigErrors {
  private ConfigErrors() {}

  static String keyPath(JsonMappingException e) {
    String path =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    return path.isEmpty() ? "(file)" : path;
  }

  static String problem(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown key (known here: " + known(u.getKnownPropertyIds()) + ")";
    }
    if (e instanceof InvalidFormatException f) {
      return "expected " + typeName(f.getTargetType()) + ", got '" + f.getValue() + "'";
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return "expected " + typeName(m.getTargetType());
    }
    return e.getOriginalMessage();
  }

  private static String known(Collection<Object> ids) {
    return ids == null ? "" : new TreeSet<>(ids.stream().map(String::valueOf).toList()).toString();
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "another value";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type.isRecord()) {
      return "a mapping of keys";
    }
    return type.getSimpleName();
  }
}
