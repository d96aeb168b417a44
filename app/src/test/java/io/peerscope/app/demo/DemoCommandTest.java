package io.peerscope.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.app.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 2, must-show 1: {@code peerscope demo} prints DNS results that came through MQTT into
 * the collector's database and out of its HTTP API, and exits 0.
 */
class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void demoPrintsWhatTheCollectorsApiServes() throws Exception {
    Cli.Run r = Cli.run("demo", "--keep", dir.toString());
    assertThat(r.exitCode()).as(r.all()).isZero();
    String out = r.out();
    assertThat(out).contains("Findings served by the collector's API");
    assertThat(out).contains("DNS results of sensor \"demo\" served by the collector's API");
    assertThat(out).contains("Dashboard: http://127.0.0.1:");
    assertThat(out).doesNotContain("had not stored everything");

    // the transactions the API reports are exactly those the agent logged
    long logged = Files.readAllLines(dir.resolve("logs/dns.jsonl")).size();
    Matcher m = Pattern.compile("(?m)^transactions\\s+(\\d+)$").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    assertThat(Long.parseLong(m.group(1))).isEqualTo(logged).isGreaterThan(3000);
    assertThat(out).containsPattern("(?m)^answered NXDOMAIN\\s+[1-9]");
    assertThat(out).containsPattern("(?m)^unanswered queries\\s+1$");

    // the busiest names come from the last summary the collector stored and serves
    assertThat(out).contains("Busiest names in the sensor's last summary (");
    assertThat(out).containsPattern("(?m)^status\\.poll-bot\\.example\\s+[1-9]\\d*\\s+NOERROR$");

    // issue 3 and issue 4 findings, as the API serves them
    for (String kind : new String[] {"dns.exclusive-peer", "dns.link-severed", "dns.renamed-host", "dns.beaconing",
        "smtp.eol-software", "smtp.starttls-missing", "smtp.cleartext-auth"}) {
      assertThat(out).as(kind).containsPattern("(?m)^" + kind.replace(".", "\\.") + "\\s");
    }
    assertThat(out).contains("mail1.tower-mailer.example", "192.0.2.25:25");

    // the AUTH LOGIN credentials in the capture appear in no output
    for (Path f : new Path[] {dir.resolve("logs/dns.jsonl"), dir.resolve("logs/smtp.jsonl"), dir.resolve("logs/findings.jsonl")}) {
      String text = Files.readString(f);
      assertThat(text).as(f.toString()).doesNotContain(DemoMail.USER_B64, DemoMail.PASSWORD_B64, "Winter2016");
    }
    assertThat(r.all()).doesNotContain(DemoMail.USER_B64, DemoMail.PASSWORD_B64, "Winter2016");
  }

  @Test
  void demoCaptureIsTheSameEveryTime() throws Exception {
    Path a = dir.resolve("a.pcap");
    Path b = dir.resolve("b.pcap");
    long frames = DemoCapture.writeFile(a);
    DemoCapture.writeFile(b);
    assertThat(frames).isGreaterThan(6000);
    assertThat(Files.mismatch(a, b)).isEqualTo(-1L);
  }
}
