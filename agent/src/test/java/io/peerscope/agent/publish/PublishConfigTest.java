package io.peerscope.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PublishConfigTest {
  private static final Path SPOOL = Path.of("/var/lib/peerscope/spool");

  @Test
  void defaultsAreUsable() {
    PublishConfig c = PublishConfig.defaults("tcp://collector.lan:1883", SPOOL);
    assertThat(c.spoolMaxBytes()).isEqualTo(64L << 20);
    assertThat(c.summaryClock()).isEqualTo(PublishConfig.SummaryClock.CAPTURE);
  }

  @Test
  void badValuesAreRefusedWithTheirName() {
    assertThatThrownBy(() -> PublishConfig.defaults("http://collector:1883", SPOOL))
        .hasMessageContaining("tcp://");
    assertThatThrownBy(() -> PublishConfig.defaults("tcp://c:1883", SPOOL).withSpoolMaxBytes(100))
        .hasMessageContaining("spool size");
  }

  @Test
  void thePasswordNeverShowsInText() {
    PublishConfig c =
        PublishConfig.defaults("ssl://c:8883", SPOOL).withCredentials("pi-lab", "s3cret-pass");
    assertThat(c.toString()).doesNotContain("s3cret-pass").contains("pi-lab");
  }
}
