package io.peerscope.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * A password in every form it crosses the wire in, and the searches that prove none of them was
 * kept: AUTH LOGIN sends the password alone in base64, AUTH PLAIN sends
 * {@code authzid NUL authcid NUL password} in base64 (RFC 4616 section 2).
 */
final class Secrets {
  /** One way the password may appear; failures name it, never print the secret itself. */
  private record Form(String name, String text) {}

  private final List<Form> forms;

  Secrets(String password, String user) {
    this.forms =
        List.of(
            new Form("the password", password),
            new Form("the password in base64 (AUTH LOGIN)", base64(password)),
            new Form("AUTH PLAIN's response in base64", base64("\0" + user + "\0" + password)),
            new Form("AUTH PLAIN's response with authzid in base64", base64(user + "\0" + user + "\0" + password)));
  }

  /** None of the forms occurs in any of the texts. */
  void assertAbsent(String where, List<String> texts) {
    for (String text : texts) {
      for (Form form : forms) {
        assertThat(text.contains(form.text())).as("%s in %s", form.name(), where).isFalse();
      }
    }
  }

  /**
   * None of the forms occurs in the bytes of the file, or of any file under the directory. When
   * {@code control} is given, it must occur in at least one file: proof that the files hold
   * their text as plain bytes, where a password would be found.
   */
  void assertAbsentInFiles(String where, Path root, String control) throws IOException {
    assertThat(root).as(where).exists();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    }
    boolean controlSeen = false;
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      for (Form form : forms) {
        assertThat(indexOf(bytes, form.text().getBytes(StandardCharsets.UTF_8)))
            .as("%s in %s: %s", form.name(), where, f)
            .isNegative();
      }
      controlSeen |= control != null && indexOf(bytes, control.getBytes(StandardCharsets.UTF_8)) >= 0;
    }
    if (control != null) {
      assertThat(controlSeen).as("'%s' in the files of %s %s (the search must see text)", control, where, files).isTrue();
    }
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
