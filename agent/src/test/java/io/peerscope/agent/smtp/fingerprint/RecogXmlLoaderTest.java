package io.peerscope.agent.smtp.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RecogXmlLoaderTest {

  private static FingerprintDatabase parse(String xml) throws IOException {
    return RecogXmlLoader.load(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test.xml");
  }

  /** Recog's own rule, reproduced: every example matches its fingerprint and yields its attributes. */
  @Test
  void everyRecogExampleYieldsItsExpectedAttributesThroughItsOwnFingerprint() throws IOException {
    for (String file : List.of("smtp_banners.xml", "smtp_ehlo.xml")) {
      FingerprintDatabase db = RecogXmlLoader.load(TestPaths.recogFile(file));
      assertThat(db.rejected()).as("fingerprints rejected in " + file).isEmpty();
      List<String> failures = new ArrayList<>();
      for (RecogFingerprint fp : db.fingerprints()) {
        for (RecogExample ex : fp.examples()) {
          SoftwareMatch m = fp.match(ex.text());
          if (m == null) {
            failures.add("no match: " + ex.text() + " / " + fp.pattern());
            continue;
          }
          for (Map.Entry<String, String> want : ex.expected().entrySet()) {
            if (!want.getValue().equals(m.attributes().get(want.getKey()))) {
              failures.add(ex.text() + ": " + want.getKey() + " expected '" + want.getValue()
                  + "' got '" + m.attributes().get(want.getKey()) + "'");
            }
          }
        }
      }
      assertThat(failures).as(file).isEmpty();
    }
  }

  @Test
  void fixedAndPositionalParamsWithPlaceholderInterpolation() throws IOException {
    FingerprintDatabase db = parse("""
        <fingerprints matches="smtp.banner">
          <fingerprint pattern="^(\\S+) ESMTP Acme (\\d+\\.\\d+)$">
            <description>Acme MTA</description>
            <example service.version="2.1" host.name="mx.example">mx.example ESMTP Acme 2.1</example>
            <param pos="0" name="service.vendor" value="Acme"/>
            <param pos="0" name="service.product" value="MTA"/>
            <param pos="2" name="service.version"/>
            <param pos="1" name="host.name"/>
            <param pos="0" name="service.cpe23" value="cpe:/a:acme:mta:{service.version}"/>
            <param pos="0" name="acme.note" value="built {service.build}"/>
          </fingerprint>
        </fingerprints>""");
    RecogFingerprint fp = db.fingerprints().get(0);
    SoftwareMatch m = fp.match("mx.example ESMTP Acme 2.1");
    assertThat(m.vendor()).isEqualTo("Acme");
    assertThat(m.product()).isEqualTo("MTA");
    assertThat(m.version()).isEqualTo("2.1");
    assertThat(m.cpe()).isEqualTo("cpe:/a:acme:mta:2.1");
    assertThat(m.description()).isEqualTo("Acme MTA");
    assertThat(m.source()).isEqualTo("test.xml");
    assertThat(m.attributes()).containsEntry("host.name", "mx.example");
    // a placeholder naming an absent parameter never leaks a brace: the value is dropped
    assertThat(m.attributes()).doesNotContainKey("acme.note");
    assertThat(fp.examples()).singleElement().satisfies(e -> assertThat(e.expected()).containsEntry("service.version", "2.1"));
  }

  @Test
  void missingPlaceholderInCpeBecomesDash() throws IOException {
    FingerprintDatabase db = parse("""
        <fingerprints>
          <fingerprint pattern="Acme(?: (\\d+))?">
            <param pos="0" name="service.cpe23" value="cpe:/a:acme:mta:{service.version}"/>
            <param pos="1" name="service.version"/>
          </fingerprint>
        </fingerprints>""");
    assertThat(db.fingerprints().get(0).match("Acme").cpe()).isEqualTo("cpe:/a:acme:mta:-");
  }

  @Test
  void base64ExamplesAreDecoded() throws IOException {
    // "Acme\r\n2" in base64: examples with bytes XML cannot carry
    FingerprintDatabase db = parse("""
        <fingerprints>
          <fingerprint pattern="^Acme">
            <example _encoding="base64" service.product="x">QWNtZQ0KMg==</example>
            <param pos="0" name="service.product" value="x"/>
          </fingerprint>
        </fingerprints>""");
    RecogExample ex = db.fingerprints().get(0).examples().get(0);
    assertThat(ex.text()).isEqualTo("Acme\r\n2");
    assertThat(ex.expected()).containsOnlyKeys("service.product");
  }

  @Test
  void flagsMapToJavaRegexFlags() throws IOException {
    FingerprintDatabase db = parse("""
        <fingerprints>
          <fingerprint pattern="^acme.mail$" flags="REG_ICASE,REG_DOT_NEWLINE">
            <param pos="0" name="service.product" value="x"/>
          </fingerprint>
          <fingerprint pattern="^acme$" flags="REG_MULTILINE">
            <param pos="0" name="service.product" value="y"/>
          </fingerprint>
        </fingerprints>""");
    assertThat(db.fingerprints().get(0).match("ACME\nMAIL")).isNotNull();
    assertThat(db.fingerprints().get(1).match("first\nacme\nlast")).isNotNull();
    assertThat(RecogXmlLoader.flags("REG_ICASE") & Pattern.CASE_INSENSITIVE).isNotZero();
    assertThat(RecogXmlLoader.flags("") & Pattern.CASE_INSENSITIVE).isZero();
  }

  @Test
  void rubyOnlyRegexSpellingsAreTranslated() {
    assertThat(RubyRegex.toJava("v\\h+")).isEqualTo("v[0-9a-fA-F]+");
    assertThat(RubyRegex.toJava("[\\h:]")).isEqualTo("[0-9a-fA-F:]");
    assertThat(RubyRegex.toJava("[[:alpha:][:digit:]]+")).isEqualTo("[\\p{Alpha}\\p{Digit}]+");
    assertThat(RubyRegex.toJava("(?mi)a.b")).isEqualTo("(?si)a.b");
    assertThat(RubyRegex.toJava("[]a]")).isEqualTo("[\\]a]");
    assertThat(RubyRegex.toJava("\\\\h")).isEqualTo("\\\\h");
  }

  @Test
  void brokenFingerprintIsSkippedAndReportedNotFatal() throws IOException {
    FingerprintDatabase db = parse("""
        <fingerprints>
          <fingerprint pattern="(unclosed"><param pos="0" name="service.product" value="x"/></fingerprint>
          <fingerprint pattern="ok (\\d)"><param pos="2" name="service.version"/></fingerprint>
          <fingerprint pattern="fine"><param pos="0" name="service.product" value="fine"/></fingerprint>
        </fingerprints>""");
    assertThat(db.fingerprints()).hasSize(1);
    assertThat(db.rejected()).hasSize(2);
    assertThat(db.rejected().get(0)).contains("does not compile");
    assertThat(db.rejected().get(1)).contains("outside the 1 groups");
  }

  @Test
  void notXmlOrWrongRootOrDoctypeIsAConfigurationError() {
    assertThatThrownBy(() -> parse("this is not xml")).isInstanceOf(IOException.class).hasMessageContaining("test.xml");
    assertThatThrownBy(() -> parse("<rules/>")).isInstanceOf(IOException.class).hasMessageContaining("<fingerprints>");
    // external entities would read local files: DOCTYPE is refused outright
    assertThatThrownBy(() -> parse("""
        <?xml version="1.0"?>
        <!DOCTYPE fingerprints [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <fingerprints><fingerprint pattern="&x;"/></fingerprints>"""))
        .isInstanceOf(IOException.class);
  }

  @Test
  void ownFilesLoadCleanlyAndTheirExamplesMatchTheirOwnFingerprint() throws IOException {
    for (var path : Fingerprinter.ownFiles(TestPaths.configDir())) {
      FingerprintDatabase db = RecogXmlLoader.load(path);
      assertThat(db.rejected()).as(path.toString()).isEmpty();
      assertThat(db.fingerprints()).isNotEmpty();
      for (RecogFingerprint fp : db.fingerprints()) {
        for (RecogExample ex : fp.examples()) {
          SoftwareMatch m = fp.match(ex.text());
          assertThat(m).as(ex.text()).isNotNull();
          ex.expected().forEach((k, v) -> assertThat(m.attributes()).as(ex.text()).containsEntry(k, v));
        }
      }
    }
  }
}
