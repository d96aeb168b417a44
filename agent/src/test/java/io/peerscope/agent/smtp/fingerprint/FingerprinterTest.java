package io.peerscope.agent.smtp.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.metrics.Counters;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FingerprinterTest {
  private static Counters counters;
  private static Fingerprinter own;

  @BeforeAll
  static void load() throws IOException {
    counters = new Counters();
    own = Fingerprinter.load(Fingerprinter.ownFiles(TestPaths.configDir()), List.of(), counters);
  }

  private static FingerprintDatabase db(String name, String xml) throws IOException {
    return RecogXmlLoader.load(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), name);
  }

  @Test
  void iis6OnWindowsServer2003() {
    SoftwareMatch m =
        own.matchBanner("mail.corp.example Microsoft ESMTP MAIL Service, Version: 6.0.3790.4675 ready at  Wed, 21 Jul 2010 19:04:24 -0700")
            .orElseThrow();
    assertThat(m.vendor()).isEqualTo("Microsoft");
    assertThat(m.product()).isEqualTo("IIS");
    assertThat(m.version()).isEqualTo("6.0.3790.4675");
    assertThat(m.osProduct()).isEqualTo("Windows Server 2003");
    assertThat(m.cpe()).isEqualTo("cpe:/a:microsoft:iis:6.0.3790.4675");
    assertThat(m.source()).isEqualTo("smtp_banners.xml");
    assertThat(m.label()).isEqualTo("Microsoft IIS 6.0.3790.4675 (Windows Server 2003)");
  }

  @Test
  void exchangeGenerations() {
    assertThat(own.matchBanner("mx ESMTP Server (Microsoft Exchange Internet Mail Service 5.5.2653.13) ready"))
        .hasValueSatisfying(m -> {
          assertThat(m.product()).isEqualTo("Exchange Server");
          assertThat(m.version()).isEqualTo("5.5.2653.13");
        });
    assertThat(own.matchBanner("ex2016.corp.example Microsoft ESMTP MAIL Service ready at Mon, 2 May 2016 06:12:00 +0200"))
        .hasValueSatisfying(m -> {
          assertThat(m.product()).isEqualTo("Exchange Server");
          assertThat(m.version()).isNull();
        });
    assertThat(own.matchBanner("AM6EUR05FT012.mail.protection.outlook.com Microsoft ESMTP MAIL Service ready at Mon, 2 May 2016 06:12:00 +0000"))
        .hasValueSatisfying(m -> assertThat(m.product()).isEqualTo("Exchange Online"));
  }

  @Test
  void commonUnixMailers() {
    assertThat(own.matchBanner("mx.example.org ESMTP Postfix (Debian/GNU)"))
        .hasValueSatisfying(m -> assertThat(m.product()).isEqualTo("Postfix"));
    assertThat(own.matchBanner("smtp.example.org ESMTP Exim 4.94.2 Mon, 02 May 2016 06:12:00 +0000"))
        .hasValueSatisfying(m -> assertThat(m.version()).isEqualTo("4.94.2"));
    assertThat(own.matchBanner("mail.example.org ESMTP Sendmail 8.13.8/8.13.8; Mon, 2 May 2016 06:12:00 GMT"))
        .hasValueSatisfying(m -> assertThat(m.version()).isEqualTo("8.13.8"));
    assertThat(own.matchBanner("mail.example.org ESMTP Service (HCL Domino Release 11.0.1FP2) ready at Mon"))
        .hasValueSatisfying(m -> assertThat(m.version()).isEqualTo("11.0.1FP2"));
  }

  @Test
  void replyCodeAndMultiLineGreetingsAreHandled() {
    assertThat(own.matchBanner("220 mx.example.org ESMTP Postfix"))
        .hasValueSatisfying(m -> assertThat(m.product()).isEqualTo("Postfix"));
    // the identifying line is the second of a multi-line 220
    assertThat(own.matchBanner("220-mx.example.org Welcome, no UCE\r\n220 mx.example.org ESMTP Exim 4.96"))
        .hasValueSatisfying(m -> assertThat(m.version()).isEqualTo("4.96"));
    assertThat(own.matchBanner("mx.example.org ESMTP ready")).isEmpty();
    assertThat(own.matchBanner("")).isEmpty();
    assertThat(own.matchBanner(null)).isEmpty();
  }

  @Test
  void ehloKeywordsFillInWhatTheBannerLeftOpen() {
    assertThat(own.matchEhlo("250-XEXCH50")).hasValueSatisfying(m -> assertThat(m.product()).isEqualTo("Exchange Server"));
    assertThat(own.matchEhlo("250-PIPELINING")).isEmpty();
    SoftwareMatch m =
        own.identify(
                "mail.example.com Microsoft ESMTP MAIL Service ready at Mon, 2 May 2016 06:12:00 +0200",
                List.of("250-mail.example.com Hello [192.0.2.1]", "250-SIZE 36700160", "250-XSHADOWREQUEST", "250 CHUNKING"))
            .orElseThrow();
    assertThat(m.product()).isEqualTo("Exchange Server");
    assertThat(m.attributes()).containsEntry("exchange.generation", "2013+");
    // no banner match: the EHLO alone identifies the family
    assertThat(own.identify("mx.example.com ESMTP", List.of("250-mx.example.com Hello", "250 X-LINK2STATE")))
        .hasValueSatisfying(x -> assertThat(x.attributes()).containsEntry("exchange.generation", "2000-2003"));
    // an EHLO keyword never relabels another vendor's banner
    assertThat(own.identify("mx ESMTP Postfix", List.of("250-XEXCH50")))
        .hasValueSatisfying(x -> assertThat(x.product()).isEqualTo("Postfix"));
  }

  @Test
  void extraSourcesComeFirst() throws IOException {
    FingerprintDatabase operator = db("site.xml", """
        <fingerprints matches="smtp.banner">
          <fingerprint pattern="ESMTP Postfix">
            <param pos="0" name="service.vendor" value="Example Corp"/>
            <param pos="0" name="service.product" value="Relay"/>
          </fingerprint>
        </fingerprints>""");
    List<FingerprintDatabase> dbs = new java.util.ArrayList<>(List.of(operator));
    for (var p : Fingerprinter.ownFiles(TestPaths.configDir())) {
      dbs.add(RecogXmlLoader.load(p));
    }
    Fingerprinter f = new Fingerprinter(dbs, new Counters());
    assertThat(f.matchBanner("mx ESMTP Postfix")).hasValueSatisfying(m -> assertThat(m.source()).isEqualTo("site.xml"));
    assertThat(f.matchBanner("mx ESMTP Exim 4.96")).hasValueSatisfying(m -> assertThat(m.source()).isEqualTo("smtp_banners.xml"));
  }

  @Test
  void catastrophicPatternOnHostileLineIsCutByTheBudgetNotTheClock() throws IOException {
    Counters c = new Counters();
    FingerprintDatabase evil = db("evil.xml", """
        <fingerprints>
          <fingerprint pattern="^(.*?,){12}x"><param pos="0" name="service.product" value="never"/></fingerprint>
        </fingerprints>""");
    Fingerprinter f = new Fingerprinter(List.of(evil), c);
    // C(60,12) ways to place the twelve commas: about 10^12 steps without a budget
    assertThat(f.matchBanner(",".repeat(60))).isEmpty();
    assertThat(c.get("smtp.fingerprint.budget_exceeded")).isEqualTo(1);
    assertThat(c.get("smtp.fingerprint.unmatched")).isEqualTo(1);
  }

  @Test
  void overlongLinesAreCutAndCounted() {
    long before = counters.get("smtp.fingerprint.line_truncated");
    String hostile = "x".repeat(100_000) + " ESMTP Postfix";
    assertThat(own.matchBanner(hostile)).isEmpty();
    assertThat(counters.get("smtp.fingerprint.line_truncated")).isGreaterThan(before);
    // bytes that are not text are data, not errors
    assertThat(own.matchBanner("\u0000\uFFFD\u0007 ESMTP Exim 4.96")).hasValueSatisfying(m -> assertThat(m.version()).isEqualTo("4.96"));
  }
}
