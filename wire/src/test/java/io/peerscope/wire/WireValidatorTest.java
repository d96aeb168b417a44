package io.peerscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireValidatorTest {
  private final WireValidator validator = new WireValidator(4096);

  private static final String FINDING =
      """
      {"v":1,"id":"0123456789abcdef0123456789abcdef","sensor":"pi-1","kind":"dns.exclusive-peer",
       "severity":"medium","subject":"mail1.example.com","first_seen":"2016-05-02T06:12:00Z",
       "last_seen":"2016-05-13T14:40:00Z","count":123,"summary":"one client only",
       "evidence":{"top_peers":[{"peer":"10.0.0.5","share":0.97}]}}""";

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private Rejection findingRejection(String topic, String json) {
    Checked<Finding> checked = validator.finding(topic, bytes(json));
    assertThat(checked.isOk()).as(json).isFalse();
    assertThat(checked.detail()).isNotBlank();
    return checked.rejection();
  }

  @Test
  void aContractFindingIsAccepted() {
    Checked<Finding> checked = validator.finding("peerscope/pi-1/findings", bytes(FINDING));
    assertThat(checked.isOk()).isTrue();
    Finding f = checked.value();
    assertThat(f.sensor()).isEqualTo("pi-1");
    assertThat(f.kind()).isEqualTo("dns.exclusive-peer");
    assertThat(f.firstSeen()).isEqualTo(Instant.parse("2016-05-02T06:12:00Z"));
    assertThat(f.count()).isEqualTo(123);
    assertThat(f.evidence()).containsKey("top_peers");
  }

  @Test
  void whatAFindingPublishedByTheAgentLooksLikeIsAccepted() throws Exception {
    Finding f = Finding.of("pi-1", "smtp.starttls-missing", "high", "192.0.2.25:25",
        Instant.parse("2016-05-02T06:12:00Z"), Instant.parse("2016-05-02T06:12:00Z"), 1,
        "no STARTTLS offered", Map.of("banner", "220 mail ESMTP"));
    byte[] wire = WireJson.mapper().writeValueAsBytes(f);
    assertThat(validator.finding("peerscope/pi-1/findings", wire).value()).isEqualTo(f);
  }

  @Test
  void eachKindOfBadFindingHasItsReason() {
    String topic = "peerscope/pi-1/findings";
    assertThat(validator.finding(topic, new byte[0]).rejection()).isEqualTo(Rejection.EMPTY);
    assertThat(validator.finding(topic, new byte[5000]).rejection()).isEqualTo(Rejection.TOO_LARGE);
    assertThat(findingRejection(topic, "{\"v\":1,")).isEqualTo(Rejection.NOT_JSON);
    assertThat(findingRejection(topic, FINDING + " {}")).isEqualTo(Rejection.NOT_JSON);
    assertThat(validator.finding(topic, new byte[] {(byte) 0xc3, 0x28}).rejection())
        .isEqualTo(Rejection.NOT_JSON);
    assertThat(findingRejection(topic, "[1,2]")).isEqualTo(Rejection.NOT_OBJECT);
    assertThat(findingRejection(topic, FINDING.replace("\"v\":1", "\"v\":2"))).isEqualTo(Rejection.BAD_VERSION);
    assertThat(findingRejection(topic, FINDING.replace("\"v\":1", "\"v\":\"1\""))).isEqualTo(Rejection.BAD_VERSION);
    assertThat(findingRejection(topic, FINDING.replace("\"v\":1,", ""))).isEqualTo(Rejection.MISSING_FIELD);
    assertThat(findingRejection("peerscope/pi-2/findings", FINDING)).isEqualTo(Rejection.SENSOR_MISMATCH);
    assertThat(findingRejection("peerscope/+/findings", FINDING)).isEqualTo(Rejection.BAD_TOPIC);
    assertThat(findingRejection("other/pi-1/findings", FINDING)).isEqualTo(Rejection.BAD_TOPIC);
    assertThat(findingRejection(topic, FINDING.replace("\"subject\":\"mail1.example.com\",", "")))
        .isEqualTo(Rejection.MISSING_FIELD);
    assertThat(findingRejection(topic, FINDING.replace("dns.exclusive-peer", "DNS exclusive")))
        .isEqualTo(Rejection.BAD_KIND);
    assertThat(findingRejection(topic, FINDING.replace("dns.exclusive-peer", "dns")))
        .isEqualTo(Rejection.BAD_KIND);
    assertThat(findingRejection(topic, FINDING.replace("\"count\":123", "\"count\":-1")))
        .isEqualTo(Rejection.BAD_FIELD);
    assertThat(findingRejection(topic, FINDING.replace("\"count\":123", "\"count\":1.5")))
        .isEqualTo(Rejection.BAD_FIELD);
    assertThat(findingRejection(topic, FINDING.replace("2016-05-13T14:40:00Z", "yesterday")))
        .isEqualTo(Rejection.BAD_FIELD);
    assertThat(findingRejection(topic, FINDING.replace("2016-05-13T14:40:00Z", "2016-05-01T00:00:00Z")))
        .as("last_seen before first_seen").isEqualTo(Rejection.BAD_FIELD);
    assertThat(findingRejection(topic, FINDING.replace("2016-05-02T06:12:00Z", "1969-12-31T23:59:59Z")))
        .isEqualTo(Rejection.BAD_FIELD);
    assertThat(findingRejection(topic, FINDING.replace("2016-05-13T14:40:00Z", "+20000-01-01T00:00:00Z")))
        .isEqualTo(Rejection.BAD_FIELD);
    assertThat(findingRejection(topic, FINDING.replace("\"subject\":\"mail1.example.com\"", "\"subject\":\"\"")))
        .isEqualTo(Rejection.BAD_FIELD);
    assertThat(findingRejection(topic, FINDING.replace("\"subject\":\"mail1.example.com\"",
        "\"subject\":\"" + "a".repeat(1025) + "\""))).isEqualTo(Rejection.BAD_FIELD);
    assertThat(findingRejection(topic, FINDING.replace("0123456789abcdef0123456789abcdef", "id with spaces")))
        .isEqualTo(Rejection.BAD_FIELD);
    assertThat(findingRejection(topic, FINDING.replace("\"evidence\":{", "\"evidence\":[1],\"x\":{")))
        .isEqualTo(Rejection.BAD_FIELD);
  }

  @Test
  void hostileJsonShapesAreRefusedNotThrown() {
    String topic = "peerscope/pi-1/findings";
    assertThat(findingRejection(topic, FINDING.replace("\"count\":123", "\"count\":123,\"count\":124")))
        .as("duplicate keys").isEqualTo(Rejection.NOT_JSON);
    String deep = "[".repeat(100) + "]".repeat(100);
    assertThat(findingRejection(topic, FINDING.replace("\"evidence\":{", "\"deep\":" + deep + ",\"evidence\":{")))
        .as("nesting beyond 32").isEqualTo(Rejection.NOT_JSON);
    assertThat(findingRejection(topic, FINDING.replace("\"count\":123", "\"count\":99999999999999999999999")))
        .isEqualTo(Rejection.BAD_FIELD);
  }

  @Test
  void statusAndSummaryAreChecked() {
    String status = """
        {"v":1,"sensor":"pi-1","state":"online","version":"0.1.0","ts":"2026-01-01T00:00:00Z",
         "counters":{"capture.packets":10,"dns.parse_errors.truncated":2}}""";
    Checked<SensorStatus> ok = validator.status("peerscope/pi-1/status", bytes(status));
    assertThat(ok.value().counters()).containsEntry("dns.parse_errors.truncated", 2L);
    assertThat(validator.status("peerscope/pi-1/status", bytes(status.replace("online", "sleeping")))
        .rejection()).isEqualTo(Rejection.BAD_STATE);
    assertThat(validator.status("peerscope/pi-1/status", bytes(status.replace(":10,", ":\"ten\",")))
        .rejection()).isEqualTo(Rejection.BAD_FIELD);
    assertThat(validator.status("peerscope/pi-1/status", bytes(status.replace("capture.packets", "bad name!")))
        .rejection()).isEqualTo(Rejection.BAD_FIELD);
    assertThat(validator.status("peerscope/pi-9/status", bytes(status)).rejection())
        .isEqualTo(Rejection.SENSOR_MISMATCH);
    assertThat(validator.status("peerscope/pi-1/status", new byte[0]).rejection())
        .as("a cleared retained status").isEqualTo(Rejection.EMPTY);

    String summary = """
        {"v":1,"sensor":"pi-1","window_start":"2026-01-01T00:00:00Z","window_end":"2026-01-01T00:01:00Z",
         "counters":{"dns.transactions":5},"highlights":{"top_names":["a.example"]}}""";
    Checked<SensorSummary> s = validator.summary("peerscope/pi-1/summary", bytes(summary));
    assertThat(s.value().counters()).containsEntry("dns.transactions", 5L);
    assertThat(s.value().highlights()).containsKey("top_names");
    assertThat(validator.summary("peerscope/pi-1/summary", bytes(summary.replace("\"v\":1", "\"v\":0")))
        .rejection()).isEqualTo(Rejection.BAD_VERSION);
  }
}
