package io.peerscope.agent.smtp.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.metrics.Counters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Must-show 2: the fingerprinter against every {@code <example>} of Recog's SMTP files. The
 * expected values of an example are what Recog itself gives for it: its fingerprint's fixed
 * parameters and captures, with the example's attributes on top (Recog's own test checks that
 * these agree; {@link RecogXmlLoaderTest} checks that our loader reproduces it).
 */
class RecogAgreementTest {

  record Expectation(String text, String vendor, String product, String version) {}

  record Outcome(int total, List<String> disagreements) {
    double agreement() {
      return total == 0 ? 0 : 1.0 - (double) disagreements.size() / total;
    }
  }

  @Test
  void ownKnowledgeBaseAloneAgreesWithAtLeastNinetyPercentOfRecogBannerExamples() throws IOException {
    Fingerprinter own =
        Fingerprinter.load(Fingerprinter.ownFiles(TestPaths.configDir()), List.of(), new Counters());
    Outcome o = run(own, TestPaths.recogFile("smtp_banners.xml"), false);
    report("own base alone, smtp_banners.xml", o);
    assertThat(o.total()).isGreaterThan(100);
    assertThat(o.agreement()).isGreaterThanOrEqualTo(0.90);
  }

  @Test
  void withRecogLoadedAsExtraSourceEveryBannerExampleAgrees() throws IOException {
    Path recog = TestPaths.recogFile("smtp_banners.xml");
    Fingerprinter both =
        Fingerprinter.load(Fingerprinter.ownFiles(TestPaths.configDir()), List.of(recog), new Counters());
    Outcome o = run(both, recog, false);
    report("own base + Recog, smtp_banners.xml", o);
    assertThat(o.disagreements()).isEmpty();
  }

  @Test
  void ehloExamplesAgreeAndEveryEhloFingerprintLoads() throws IOException {
    Path recogEhlo = TestPaths.recogFile("smtp_ehlo.xml");
    FingerprintDatabase db = RecogXmlLoader.load(recogEhlo);
    assertThat(db.isEhlo()).isTrue();
    assertThat(db.rejected()).isEmpty();
    assertThat(db.fingerprints()).isNotEmpty();
    Fingerprinter both =
        Fingerprinter.load(Fingerprinter.ownFiles(TestPaths.configDir()), List.of(recogEhlo), new Counters());
    Outcome o = run(both, recogEhlo, true);
    report("own base + Recog, smtp_ehlo.xml", o);
    assertThat(o.disagreements()).isEmpty();
    // the file ships no examples at this commit; its fingerprints must still fire on their own text
    assertThat(both.matchEhlo("500 Syntax error, command \"XXXX\" unrecognized"))
        .hasValueSatisfying(m -> assertThat(m.osProduct()).isEqualTo("PIX"));
  }

  private static Outcome run(Fingerprinter f, Path recogFile, boolean ehlo) throws IOException {
    FingerprintDatabase db = RecogXmlLoader.load(recogFile);
    List<Expectation> expectations = expectations(db);
    List<String> disagreements = new ArrayList<>();
    for (Expectation e : expectations) {
      Optional<SoftwareMatch> got = ehlo ? f.matchEhlo(e.text()) : f.matchBanner(e.text());
      String v = got.map(SoftwareMatch::vendor).orElse(null);
      String p = got.map(SoftwareMatch::product).orElse(null);
      String ver = got.map(SoftwareMatch::version).orElse(null);
      if (!Objects.equals(v, e.vendor()) || !Objects.equals(p, e.product()) || !Objects.equals(ver, e.version())) {
        disagreements.add(
            String.format(
                "%-70s expected %s | %s | %s, got %s | %s | %s (%s)",
                e.text(), e.vendor(), e.product(), e.version(), v, p, ver,
                got.map(m -> m.source() + ": " + m.description()).orElse("no match")));
      }
    }
    return new Outcome(expectations.size(), disagreements);
  }

  /** What Recog says each example is: its own fingerprint's output, example attributes on top. */
  static List<Expectation> expectations(FingerprintDatabase db) {
    List<Expectation> out = new ArrayList<>();
    for (RecogFingerprint fp : db.fingerprints()) {
      for (RecogExample ex : fp.examples()) {
        SoftwareMatch own = fp.match(ex.text());
        Map<String, String> attrs = new LinkedHashMap<>(own == null ? Map.of() : own.attributes());
        attrs.putAll(ex.expected());
        out.add(
            new Expectation(
                ex.text(), attrs.get("service.vendor"), attrs.get("service.product"), attrs.get("service.version")));
      }
    }
    return out;
  }

  private static void report(String what, Outcome o) {
    System.out.printf(
        "fingerprint agreement (%s): %d/%d = %.1f%%%n",
        what, o.total() - o.disagreements().size(), o.total(), 100 * o.agreement());
    o.disagreements().forEach(d -> System.out.println("  disagreement: " + d));
  }
}
