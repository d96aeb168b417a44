package io.peerscope.agent.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code agent.yaml} strictly and applies command-line overrides. Overrides are set on the
 * YAML tree by key path before binding, so a flag is validated by exactly the same rules (and
 * named by the same key) as the file.
 */
public final class AgentConfigLoader {
  private static final ObjectMapper YAML = strictYamlMapper();

  private final Map<String, Object> overrides = new LinkedHashMap<>();

  /** Sets {@code key} (dotted path, e.g. {@code capture.interface}) unless value is null. */
  public AgentConfigLoader override(String key, Object value) {
    if (value != null) {
      overrides.put(key, value);
    }
    return this;
  }

  /** Loads the file (null: defaults only) with the overrides applied. */
  public AgentConfig load(Path file) {
    ObjectNode root = file == null ? JsonNodeFactory.instance.objectNode() : readTree(file);
    overrides.forEach((key, value) -> set(root, key, value));
    return bind(root, AgentConfig.class, file);
  }

  /** A YAML mapper that rejects unknown keys and lossy coercions; shared with the collector CLI. */
  public static ObjectMapper strictYamlMapper() {
    return new ObjectMapper(new YAMLFactory())
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
  }

  static ObjectNode readTree(Path file) {
    try {
      JsonNode tree = YAML.readTree(Files.readString(file));
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        return JsonNodeFactory.instance.objectNode(); // an empty file means all defaults
      }
      if (!tree.isObject()) {
        throw new ConfigException("(file)", file + " must be a mapping of keys, got " + tree.getNodeType());
      }
      return (ObjectNode) tree;
    } catch (NoSuchFileException e) {
      throw new ConfigException("--config", "no such file: " + file, e);
    } catch (JsonProcessingException e) {
      throw new ConfigException("(file)", file + " is not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ConfigException("--config", "cannot read " + file + ": " + e, e);
    }
  }

  private static void set(ObjectNode root, String key, Object value) {
    String[] parts = key.split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (!(child instanceof ObjectNode)) {
        child = node.putObject(parts[i]);
      }
      node = (ObjectNode) child;
    }
    node.set(parts[parts.length - 1], YAML.valueToTree(value));
  }

  /**
   * Binds a tree to a config record, turning Jackson's errors into a {@link ConfigException} that
   * names the key path: the records validate in their constructors, and Jackson wraps what they
   * throw.
   */
  public static <T> T bind(JsonNode tree, Class<T> type, Path file) {
    try {
      return YAML.treeToValue(tree, type);
    } catch (JsonMappingException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof ConfigException ce) {
          throw ce;
        }
      }
      throw new ConfigException(ConfigErrors.keyPath(e), ConfigErrors.problem(e), e);
    } catch (JsonProcessingException e) {
      throw new ConfigException("(file)", (file == null ? "" : file + ": ") + e.getOriginalMessage(), e);
    }
  }
}
