package io.peerscope.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The password searches of the live mail test find what they must find. */
class SecretsTest {
  private static final String PASSWORD = "Pw7kQx2mNb9";
  private final Secrets secrets = new Secrets(PASSWORD, "alice");

  @TempDir Path dir;

  @Test
  void authLoginsBase64LineIsFoundInAFileDeepInTheTree() throws Exception {
    Path nested = Files.createDirectories(dir.resolve("a").resolve("b"));
    Files.writeString(dir.resolve("a").resolve("ok.txt"), "smtp.cleartext-auth");
    // what AUTH LOGIN puts on the wire after "334 UGFzc3dvcmQ6" (Password:)
    Files.writeString(nested.resolve("leak.bin"), "x\u0000UHc3a1F4Mm1OYjk=\u0000y", StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> secrets.assertAbsentInFiles("tree", dir, "smtp.cleartext-auth"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("leak.bin")
        .hasMessageContaining("(AUTH LOGIN)")
        // a failing test says which form leaked, and does not print it again
        .hasMessageNotContaining("UHc3a1F4Mm1OYjk=")
        .hasMessageNotContaining(PASSWORD);
  }

  @Test
  void authPlainsInitialResponseIsFound() {
    // base64("\0alice\0Pw7kQx2mNb9"), RFC 4616
    assertThatThrownBy(() -> secrets.assertAbsent("payloads", List.of("AUTH PLAIN AGFsaWNlAFB3N2tReDJtTmI5")))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> secrets.assertAbsent("payloads", List.of("{\"x\":\"" + PASSWORD + "\"}")))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void cleanFilesPassAndAMissingControlFails() throws Exception {
    Files.writeString(dir.resolve("findings.jsonl"), "{\"kind\":\"smtp.cleartext-auth\",\"mechanisms\":{\"LOGIN\":1}}\n");
    secrets.assertAbsentInFiles("logs", dir, "smtp.cleartext-auth");
    secrets.assertAbsent("payloads", List.of("peerscope/s/findings {\"kind\":\"smtp.cleartext-auth\"}"));
    assertThatThrownBy(() -> secrets.assertAbsentInFiles("logs", dir, "smtp.weak-tls"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the search must see text");
  }

  @Test
  void indexOfFindsTheNeedleAtTheEdges() {
    byte[] hay = "abcdef".getBytes(StandardCharsets.US_ASCII);
    assertThat(Secrets.indexOf(hay, "ab".getBytes(StandardCharsets.US_ASCII))).isZero();
    assertThat(Secrets.indexOf(hay, "ef".getBytes(StandardCharsets.US_ASCII))).isEqualTo(4);
    assertThat(Secrets.indexOf(hay, "fg".getBytes(StandardCharsets.US_ASCII))).isNegative();
    assertThat(Secrets.indexOf(new byte[0], "a".getBytes(StandardCharsets.US_ASCII))).isNegative();
  }
}
