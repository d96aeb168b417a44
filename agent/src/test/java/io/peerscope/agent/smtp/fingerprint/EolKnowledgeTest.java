package io.peerscope.agent.smtp.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerscope.agent.metrics.Counters;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EolKnowledgeTest {
  private static EolKnowledge eol;
  private static Fingerprinter fingerprinter;

  @BeforeAll
  static void load() throws IOException {
    eol = EolKnowledge.load(EolKnowledge.defaultFile(TestPaths.configDir()));
    fingerprinter = Fingerprinter.load(Fingerprinter.ownFiles(TestPaths.configDir()), List.of(), new Counters());
  }

  private static SoftwareMatch banner(String text) {
    return fingerprinter.matchBanner(text).orElseThrow(() -> new AssertionError("no fingerprint for " + text));
  }

  @Test
  void iis6OnWindowsServer2003EndedOn14July2015() {
    EolEntry e =
        eol.lookup(banner("mx Microsoft ESMTP MAIL Service, Version: 6.0.3790.4675 ready at  Wed, 21 Jul 2010 19:04:24 -0700"))
            .orElseThrow();
    assertThat(e.endOfSupport()).isEqualTo(LocalDate.of(2015, 7, 14));
    assertThat(e.name()).contains("Windows Server 2003");
    assertThat(e.reference()).startsWith("https://");
    assertThat(e.endedBy(Instant.parse("2016-05-02T06:12:00Z"))).isTrue();
    assertThat(e.endedBy(Instant.parse("2015-07-13T23:59:59Z"))).isFalse();
  }

  @Test
  void windows2000AndExchangeGenerations() {
    assertThat(eol.lookup(banner("mx Microsoft ESMTP MAIL Service, Version: 5.0.2195.6713 ready at Thu")))
        .hasValueSatisfying(e -> assertThat(e.endOfSupport()).isEqualTo(LocalDate.of(2010, 7, 13)));
    assertThat(eol.lookup(banner("mx ESMTP Server (Microsoft Exchange Internet Mail Service 5.5.2653.13) ready")))
        .hasValueSatisfying(e -> assertThat(e.endOfSupport()).isEqualTo(LocalDate.of(2006, 1, 10)));
    // Exchange 2007+ greets without a version: no generation, no verdict
    assertThat(eol.lookup(banner("mx Microsoft ESMTP MAIL Service ready at Mon, 2 May 2016 06:12:00 +0200"))).isEmpty();
    SoftwareMatch byEhlo =
        fingerprinter.identify("mx ESMTP", List.of("250-mx Hello [192.0.2.7]", "250-X-LINK2STATE")).orElseThrow();
    assertThat(eol.lookup(byEhlo)).hasValueSatisfying(e -> assertThat(e.endOfSupport()).isEqualTo(LocalDate.of(2014, 4, 8)));
  }

  @Test
  void versionRangesCompareNumericallyNotAsText() {
    // 4.100 would sort before 4.92 as text
    assertThat(eol.lookup(banner("mx ESMTP Exim 4.89 Mon, 02 May 2016"))).hasValueSatisfying(e -> assertThat(e.name()).contains("4.92"));
    assertThat(eol.lookup(banner("mx ESMTP Exim 4.94 Mon, 02 May 2016"))).hasValueSatisfying(e -> assertThat(e.name()).contains("4.94.2"));
    assertThat(eol.lookup(banner("mx ESMTP Exim 4.94.2 Mon, 02 May 2016"))).hasValueSatisfying(e -> assertThat(e.name()).contains("4.96.1"));
    assertThat(eol.lookup(banner("mx ESMTP Exim 4.97 Mon, 02 May 2016"))).hasValueSatisfying(e -> assertThat(e.name()).contains("4.98"));
    assertThat(eol.lookup(banner("mx ESMTP Exim 4.98 Mon, 02 May 2016"))).isEmpty();
    assertThat(eol.lookup(banner("mx ESMTP Exim 4.100 Mon, 02 May 2016"))).isEmpty();
    assertThat(eol.lookup(banner("mx ESMTP Exim Mon, 02 May 2016"))).as("no version, no verdict").isEmpty();
    assertThat(eol.lookup(banner("mx ESMTP Postfix 2.11.3"))).isPresent();
    assertThat(eol.lookup(banner("mx ESMTP Postfix 3.10.1"))).isEmpty();
  }

  @Test
  void versionComparator() {
    VersionComparator c = VersionComparator.INSTANCE;
    assertThat(c.compare("10.0", "9.0")).isPositive();
    assertThat(c.compare("4.94", "4.94.2")).isNegative();
    assertThat(c.compare("15", "15.0.0")).isZero();
    // a release candidate comes before its release, after the previous one
    assertThat(c.compare("4.90_RC3", "4.90")).isNegative();
    assertThat(c.compare("4.90_RC3", "4.89")).isPositive();
    assertThat(c.compare("8.5.3FP6 HF1944", "8.5.3")).isPositive();
    assertThat(c.compare("8.11.6p2", "8.11.6")).isPositive();
    assertThat(c.compare("99999999999999999999999.1", "1")).isPositive();
  }

  @Test
  void badFilesNameTheEntryAndKey() {
    assertThatThrownBy(() -> parse("entries:\n  - name: x\n    vendor: V\n    product: P\n    reference: r\n"))
        .isInstanceOf(IOException.class).hasMessageContaining("entry 1 (x)").hasMessageContaining("end_of_support");
    assertThatThrownBy(() -> parse("entries:\n  - vendor: V\n    product: P\n    end_of_support: yesterday\n    reference: r\n"))
        .isInstanceOf(IOException.class).hasMessageContaining("YYYY-MM-DD");
    assertThatThrownBy(() -> parse("entries:\n  - vendor: V\n    product: P\n    end_of_support: 2020-01-01\n    reference: r\n    typo: 1\n"))
        .isInstanceOf(IOException.class).hasMessageContaining("typo");
    assertThatThrownBy(() -> parse("just text")).isInstanceOf(IOException.class);
  }

  @Test
  void attributesMustAllMatch() throws IOException {
    EolKnowledge k = parse("""
        entries:
          - vendor: Acme
            product: MTA
            attributes: {acme.edition: classic}
            end_of_support: 2020-01-01
            reference: https://example.com/eol
        """);
    SoftwareMatch classic = new SoftwareMatch("Acme", "MTA", null, null, null, null, null, null, null, "d", "s", Map.of("acme.edition", "classic"));
    SoftwareMatch modern = new SoftwareMatch("acme", "mta", null, null, null, null, null, null, null, "d", "s", Map.of("acme.edition", "modern"));
    assertThat(k.lookup(classic)).isPresent();
    assertThat(k.lookup(modern)).isEmpty();
    assertThat(k.lookup(null)).isEmpty();
  }

  private static EolKnowledge parse(String yaml) throws IOException {
    return EolKnowledge.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "eol-test.yaml");
  }
}
