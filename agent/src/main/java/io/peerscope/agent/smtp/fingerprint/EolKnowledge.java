package io.peerscope.agent.smtp.fingerprint;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * End-of-support knowledge from {@code config/eol.yaml}: which product generations their vendor
 * no longer supports, since when, and where that is written. The first entry that applies to a
 * fingerprint wins. Loaded once at start; an operator edits the file without a build.
 */
public final class EolKnowledge {
  private final List<EolEntry> entries;

  public EolKnowledge(List<EolEntry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The entry for this software, if its generation has an end-of-support date on file. */
  public Optional<EolEntry> lookup(SoftwareMatch match) {
    if (match == null || match.vendor() == null || match.product() == null) {
      return Optional.empty();
    }
    for (EolEntry e : entries) {
      if (e.appliesTo(match)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  public List<EolEntry> entries() {
    return entries;
  }

  /** {@code configDir/eol.yaml}. */
  public static Path defaultFile(Path configDir) {
    return configDir.resolve("eol.yaml");
  }

  /**
   * @throws IOException when the file is missing, not YAML, or an entry lacks a required key (the
   *     message names the entry and the key: a configuration error)
   */
  public static EolKnowledge load(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return load(in, file.toString());
    }
  }

  public static EolKnowledge load(InputStream in, String source) throws IOException {
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    FileForm form;
    try {
      form = yaml.readValue(in, FileForm.class);
    } catch (UnrecognizedPropertyException e) {
      throw new IOException(source + ": unknown key '" + e.getPropertyName() + "'", e);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException(source + ": " + e.getOriginalMessage(), e);
    }
    if (form == null || form.entries == null) {
      throw new IOException(source + ": no 'entries' list");
    }
    List<EolEntry> out = new ArrayList<>();
    int i = 0;
    for (EntryForm f : form.entries) {
      i++;
      String where = source + " entry " + i + (f.name == null ? "" : " (" + f.name + ")");
      require(f.vendor, "vendor", where);
      require(f.product, "product", where);
      require(f.endOfSupport, "end_of_support", where);
      require(f.reference, "reference", where);
      LocalDate end;
      try {
        end = LocalDate.parse(f.endOfSupport.strip());
      } catch (java.time.format.DateTimeParseException e) {
        throw new IOException(where + ": end_of_support '" + f.endOfSupport + "' is not YYYY-MM-DD");
      }
      if (f.versionMin != null && !VersionComparator.isComparable(f.versionMin)
          || f.versionMax != null && !VersionComparator.isComparable(f.versionMax)) {
        throw new IOException(where + ": version_min/version_max must start with a digit");
      }
      out.add(
          new EolEntry(
              f.name == null ? f.vendor + " " + f.product : f.name,
              f.vendor,
              f.product,
              f.versionMin,
              f.versionMax,
              f.attributes,
              end,
              f.reference));
    }
    return new EolKnowledge(out);
  }

  private static void require(Object v, String key, String where) throws IOException {
    if (v == null || v.toString().isBlank()) {
      throw new IOException(where + ": missing '" + key + "'");
    }
  }

  /** The file's shape, kept apart from the value type. */
  static final class FileForm {
    @JsonProperty("entries")
    List<EntryForm> entries;
  }

  static final class EntryForm {
    @JsonProperty("name")
    String name;

    @JsonProperty("vendor")
    String vendor;

    @JsonProperty("product")
    String product;

    @JsonProperty("version_min")
    String versionMin;

    @JsonProperty("version_max")
    String versionMax;

    @JsonProperty("attributes")
    Map<String, String> attributes;

    @JsonProperty("end_of_support")
    String endOfSupport;

    @JsonProperty("reference")
    String reference;
  }
}
